// The red unread badge: a count (99+ above 99), or a dot.

export function Badge({ count, dot = false, testid }: { count: number; dot?: boolean; testid?: string | undefined }) {
  if (dot) return <span class="badge badge--dot" data-testid={testid} aria-hidden="true" />;
  if (count <= 0) return null;
  return (
    <span class="badge" data-testid={testid}>
      {count > 99 ? "99+" : count}
    </span>
  );
}
