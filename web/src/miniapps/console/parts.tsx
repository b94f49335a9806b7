// Small pieces every console page uses: panels, badges, the app's icon, copy buttons, form fields.

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t, type MessageKey } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { ApiError } from "../../api/client";
import { directoryEntry, type MiniApp, type VersionStatus } from "./api";
import { copyText } from "./copy";
import { CopyIcon } from "./icons";

export function Panel({
  title,
  actions,
  children,
  testid,
  flush = false,
}: {
  title?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  testid?: string;
  /** No inner padding: the child is a list that runs to the edges. */
  flush?: boolean;
}) {
  return (
    <section class="cpanel" data-testid={testid}>
      {(title || actions) && (
        <header class="cpanel__head">
          {title && <h2 class="cpanel__title">{title}</h2>}
          {actions && <div class="cpanel__actions">{actions}</div>}
        </header>
      )}
      <div class={flush ? "cpanel__body cpanel__body--flush" : "cpanel__body"}>{children}</div>
    </section>
  );
}

const STATUS_KEYS: Record<VersionStatus, MessageKey> = {
  development: "console.status.development",
  trial: "console.status.trial",
  under_review: "console.status.under_review",
  released: "console.status.released",
  rejected: "console.status.rejected",
};

export function StatusBadge({ status }: { status: VersionStatus }) {
  return (
    <span class={`cbadge cbadge--${status}`} data-testid="version-status" data-status={status}>
      {t(STATUS_KEYS[status])}
    </span>
  );
}

export function Badge({ tone, children, testid }: { tone: string; children: ComponentChildren; testid?: string }) {
  return (
    <span class={`cbadge cbadge--${tone}`} data-testid={testid}>
      {children}
    </span>
  );
}

const TILE_COLOURS = ["#07C160", "#10AEFF", "#FA9D3B", "#6467F0", "#FA5151", "#576B95", "#C87D2F"];

function tileColour(seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return TILE_COLOURS[Math.abs(hash) % TILE_COLOURS.length] ?? "#07C160";
}

/** The live version's icon, or the name's first letter on a coloured tile before any release. */
export function AppIcon({ app, size = 48 }: { app: Pick<MiniApp, "app_id" | "name" | "live_version">; size?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    setUrl(null);
    setBroken(false);
    if (app.live_version === null) return;
    directoryEntry(app.app_id).then(
      (entry) => setUrl(entry.icon_url),
      () => setUrl(null),
    );
  }, [app.app_id, app.live_version]);
  const style = { width: `${size}px`, height: `${size}px`, borderRadius: `${Math.round(size * 0.24)}px` };
  if (url && !broken) {
    return <img class="capp-icon" src={url} alt="" style={style} onError={() => setBroken(true)} data-testid="app-icon-image" />;
  }
  const letter = Array.from(app.name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span
      class="capp-icon capp-icon--letter"
      style={{ ...style, background: tileColour(app.app_id), fontSize: `${Math.round(size * 0.44)}px` }}
      aria-hidden="true"
    >
      {letter}
    </span>
  );
}

export function CopyButton({ text, label, testid }: { text: string; label?: string; testid?: string }) {
  return (
    <button
      type="button"
      class="ccopy"
      data-testid={testid}
      aria-label={label ?? t("console.copy")}
      title={label ?? t("console.copy")}
      onClick={() => {
        void copyText(text).then((copied) =>
          showToast(copied ? t("console.copied") : t("console.copy_failed"), copied ? "done" : "warning"),
        );
      }}
    >
      <CopyIcon size={16} />
      <span>{t("console.copy")}</span>
    </button>
  );
}

/** A labelled form row: the label above the control on phones, beside it on desktop. */
export function FormRow({
  label,
  hint,
  children,
  htmlFor,
}: {
  label: ComponentChildren;
  hint?: ComponentChildren;
  children: ComponentChildren;
  htmlFor?: string;
}) {
  return (
    <div class="cform__row">
      <label class="cform__label" for={htmlFor}>
        {label}
      </label>
      <div class="cform__control">
        {children}
        {hint && <p class="cform__hint">{hint}</p>}
      </div>
    </div>
  );
}

/** An API error in the current language; for a refused package, with the server's reason too. */
export function problemText(error: unknown): string {
  const message = errorMessage(error);
  if (error instanceof ApiError && error.detail && !message.includes(error.detail) && error.detail !== message) {
    return `${message} ${error.detail}`;
  }
  return message;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
