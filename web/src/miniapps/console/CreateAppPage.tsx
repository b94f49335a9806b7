// /dev/new: create a mini-program; its secret is shown once, in a dialog, before its page opens.

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { LoadingState } from "../../ui/States";
import { createApp, type MiniAppCreated } from "./api";
import { AppFieldsForm, domainList, formField, type AppFields } from "./AppForm";
import { appPath, Frame } from "./Console";
import { Panel } from "./parts";
import { SecretDialog } from "./SecretDialog";
import { developer, rememberApp } from "./store";

export function CreateAppPage() {
  const [values, setValues] = useState<AppFields>({ name: "", category: "tools", description: "", domains: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | unknown>(null);
  const [created, setCreated] = useState<MiniAppCreated | null>(null);
  const me = developer.value;

  useEffect(() => {
    if (me === null) navigate("/dev", { replace: true });
  }, [me]);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const app = await createApp({
        name: values.name.trim(),
        category: values.category,
        description: values.description.trim(),
        server_domains: domainList(values.domains),
      });
      const { app_secret: _secret, ...shown } = app;
      rememberApp(shown);
      setCreated(app);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame title={t("console.create.title")} backTo="/dev" place="apps" testid="console-create-page">
      {me === undefined ? (
        <LoadingState />
      ) : (
        <form
          class="cnarrow"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (values.name.trim() !== "") void submit();
          }}
        >
          <Panel title={t("console.create.panel")}>
            <p class="cintro cintro--in-panel">{t("console.create.intro")}</p>
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
              <Button variant="default" onClick={() => navigate("/dev", { replace: true })}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" busy={busy} disabled={values.name.trim() === ""} testid="app-create-submit">
                {t("console.create.submit")}
              </Button>
            </div>
          </Panel>
        </form>
      )}
      {created && (
        <SecretDialog
          appId={created.app_id}
          secret={created.app_secret}
          onDone={() => navigate(appPath(created.app_id), { replace: true })}
        />
      )}
    </Frame>
  );
}
