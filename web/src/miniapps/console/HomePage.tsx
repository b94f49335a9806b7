// /dev: register as a developer, then the list of your mini-programs.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { formatDate } from "../../i18n/format";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { becomeDeveloper, DEVELOPER_NAME_MAX, type Developer, type MiniApp } from "./api";
import { appPath, Frame } from "./Console";
import { CodeIcon, ReviewIcon } from "./icons";
import { AppIcon, Badge, Panel } from "./parts";
import { apps, developer, isAdmin, loadApps, loadDeveloper } from "./store";

function Register() {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      developer.value = await becomeDeveloper(name.trim());
      apps.value = [];
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <div class="cwelcome" data-testid="become-developer">
      <span class="cwelcome__icon">
        <CodeIcon size={36} />
      </span>
      <h2 class="cwelcome__title">{t("console.welcome.title")}</h2>
      <p class="cwelcome__text">{t("console.welcome.body")}</p>
      <form
        class="cwelcome__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() !== "") void submit();
        }}
      >
        <label class="cform__label" for="developer-name">
          {t("console.welcome.name")}
        </label>
        <input
          id="developer-name"
          class="cinput"
          type="text"
          value={name}
          maxLength={DEVELOPER_NAME_MAX}
          placeholder={t("console.welcome.name_placeholder")}
          autoComplete="organization"
          data-testid="developer-name"
          onInput={(event) => {
            setName(event.currentTarget.value);
            setError(null);
          }}
        />
        <p class="cform__hint">{t("console.welcome.name_hint")}</p>
        <FieldError message={error} />
        <Button type="submit" block busy={busy} disabled={name.trim() === ""} testid="developer-submit">
          {t("console.welcome.submit")}
        </Button>
      </form>
    </div>
  );
}

function AppCard({ app }: { app: MiniApp }) {
  return (
    <button type="button" class="capp" data-testid="console-app" data-app-id={app.app_id} onClick={() => navigate(appPath(app.app_id))}>
      <AppIcon app={app} size={48} />
      <span class="capp__text">
        <span class="capp__name">{app.name}</span>
        <span class="capp__id">{app.app_id}</span>
        <span class="capp__meta">
          <Badge tone="plain">{t(`console.category.${app.category}`)}</Badge>
          {app.live_version ? (
            <Badge tone="released">{t("console.app.live", { version: app.live_version })}</Badge>
          ) : (
            <Badge tone="development">{t("console.app.not_released")}</Badge>
          )}
        </span>
      </span>
    </button>
  );
}

function AppList({ me }: { me: Developer }) {
  const list = apps.value;
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadApps().catch(setError);
  }, []);

  if (list === null && error !== null) {
    return <ErrorState title={t("console.error")} message={errorMessage(error)} onRetry={() => void loadApps().catch(setError)} />;
  }
  if (list === null) return <LoadingState />;
  return (
    <>
      <p class="cintro" data-testid="developer-display-name">
        {t("console.home.signed_as", { name: me.display_name, date: formatDate(me.created_at) })}
      </p>
      {isAdmin.value && (
        <button type="button" class="creview-link" data-testid="console-review-link" onClick={() => navigate("/dev/review")}>
          <ReviewIcon size={20} />
          <span>{t("console.review.link")}</span>
        </button>
      )}
      {list.length === 0 ? (
        <Panel>
          <div class="cempty" data-testid="console-no-apps">
            <p class="cempty__title">{t("console.home.empty_title")}</p>
            <p class="cempty__text">{t("console.home.empty_body")}</p>
            <Button size="small" onClick={() => navigate("/dev/new")}>
              {t("console.home.create")}
            </Button>
          </div>
        </Panel>
      ) : (
        <div class="capps" data-testid="console-apps">
          {list.map((app) => (
            <AppCard key={app.app_id} app={app} />
          ))}
        </div>
      )}
    </>
  );
}

export function HomePage() {
  const me = developer.value;
  const [error, setError] = useState<unknown>(null);
  let body;
  if (me === undefined && error !== null) {
    body = (
      <ErrorState
        title={t("console.error")}
        message={errorMessage(error)}
        onRetry={() => {
          setError(null);
          void loadDeveloper().catch(setError);
        }}
      />
    );
  } else if (me === undefined) body = <LoadingState />;
  else if (me === null) body = <Register />;
  else body = <AppList me={me} />;

  return (
    <Frame
      title={me ? t("console.home.title") : t("console.title")}
      backTo="/me"
      backOnPhoneOnly
      place="apps"
      testid="console-home"
      actions={
        me ? (
          <Button size="small" testid="console-create" onClick={() => navigate("/dev/new")}>
            {t("console.home.create_short")}
          </Button>
        ) : undefined
      }
    >
      {body}
    </Frame>
  );
}
