// The inline error under a field (or a form). Renders nothing without a message.

export function FieldError({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p class="field-error" role="alert" id={id} data-testid="field-error">
      {message}
    </p>
  );
}
