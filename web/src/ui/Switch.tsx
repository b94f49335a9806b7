// A WeChat-style green switch.

export function Switch({
  checked,
  disabled = false,
  label,
  testid,
  onChange,
}: {
  checked: boolean;
  disabled?: boolean;
  label: string;
  testid?: string | undefined;
  onChange: (checked: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      class={checked ? "switch switch--on" : "switch"}
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      data-testid={testid}
      onClick={() => onChange(!checked)}
    >
      <span class="switch__knob" />
    </button>
  );
}
