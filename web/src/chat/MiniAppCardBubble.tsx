// A mini-program page shared into a chat (kind "miniapp"): the app's icon and name, the
// page's title, and "Mini Program" at the foot, as WeChat shows one. Tapping it opens the
// mini-program at that page in the host.

import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { getDirectoryEntry } from "../miniapps/api";
import { navigate } from "../shell/router";
import { initials } from "../ui/Avatar";

/** What the server keeps of a shared page. */
export interface MiniAppCard {
  app_id: string;
  app_name: string;
  path: string;
  title: string;
}

export function isMiniAppCard(content: Record<string, unknown>): content is Record<string, unknown> & MiniAppCard {
  return (
    typeof content["app_id"] === "string" &&
    typeof content["path"] === "string" &&
    typeof content["title"] === "string"
  );
}

/** Where the card opens: the host's mini-program route at the shared page. */
export function miniAppCardLink(card: MiniAppCard): string {
  const query = card.path && card.path !== "/" ? `?${new URLSearchParams({ path: card.path }).toString()}` : "";
  return `/mp/${encodeURIComponent(card.app_id)}${query}`;
}

const icons = new Map<string, Promise<string | null>>();

/** The app's icon URL, asked once per app and page load; null when it is not released. */
function iconOf(appId: string): Promise<string | null> {
  let found = icons.get(appId);
  if (found === undefined) {
    found = getDirectoryEntry(appId).then(
      (entry) => entry.icon_url,
      () => null,
    );
    icons.set(appId, found);
  }
  return found;
}

export function MiniAppCardBubble({ card }: { card: MiniAppCard }) {
  const [icon, setIcon] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void iconOf(card.app_id).then((url) => live && setIcon(url));
    return () => {
      live = false;
    };
  }, [card.app_id]);
  const name = card.app_name || card.app_id;
  return (
    <button type="button" class="miniapp-card" data-testid="message-miniapp" onClick={() => navigate(miniAppCardLink(card))}>
      <span class="miniapp-card__app">
        {icon ? <img class="miniapp-card__icon" src={icon} alt="" /> : <span class="miniapp-card__icon">{initials(name)}</span>}
        <span class="miniapp-card__name">{name}</span>
      </span>
      <span class="miniapp-card__title">{card.title}</span>
      <span class="miniapp-card__cover" aria-hidden="true">
        {icon ? <img src={icon} alt="" /> : <span>{initials(name)}</span>}
      </span>
      <span class="miniapp-card__label">{t("chat.miniapp.label")}</span>
    </button>
  );
}
