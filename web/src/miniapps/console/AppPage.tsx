// /dev/apps/<appid>: the app's identity (id to copy, icon from the live version), its settings,
// and its secret, which can be replaced (the old one stops working at once).

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { rotateSecret, updateApp, type AppSecret, type MiniApp } from "./api";
import { AppFieldsForm, domainList, formField, type AppFields } from "./AppForm";
import { appPath, Frame } from "./Console";
import { KeyIcon } from "./icons";
import { AppIcon, Badge, CopyButton, Panel } from "./parts";
import { SecretDialog } from "./SecretDialog";
import { rememberApp } from "./store";
import { useApp } from "./useApp";

function fieldsOf(app: MiniApp): AppFields {
  return {
    name: app.name,
    category: app.category,
    description: app.description,
    domains: app.server_domains.join("\n"),
  };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function Identity({ app }: { app: MiniApp }) {
  return (
    <Panel testid="app-identity">
      <div class="cidentity">
        <AppIcon app={app} size={64} />
        <div class="cidentity__text">
          <div class="cidentity__name" data-testid="app-detail-name">
            {app.name}
          </div>
          <div class="cidentity__meta">
            <Badge tone="plain">{t(`console.category.${app.category}`)}</Badge>
            {app.live_version ? (
              <Badge tone="released" testid="app-live-version">
                {t("console.app.live", { version: app.live_version })}
              </Badge>
            ) : (
              <Badge tone="development" testid="app-live-version">
                {t("console.app.not_released")}
              </Badge>
            )}
          </div>
        </div>
      </div>
      <dl class="cfacts">
        <div class="cfacts__row">
          <dt>{t("console.app.app_id")}</dt>
          <dd class="cfacts__copy">
            <code data-testid="app-detail-id">{app.app_id}</code>
            <CopyButton text={app.app_id} testid="app-id-copy" />
          </dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.app.created")}</dt>
          <dd>{formatDateTime(app.created_at)}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.app.updated")}</dt>
          <dd>{formatDateTime(app.updated_at)}</dd>
        </div>
      </dl>
      {!app.live_version && (
        <p class="cnote cnote--in-panel">
          {t("console.app.next_step")}{" "}
          <button type="button" class="link-button" onClick={() => navigate(appPath(app.app_id, "versions"), { replace: true })}>
            {t("console.app.go_versions")}
          </button>
        </p>
      )}
    </Panel>
  );
}

function Settings({ app, onSaved }: { app: MiniApp; onSaved: (app: MiniApp) => void }) {
  const [values, setValues] = useState<AppFields>(fieldsOf(app));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setValues(fieldsOf(app)), [app]);

  const domains = domainList(values.domains);
  const changed =
    values.name.trim() !== app.name ||
    values.category !== app.category ||
    values.description.trim() !== app.description ||
    !sameList(domains, app.server_domains);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const saved = await updateApp(app.app_id, {
        name: values.name.trim(),
        category: values.category,
        description: values.description.trim(),
        server_domains: domains,
      });
      onSaved(saved);
      showToast(t("common.saved"));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title={t("console.app.settings")} testid="app-settings">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (changed && values.name.trim() !== "") void save();
        }}
      >
        <AppFieldsForm
          values={values}
          onChange={(next) => {
            setValues(next);
            setError(null);
          }}
          fieldError={error instanceof ApiError ? formField(error.field) : null}
        />
        <FieldError message={error === null ? null : errorMessage(error)} />
        <div class="cform__actions">
          <Button variant="default" disabled={!changed || busy} onClick={() => setValues(fieldsOf(app))}>
            {t("console.app.reset")}
          </Button>
          <Button type="submit" busy={busy} disabled={!changed || values.name.trim() === ""} testid="app-save">
            {t("common.save")}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function Secret({ app, onRotated }: { app: MiniApp; onRotated: (rotated: AppSecret) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<AppSecret | null>(null);

  async function rotate() {
    setBusy(true);
    setError(null);
    try {
      const rotated = await rotateSecret(app.app_id);
      setConfirming(false);
      setShown(rotated);
      onRotated(rotated);
    } catch (caught) {
      setError(errorMessage(caught));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title={t("console.secret.panel")} testid="app-secret">
      <div class="csecret-row">
        <span class="csecret-row__icon">
          <KeyIcon size={22} />
        </span>
        <div class="csecret-row__text">
          <div>{t("console.secret.stored")}</div>
          <div class="cmuted">{t("console.secret.rotated_at", { date: formatDateTime(app.secret_rotated_at) })}</div>
        </div>
      </div>
      <div class="cform__actions">
        <Button variant="danger" size="small" testid="secret-rotate" onClick={() => setConfirming(true)}>
          {t("console.secret.rotate")}
        </Button>
      </div>
      <FieldError message={error} />
      {confirming && (
        <Dialog
          title={t("console.secret.rotate_title")}
          confirmLabel={t("console.secret.rotate")}
          danger
          busy={busy}
          onConfirm={() => void rotate()}
          onCancel={() => setConfirming(false)}
        >
          {t("console.secret.rotate_body")}
        </Dialog>
      )}
      {shown && <SecretDialog appId={shown.app_id} secret={shown.app_secret} onDone={() => setShown(null)} />}
    </Panel>
  );
}

export function AppPage({ appId }: { appId: string }) {
  const loaded = useApp(appId);
  const app = loaded.data;
  const saved = (next: MiniApp) => {
    loaded.set(next);
    rememberApp(next);
  };

  let body;
  if (app === null && loaded.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(loaded.error)} onRetry={loaded.reload} />;
  } else if (app === null) body = <LoadingState />;
  else {
    body = (
      <div class="cgrid">
        <div class="cgrid__main">
          <Identity app={app} />
          <Settings app={app} onSaved={saved} />
        </div>
        <div class="cgrid__side">
          <Secret app={app} onRotated={(rotated) => saved({ ...app, secret_rotated_at: rotated.rotated_at })} />
        </div>
      </div>
    );
  }
  return (
    <Frame
      title={app?.name ?? t("console.nav.overview")}
      backTo="/dev"
      place={{ appId, section: "overview" }}
      testid="console-app-page"
    >
      {body}
    </Frame>
  );
}
