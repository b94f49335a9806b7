import { computed } from "@preact/signals";
import { conversations } from "../chat/store";
import { pendingIncoming } from "../contacts/store";
import { t } from "../i18n/t";
import { Badge } from "../ui/Badge";
import { navigate } from "./router";
import { TABS, type TabId } from "./tabs";

/** Unread messages of unmuted chats as a count; muted ones only as a dot. */
const chatsBadge = computed(() => {
  let count = 0;
  let mutedUnread = false;
  for (const conversation of conversations.value ?? []) {
    if (conversation.muted) mutedUnread ||= conversation.unread > 0;
    else count += conversation.unread;
  }
  return { count, dot: count === 0 && mutedUnread };
});

function TabBadge({ tab }: { tab: TabId }) {
  if (tab === "chats") {
    const { count, dot } = chatsBadge.value;
    return dot ? <Badge count={0} dot testid="tab-chats-badge" /> : <Badge count={count} testid="tab-chats-badge" />;
  }
  if (tab === "contacts") return <Badge count={pendingIncoming.value} testid="tab-contacts-badge" />;
  return null;
}

export function TabBar({ active }: { active: TabId }) {
  return (
    <nav class="tabbar" aria-label="Plaza">
      {TABS.map(({ id, path, label, Icon }) => {
        const isActive = id === active;
        return (
          <a
            key={id}
            href={path}
            class={isActive ? "tabbar__item tabbar__item--active" : "tabbar__item"}
            aria-current={isActive ? "page" : undefined}
            data-testid={`tab-${id}`}
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              navigate(path, { replace: true });
            }}
          >
            <span class="tabbar__icon">
              <Icon active={isActive} size={26} />
              <TabBadge tab={id} />
            </span>
            <span class="tabbar__label">{t(label)}</span>
          </a>
        );
      })}
    </nav>
  );
}
