// The fields of a mini-program (name, category, description, server domains), for creating
// one and for changing its settings.

import { t } from "../../i18n/t";
import { CATEGORIES, DESCRIPTION_MAX, NAME_MAX, type Category } from "./api";
import { FormRow } from "./parts";

export interface AppFields {
  name: string;
  category: Category;
  description: string;
  /** One host name a line, as typed. */
  domains: string;
}

export function domainList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((domain) => domain.trim())
    .filter((domain) => domain !== "");
}

export function AppFieldsForm({
  values,
  onChange,
  fieldError,
}: {
  values: AppFields;
  onChange: (values: AppFields) => void;
  /** The field an API error names, to mark it. */
  fieldError: string | null;
}) {
  return (
    <div class="cform">
      <FormRow label={t("console.field.name")} htmlFor="app-name" hint={t("console.field.name_hint")}>
        <input
          id="app-name"
          class={fieldError === "name" ? "cinput cinput--error" : "cinput"}
          type="text"
          value={values.name}
          maxLength={NAME_MAX}
          autoComplete="off"
          data-testid="app-name"
          onInput={(event) => onChange({ ...values, name: event.currentTarget.value })}
        />
      </FormRow>
      <FormRow label={t("console.field.category")} htmlFor="app-category">
        <select
          id="app-category"
          class="cinput cselect"
          value={values.category}
          data-testid="app-category"
          onChange={(event) => onChange({ ...values, category: event.currentTarget.value as Category })}
        >
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`console.category.${category}`)}
            </option>
          ))}
        </select>
      </FormRow>
      <FormRow
        label={t("console.field.description")}
        htmlFor="app-description"
        hint={t("common.chars_left", { count: DESCRIPTION_MAX - values.description.length })}
      >
        <textarea
          id="app-description"
          class="cinput ctextarea"
          rows={3}
          value={values.description}
          maxLength={DESCRIPTION_MAX}
          data-testid="app-description"
          onInput={(event) => onChange({ ...values, description: event.currentTarget.value })}
        />
      </FormRow>
      <FormRow label={t("console.field.domains")} htmlFor="app-domains" hint={t("console.field.domains_hint")}>
        <textarea
          id="app-domains"
          class={fieldError === "domains" ? "cinput ctextarea cinput--error cmono" : "cinput ctextarea cmono"}
          rows={3}
          value={values.domains}
          placeholder="api.example.com"
          spellcheck={false}
          autoCapitalize="off"
          data-testid="app-domains"
          onInput={(event) => onChange({ ...values, domains: event.currentTarget.value })}
        />
      </FormRow>
    </div>
  );
}

/** Which form field an API error's `field` ("server_domains.1", "name") is about. */
export function formField(field: string | null): string | null {
  if (field === null) return null;
  if (field === "name") return "name";
  if (/^\d+$/.test(field) || field === "server_domains") return "domains";
  return null;
}
