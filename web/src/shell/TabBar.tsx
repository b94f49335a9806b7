import { t } from "../i18n/t";
import { navigate } from "./router";
import { TABS, type TabId } from "./tabs";

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
            <Icon active={isActive} size={26} />
            <span class="tabbar__label">{t(label)}</span>
          </a>
        );
      })}
    </nav>
  );
}
