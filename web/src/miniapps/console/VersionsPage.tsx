// /dev/apps/<appid>/versions: upload a package, and move versions through their states:
// development -> trial (for testers) -> under review -> released (or rejected, with the reason);
// roll back to an earlier release. Admins may release a version under review from here too.

import { useRef, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t, tCount } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { listVersions, PACKAGE_MAX_BYTES, rollback, stepVersion, uploadVersion, type Version, type VersionStep } from "./api";
import { Frame } from "./Console";
import { UploadIcon } from "./icons";
import { Badge, formatBytes, Panel, problemText, StatusBadge } from "./parts";
import { isAdmin } from "./store";
import { useApp } from "./useApp";
import { useLoad } from "./useLoad";

type Action = VersionStep | "rollback";

const ACTION_LABELS: Record<Action, "console.versions.trial" | "console.versions.submit" | "console.versions.release" | "console.versions.rollback"> = {
  trial: "console.versions.trial",
  submit: "console.versions.submit",
  approve: "console.versions.release",
  rollback: "console.versions.rollback",
};

function actionsFor(version: Version, admin: boolean): Action[] {
  switch (version.status) {
    case "development":
      return ["trial", "submit"];
    case "trial":
      return ["submit"];
    case "under_review":
      return admin ? ["approve"] : [];
    case "released":
      return version.live ? [] : ["rollback"];
    case "rejected":
      return [];
  }
}

function Uploader({ appId, onUploaded }: { appId: string; onUploaded: (version: Version) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(file: File) {
    setError(null);
    if (file.size > PACKAGE_MAX_BYTES) {
      setError(t("error.miniapps.package_too_large"));
      return;
    }
    setProgress(0);
    try {
      const version = await uploadVersion(appId, file, setProgress);
      onUploaded(version);
      showToast(t("console.versions.uploaded", { version: version.version }));
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <Panel title={t("console.versions.upload_title")} testid="version-upload">
      <div class="cupload">
        <span class="cupload__icon">
          <UploadIcon size={28} />
        </span>
        <div class="cupload__text">
          <div>{t("console.versions.upload_body")}</div>
          <div class="cmuted">{t("console.versions.upload_limits")}</div>
        </div>
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          accept=".zip,application/zip"
          data-testid="version-file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void send(file);
          }}
        />
        <Button size="small" busy={progress !== null} testid="version-upload-button" onClick={() => input.current?.click()}>
          {progress === null ? t("console.versions.choose") : `${Math.round(progress * 100)}%`}
        </Button>
      </div>
      {progress !== null && (
        <div class="cprogress" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
          <span style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      )}
      <div data-testid="version-upload-error">
        <FieldError message={error} />
      </div>
    </Panel>
  );
}

function VersionRow({
  version,
  admin,
  busy,
  onAction,
}: {
  version: Version;
  admin: boolean;
  busy: boolean;
  onAction: (action: Action) => void;
}) {
  const actions = actionsFor(version, admin);
  return (
    <div class="cversion" data-testid="version-row" data-version={version.version}>
      <div class="cversion__head">
        <span class="cversion__name">{version.version}</span>
        <StatusBadge status={version.status} />
        {version.live && (
          <Badge tone="live" testid="version-live">
            {t("console.versions.live")}
          </Badge>
        )}
      </div>
      <div class="cversion__meta">
        {formatBytes(version.size)} · {tCount("console.versions.pages", version.pages.length)} ·{" "}
        {t("console.versions.uploaded_at", { date: formatDateTime(version.created_at) })}
      </div>
      {version.permissions.length > 0 && (
        <div class="cversion__chips">
          {version.permissions.map((permission) => (
            <span class="cchip" key={permission}>
              {permission}
            </span>
          ))}
        </div>
      )}
      {version.status === "under_review" && version.submitted_at && (
        <div class="cversion__note">{t("console.versions.waiting", { date: formatDateTime(version.submitted_at) })}</div>
      )}
      {version.status === "rejected" && (
        <div class="creject" data-testid="version-reject-reason">
          <strong>{t("console.versions.rejected_because")}</strong> {version.reject_reason}
        </div>
      )}
      {actions.length > 0 && (
        <div class="cversion__actions">
          {actions.map((action) => (
            <Button
              key={action}
              size="small"
              variant={action === "submit" || action === "approve" ? "primary" : "default"}
              disabled={busy}
              testid={`version-${action}`}
              onClick={() => onAction(action)}
            >
              {t(ACTION_LABELS[action])}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}

export function VersionsPage({ appId }: { appId: string }) {
  const app = useApp(appId);
  const versions = useLoad(() => listVersions(appId), [appId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ version: Version; action: Action } | null>(null);

  async function run(version: Version, action: Action) {
    setBusy(true);
    setError(null);
    try {
      if (action === "rollback") await rollback(appId, version.version);
      else await stepVersion(appId, version.version, action);
      setConfirm(null);
      versions.reload();
      app.reload();
    } catch (caught) {
      setConfirm(null);
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const list = versions.data;
  let body;
  if (list === null && versions.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(versions.error)} onRetry={versions.reload} />;
  } else if (list === null) body = <LoadingState />;
  else {
    body = (
      <>
        <Uploader appId={appId} onUploaded={() => versions.reload()} />
        <Panel title={t("console.versions.list")} testid="version-list" flush>
          <FieldError message={error} />
          {list.length === 0 ? (
            <p class="cempty__text cempty__text--pad">{t("console.versions.empty")}</p>
          ) : (
            list.map((version) => (
              <VersionRow
                key={version.version}
                version={version}
                admin={isAdmin.value}
                busy={busy}
                onAction={(action) =>
                  action === "trial" ? void run(version, action) : setConfirm({ version, action })
                }
              />
            ))
          )}
        </Panel>
        <p class="cnote">{t("console.versions.flow")}</p>
      </>
    );
  }

  return (
    <Frame
      title={t("console.nav.versions")}
      backTo="/dev"
      place={{ appId, section: "versions" }}
      testid="console-versions-page"
    >
      {body}
      {confirm && (
        <Dialog
          title={t(`console.versions.confirm.${confirm.action}`, { version: confirm.version.version })}
          confirmLabel={t(ACTION_LABELS[confirm.action])}
          busy={busy}
          onConfirm={() => void run(confirm.version, confirm.action)}
          onCancel={() => setConfirm(null)}
        >
          {t(`console.versions.confirm.${confirm.action}_body`)}
        </Dialog>
      )}
    </Frame>
  );
}
