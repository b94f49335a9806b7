// The capsule at the top right of every mini-program, as WeChat draws it: "···" opens the
// menu (send to chat, reopen, about), the ring closes the mini-program. Both belong to the
// host: the mini-program cannot draw over or hide them.

import type { DirectoryEntry } from "../api";
import { hasMessage, t } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { ChatsIcon, InfoIcon, UndoIcon } from "../../ui/icons";
import { Overlay } from "../../ui/Overlay";
import { useEscape } from "../../ui/useEscape";
import { AppIcon } from "./AppIcon";

export function Capsule({ onMenu, onClose }: { onMenu: () => void; onClose: () => void }) {
  return (
    <div class="mp-capsule" data-testid="capsule">
      <button type="button" class="mp-capsule__button" aria-label={t("mphost.menu")} data-testid="capsule-menu" onClick={onMenu}>
        <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
          <circle cx="4" cy="11" r="2" fill="currentColor" />
          <circle cx="11" cy="11" r="2.6" fill="currentColor" />
          <circle cx="18" cy="11" r="2" fill="currentColor" />
        </svg>
      </button>
      <span class="mp-capsule__divider" aria-hidden="true" />
      <button type="button" class="mp-capsule__button" aria-label={t("mphost.close")} data-testid="capsule-close" onClick={onClose}>
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" stroke-width="1.8" />
          <circle cx="10" cy="10" r="2.6" fill="currentColor" />
        </svg>
      </button>
    </div>
  );
}

export function CapsuleMenu({
  entry,
  onShare,
  onReload,
  onAbout,
  onClose,
}: {
  entry: DirectoryEntry;
  onShare: () => void;
  onReload: () => void;
  onAbout: () => void;
  onClose: () => void;
}) {
  useEscape(onClose);
  const items = [
    { id: "share", label: t("mphost.menu_share"), Icon: ChatsIcon, run: onShare },
    { id: "reload", label: t("mphost.menu_reload"), Icon: UndoIcon, run: onReload },
    { id: "about", label: t("mphost.menu_about"), Icon: InfoIcon, run: onAbout },
  ];
  return (
    <Overlay>
      <div class="overlay overlay--bottom" onClick={onClose}>
        <div class="mp-menu" role="dialog" aria-modal="true" data-testid="capsule-sheet" onClick={(event) => event.stopPropagation()}>
          <div class="mp-menu__head">
            <AppIcon src={entry.icon_url} name={entry.name} size={28} />
            <span class="mp-menu__name">{entry.name}</span>
          </div>
          <div class="mp-menu__grid">
            {items.map(({ id, label, Icon, run }) => (
              <button
                key={id}
                type="button"
                class="mp-menu__item"
                data-testid={`capsule-${id}`}
                onClick={() => {
                  onClose();
                  run();
                }}
              >
                <span class="mp-menu__tile">
                  <Icon size={26} />
                </span>
                <span class="mp-menu__label">{label}</span>
              </button>
            ))}
          </div>
          <button type="button" class="mp-menu__cancel" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </div>
    </Overlay>
  );
}

/** The directory's name for a category (the console's words), else its id. */
function categoryLabel(category: string): string {
  const key = `console.category.${category}`;
  return hasMessage(key) ? t(key) : category;
}

export function AboutSheet({ entry, onClose }: { entry: DirectoryEntry; onClose: () => void }) {
  useEscape(onClose);
  const rows: [string, string][] = [
    [t("mphost.about_developer"), entry.developer],
    [t("mphost.about_category"), categoryLabel(entry.category)],
    [t("mphost.about_version"), entry.live_version],
    [t("mphost.about_app_id"), entry.app_id],
  ];
  return (
    <Overlay>
      <div class="overlay overlay--bottom" onClick={onClose}>
        <div class="mp-sheet mp-about" role="dialog" aria-modal="true" data-testid="about-sheet" onClick={(event) => event.stopPropagation()}>
          <div class="mp-about__head">
            <AppIcon src={entry.icon_url} name={entry.name} size={64} />
            <h2 class="mp-about__name">{entry.name}</h2>
            {entry.description && <p class="mp-sheet__text">{entry.description}</p>}
          </div>
          <dl class="mp-about__facts">
            {rows.map(([label, value]) => (
              <div class="mp-about__fact" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <Button variant="default" block testid="about-close" onClick={onClose}>
            {t("common.close")}
          </Button>
        </div>
      </div>
    </Overlay>
  );
}
