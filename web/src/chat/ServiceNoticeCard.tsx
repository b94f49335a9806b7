// Service Notifications: the read-only conversation where mini-programs' subscribe messages
// arrive (chat/service_notices.py). Its bell avatar, and each notice as a card: the
// mini-program's icon and name, the title, the rows, and "Open" into the mini-program at
// the notice's page.

import { useState } from "preact/hooks";
import type { Message } from "../api/types";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { initials } from "../ui/Avatar";
import { ChevronRightIcon } from "../ui/icons";
import "./service-notices.css";

/** What the server puts in a `service_notice` message. */
export interface ServiceNotice {
  app_id: string;
  app_name: string;
  icon_url: string | null;
  title: string;
  fields: { name: string; value: string }[];
  page: string;
}

export function isServiceNotice(content: Record<string, unknown>): content is Record<string, unknown> & ServiceNotice {
  return (
    typeof content["app_id"] === "string" &&
    typeof content["app_name"] === "string" &&
    typeof content["title"] === "string" &&
    typeof content["page"] === "string" &&
    Array.isArray(content["fields"])
  );
}

/** Where tapping the card goes: the host's mini-program route at the notice's page. */
export function noticeLink(notice: ServiceNotice): string {
  return `/mp/${encodeURIComponent(notice.app_id)}?${new URLSearchParams({ path: notice.page }).toString()}`;
}

/** The chat list's second line for a notice: "Coffee: Order ready". */
export function noticeSummary(content: Record<string, unknown>): string {
  return isServiceNotice(content) ? `${content.app_name}: ${content.title}` : t("chat.service.notice");
}

function BellIcon({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
      <path
        d="M12 3.2a1.3 1.3 0 0 1 1.3 1.3v.5a6 6 0 0 1 4.7 5.9v3.6l1.7 2.6a.6.6 0 0 1-.5.9H4.8a.6.6 0 0 1-.5-.9L6 14.5v-3.6A6 6 0 0 1 10.7 5v-.5A1.3 1.3 0 0 1 12 3.2z"
        fill="currentColor"
      />
      <path d="M9.6 19.2a2.5 2.5 0 0 0 4.8 0z" fill="currentColor" />
    </svg>
  );
}

/** The conversation's picture: a white bell on orange, like the system's own accounts. */
export function ServiceAvatar({ size }: { size: number }) {
  const style = { width: `${size}px`, height: `${size}px`, borderRadius: `${Math.round(size * 0.12)}px` };
  return (
    <span class="service-avatar" style={style} data-testid="service-avatar" aria-hidden="true">
      <BellIcon size={Math.round(size * 0.6)} />
    </span>
  );
}

function NoticeIcon({ notice }: { notice: ServiceNotice }) {
  const [broken, setBroken] = useState(false);
  if (!notice.icon_url || broken) {
    return (
      <span class="service-notice__icon service-notice__icon--letters" aria-hidden="true">
        {initials(notice.app_name)}
      </span>
    );
  }
  return <img class="service-notice__icon" src={notice.icon_url} alt="" onError={() => setBroken(true)} />;
}

/** One notice, across the conversation's width; the whole card opens the mini-program. */
export function ServiceNoticeRow({ message }: { message: Message }) {
  const content = message.content;
  if (message.recalled || !isServiceNotice(content)) {
    return (
      <div class="msg-system" data-testid="service-notice" data-message-id={message.id} data-seq={message.seq}>
        <span>{t("chat.preview.unsupported")}</span>
      </div>
    );
  }
  return (
    <div class="service-notice-row" data-message-id={message.id} data-seq={message.seq}>
      <a
        class="service-notice"
        href={noticeLink(content)}
        data-testid="service-notice"
        onClick={(event) => {
          event.preventDefault();
          navigate(noticeLink(content));
        }}
      >
        <span class="service-notice__app">
          <NoticeIcon notice={content} />
          <span class="service-notice__app-name">{content.app_name}</span>
        </span>
        <span class="service-notice__title">{content.title}</span>
        <span class="service-notice__fields">
          {content.fields.map((field) => (
            <span class="service-notice__field" key={field.name}>
              <span class="service-notice__name">{field.name}</span>
              <span class="service-notice__value">{field.value}</span>
            </span>
          ))}
        </span>
        <span class="service-notice__open">
          <span>{t("chat.service.open")}</span>
          <ChevronRightIcon size={16} />
        </span>
      </a>
    </div>
  );
}
