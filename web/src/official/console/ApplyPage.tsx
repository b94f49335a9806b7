// /official-console/apply: an organisation applies for an official account: its name, type
// (with what each type may broadcast), description, avatar and the documents an admin checks.

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Upload } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { CloseIcon } from "../../ui/icons";
import { FormRow, Panel } from "../../miniapps/console/parts";
import { apply, DESCRIPTION_MAX, DOCUMENTS_MAX, NAME_MAX, NAME_MIN, type AccountType } from "./api";
import { accountPath, CONSOLE, Frame } from "./Console";
import { AccountAvatar, QUOTA_KEYS, TYPE_KEYS, UploadButton } from "./parts";
import { rememberAccount } from "./store";

const TYPES: AccountType[] = ["subscription", "service"];

export function ApplyPage() {
  const [name, setName] = useState("");
  const [type, setType] = useState<AccountType>("subscription");
  const [description, setDescription] = useState("");
  const [avatar, setAvatar] = useState<Upload | null>(null);
  const [documents, setDocuments] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ready = name.trim().length >= NAME_MIN && documents.length > 0;
  const field = error instanceof ApiError ? error.field : null;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const account = await apply({
        name: name.trim(),
        type,
        description: description.trim(),
        avatar_id: avatar?.id ?? null,
        document_ids: documents.map((document) => document.id),
      });
      rememberAccount(account);
      navigate(accountPath(account.id), { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Frame title={t("official.console.apply.title")} backTo={CONSOLE} place="accounts" testid="oc-apply-page">
      <form
        class="cnarrow"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) void submit();
        }}
      >
        <Panel title={t("official.console.apply.panel")}>
          <p class="cintro cintro--in-panel">{t("official.console.apply.intro")}</p>
          <div class="cform">
            <FormRow label={t("official.console.field.name")} htmlFor="oc-name" hint={t("official.console.field.name_hint")}>
              <input
                id="oc-name"
                class={field === "name" ? "cinput cinput--error" : "cinput"}
                type="text"
                value={name}
                maxLength={NAME_MAX}
                autoComplete="organization"
                data-testid="oc-name"
                onInput={(event) => {
                  setName(event.currentTarget.value);
                  setError(null);
                }}
              />
              {field === "name" && <FieldError message={errorMessage(error)} />}
            </FormRow>
            <FormRow label={t("official.console.field.type")}>
              <div class="otypes" role="radiogroup">
                {TYPES.map((option) => (
                  <label key={option} class={option === type ? "otype otype--active" : "otype"} data-testid={`oc-type-${option}`}>
                    <input type="radio" name="oc-type" value={option} checked={option === type} onChange={() => setType(option)} />
                    <span class="otype__name">{t(TYPE_KEYS[option])}</span>
                    <span class="otype__text">{t(QUOTA_KEYS[option])}</span>
                  </label>
                ))}
              </div>
            </FormRow>
            <FormRow
              label={t("official.console.field.description")}
              htmlFor="oc-description"
              hint={t("common.chars_left", { count: DESCRIPTION_MAX - description.length })}
            >
              <textarea
                id="oc-description"
                class="cinput ctextarea"
                rows={3}
                value={description}
                maxLength={DESCRIPTION_MAX}
                data-testid="oc-description"
                onInput={(event) => setDescription(event.currentTarget.value)}
              />
            </FormRow>
            <FormRow label={t("official.console.field.avatar")} hint={t("official.console.field.avatar_hint")}>
              <div class="oinline">
                <AccountAvatar account={{ id: "new", name: name || "?", avatar_url: avatar?.thumbnail_url ?? avatar?.url ?? null }} size={48} />
                <UploadButton
                  kind="image"
                  accept="image/*"
                  label={avatar ? t("official.console.field.avatar_change") : t("official.console.field.avatar_upload")}
                  testid="oc-avatar-file"
                  onUploaded={setAvatar}
                />
              </div>
            </FormRow>
            <FormRow label={t("official.console.field.documents")} hint={t("official.console.field.documents_hint", { max: DOCUMENTS_MAX })}>
              <ul class="odocs" data-testid="oc-documents">
                {documents.map((document) => (
                  <li key={document.id} class="odocs__item" data-testid="oc-document">
                    <span class="odocs__name">{document.name}</span>
                    <button
                      type="button"
                      class="odocs__remove"
                      aria-label={t("official.console.remove")}
                      onClick={() => setDocuments(documents.filter((other) => other !== document))}
                    >
                      <CloseIcon size={16} />
                    </button>
                  </li>
                ))}
              </ul>
              {documents.length < DOCUMENTS_MAX && (
                <UploadButton
                  kind="file"
                  accept="image/*,application/pdf"
                  label={t("official.console.field.documents_add")}
                  testid="oc-document-file"
                  onUploaded={(document) => setDocuments([...documents, document])}
                />
              )}
            </FormRow>
          </div>
          {field !== "name" && <FieldError message={error === null ? null : errorMessage(error)} />}
          <div class="cform__actions">
            <Button variant="default" onClick={() => navigate(CONSOLE, { replace: true })}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" busy={busy} disabled={!ready} testid="oc-apply-submit">
              {t("official.console.apply.submit")}
            </Button>
          </div>
        </Panel>
      </form>
    </Frame>
  );
}
