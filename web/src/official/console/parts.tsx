// Pieces the official console's pages share: the account's avatar and status badge, the
// operator's account looked up from the store, a page body that waits for it, and an image
// or document upload button.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Upload, UploadKind } from "../../api/types";
import { upload } from "../../chat/api";
import { errorMessage } from "../../i18n/errors";
import { t, type MessageKey } from "../../i18n/t";
import { Avatar } from "../../ui/Avatar";
import { ErrorState, LoadingState } from "../../ui/States";
import { Badge } from "../../miniapps/console/parts";
import { UploadIcon } from "../../miniapps/console/icons";
import type { AccountStatus, AccountType, Application, OfficialAccount } from "./api";
import { accounts, loadAccounts } from "./store";

const STATUS_KEYS: Record<AccountStatus, MessageKey> = {
  pending: "official.console.status.pending",
  verified: "official.console.status.verified",
  rejected: "official.console.status.rejected",
};

/** The badge colours the developer console gives versions, matched by meaning. */
const STATUS_TONES: Record<AccountStatus, string> = { pending: "under_review", verified: "released", rejected: "rejected" };

export const TYPE_KEYS: Record<AccountType, MessageKey> = {
  subscription: "official.console.type.subscription",
  service: "official.console.type.service",
};

export const QUOTA_KEYS: Record<AccountType, MessageKey> = {
  subscription: "official.console.type.subscription_quota",
  service: "official.console.type.service_quota",
};

export function StatusBadge({ status }: { status: AccountStatus }) {
  return (
    <span class={`cbadge cbadge--${STATUS_TONES[status]}`} data-testid="oc-status" data-status={status}>
      {t(STATUS_KEYS[status])}
    </span>
  );
}

export function TypeBadge({ type }: { type: AccountType }) {
  return <Badge tone="plain">{t(TYPE_KEYS[type])}</Badge>;
}

export function AccountAvatar({ account, size = 48 }: { account: Pick<OfficialAccount, "id" | "name" | "avatar_url">; size?: number }) {
  const urls = account.avatar_url ? { original: account.avatar_url, small: account.avatar_url, medium: account.avatar_url } : null;
  return <Avatar name={account.name} seed={account.id} avatar={urls} size={size} />;
}

/** One of my accounts from the store, which is loaded again on each page: an admin may have
 * reviewed it meanwhile. */
function useAccount(accountId: string): { account: Application | null; error: unknown; retry: () => void } {
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    loadAccounts().catch(setError);
  };
  useEffect(load, [accountId]);
  return { account: accounts.value?.find((item) => item.id === accountId) ?? null, error, retry: load };
}

/** Renders `children` with my account once it is known, and a loading or error state before. */
export function WithAccount({ accountId, children }: { accountId: string; children: (account: Application) => ComponentChildren }) {
  const { account, error, retry } = useAccount(accountId);
  if (account) return <>{children(account)}</>;
  if (error !== null) return <ErrorState title={t("official.console.error")} message={errorMessage(error)} onRetry={retry} />;
  if (accounts.value !== null) return <ErrorState title={t("official.console.not_found")} />;
  return <LoadingState />;
}

/** The inbox is not pushed to operators: pages that show it ask again this often. */
export const INBOX_POLL_MS = 15_000;

/** Calls `reload` every `ms` while the page is shown and its tab visible. */
export function usePoll(reload: () => void, ms: number): void {
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") reload();
    }, ms);
    return () => window.clearInterval(timer);
  }, [reload, ms]);
}

/** A button that picks a file and uploads it; `onUploaded` gets the upload. */
export function UploadButton({
  kind,
  accept,
  label,
  testid,
  onUploaded,
}: {
  kind: UploadKind;
  accept: string;
  label: string;
  testid: string;
  onUploaded: (upload: Upload) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(file: File) {
    setError(null);
    setProgress(0);
    try {
      onUploaded(await upload(kind, file, file.name, { onProgress: setProgress }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setProgress(null);
    }
  }

  return (
    <span class="oupload">
      <button type="button" class="ccopy" disabled={progress !== null} onClick={() => input.current?.click()}>
        <UploadIcon size={16} />
        <span>{progress === null ? label : `${Math.round(progress * 100)}%`}</span>
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testid}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file) void send(file);
        }}
      />
      {error && (
        <span class="field-error" role="alert" data-testid={`${testid}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
