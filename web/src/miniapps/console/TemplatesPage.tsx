// /dev/apps/<appid>/templates: subscribe-message templates. A person's consent to one template
// lets the app's server send them one message with it, into their Service Notifications.

import { useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { formatDate } from "../../i18n/format";
import { t } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { CloseIcon, PlusIcon } from "../../ui/icons";
import { ErrorState, LoadingState } from "../../ui/States";
import {
  createTemplate,
  deleteTemplate,
  listTemplates,
  TEMPLATE_FIELD_MAX,
  TEMPLATE_FIELDS_MAX,
  TEMPLATE_TITLE_MAX,
  type Template,
} from "./api";
import { Frame } from "./Console";
import { CopyButton, FormRow, Panel } from "./parts";
import { useApp } from "./useApp";
import { useLoad } from "./useLoad";

function NewTemplate({ appId, onCreated }: { appId: string; onCreated: (template: Template) => void }) {
  const [title, setTitle] = useState("");
  const [fields, setFields] = useState<string[]>([""]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filled = fields.map((field) => field.trim()).filter((field) => field !== "");
  const ready = title.trim() !== "" && filled.length > 0;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      onCreated(await createTemplate(appId, { title: title.trim(), fields: filled }));
      setTitle("");
      setFields([""]);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title={t("console.templates.new")} testid="template-new">
      <form
        class="cform"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) void submit();
        }}
      >
        <FormRow label={t("console.templates.title")} htmlFor="template-title" hint={t("console.templates.title_hint")}>
          <input
            id="template-title"
            class="cinput"
            type="text"
            value={title}
            maxLength={TEMPLATE_TITLE_MAX}
            data-testid="template-title"
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        </FormRow>
        <FormRow label={t("console.templates.fields")} hint={t("console.templates.fields_hint", { max: TEMPLATE_FIELDS_MAX })}>
          <div class="cfields">
            {fields.map((field, index) => (
              <div class="cfields__row" key={index}>
                <input
                  class="cinput"
                  type="text"
                  value={field}
                  maxLength={TEMPLATE_FIELD_MAX}
                  aria-label={t("console.templates.field_n", { n: index + 1 })}
                  placeholder={t("console.templates.field_n", { n: index + 1 })}
                  data-testid="template-field"
                  onInput={(event) => setFields(fields.map((old, at) => (at === index ? event.currentTarget.value : old)))}
                />
                {fields.length > 1 && (
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t("console.templates.remove_field")}
                    onClick={() => setFields(fields.filter((_, at) => at !== index))}
                  >
                    <CloseIcon size={18} />
                  </button>
                )}
              </div>
            ))}
            {fields.length < TEMPLATE_FIELDS_MAX && (
              <button type="button" class="link-button cfields__add" data-testid="template-add-field" onClick={() => setFields([...fields, ""])}>
                <PlusIcon size={16} /> {t("console.templates.add_field")}
              </button>
            )}
          </div>
        </FormRow>
        <FieldError message={error} />
        <div class="cform__actions">
          <Button type="submit" busy={busy} disabled={!ready} testid="template-create">
            {t("console.templates.create")}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

export function TemplatesPage({ appId }: { appId: string }) {
  useApp(appId);
  const templates = useLoad(() => listTemplates(appId), [appId]);
  const [deleting, setDeleting] = useState<Template | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove(template: Template) {
    setBusy(true);
    setError(null);
    try {
      await deleteTemplate(appId, template.template_id);
      templates.set((templates.data ?? []).filter((item) => item.template_id !== template.template_id));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  const list = templates.data;
  let body;
  if (list === null && templates.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(templates.error)} onRetry={templates.reload} />;
  } else if (list === null) body = <LoadingState />;
  else {
    body = (
      <div class="cgrid">
        <div class="cgrid__main">
          <Panel title={t("console.templates.list")} testid="template-list" flush>
            <FieldError message={error} />
            {list.length === 0 ? (
              <p class="cempty__text cempty__text--pad">{t("console.templates.empty")}</p>
            ) : (
              list.map((template) => (
                <div class="ctemplate" key={template.template_id} data-testid="template-row">
                  <div class="ctemplate__head">
                    <span class="ctemplate__title">{template.title}</span>
                    <button type="button" class="link-button ctemplate__delete" data-testid="template-delete" onClick={() => setDeleting(template)}>
                      {t("console.templates.delete")}
                    </button>
                  </div>
                  <div class="cversion__chips">
                    {template.fields.map((field) => (
                      <span class="cchip" key={field}>
                        {field}
                      </span>
                    ))}
                  </div>
                  <div class="ctemplate__id">
                    <code data-testid="template-id">{template.template_id}</code>
                    <CopyButton text={template.template_id} />
                    <span class="cmuted">{formatDate(template.created_at)}</span>
                  </div>
                </div>
              ))
            )}
          </Panel>
        </div>
        <div class="cgrid__side">
          <NewTemplate appId={appId} onCreated={(made) => templates.set([...(templates.data ?? []), made])} />
          <p class="cnote">{t("console.templates.how")}</p>
        </div>
      </div>
    );
  }

  return (
    <Frame
      title={t("console.nav.templates")}
      backTo="/dev"
      place={{ appId, section: "templates" }}
      testid="console-templates-page"
    >
      {body}
      {deleting && (
        <Dialog
          title={t("console.templates.delete_title", { title: deleting.title })}
          confirmLabel={t("console.templates.delete")}
          danger
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          {t("console.templates.delete_body")}
        </Dialog>
      )}
    </Frame>
  );
}
