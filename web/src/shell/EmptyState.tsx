import type { ComponentChildren } from "preact";

/** The friendly placeholder of a tab that is not built yet. */
export function EmptyState({
  icon,
  title,
  body,
  badge,
}: {
  icon: ComponentChildren;
  title: ComponentChildren;
  body: ComponentChildren;
  badge?: ComponentChildren;
}) {
  return (
    <div class="empty" data-testid="empty-state">
      <div class="empty__icon">{icon}</div>
      <h2 class="empty__title">{title}</h2>
      <p class="empty__body">{body}</p>
      {badge && <span class="empty__badge">{badge}</span>}
    </div>
  );
}
