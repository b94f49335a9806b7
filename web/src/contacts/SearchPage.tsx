// Find someone by Plaza ID or phone number, then show their card.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { SearchIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { search } from "./store";

export function SearchPage() {
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  async function submit() {
    const q = query.trim();
    if (q === "") return;
    setBusy(true);
    setError(null);
    try {
      const card = await search(q);
      navigate(`/contacts/${card.id}`);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === "contacts.not_found" ? t("contacts.search_not_found") : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("contacts.add_friend")} onBack={() => back("/contacts")} testid="contacts-search-page">
      <form
        class="search-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void submit();
        }}
      >
        <label class="search-field search-field--large">
          <SearchIcon size={20} />
          <input
            ref={input}
            type="search"
            value={query}
            placeholder={t("contacts.search_placeholder")}
            aria-label={t("contacts.search_placeholder")}
            autoCapitalize="off"
            autoComplete="off"
            spellcheck={false}
            enterKeyHint="search"
            data-testid="contacts-search-input"
            onInput={(event) => {
              setQuery(event.currentTarget.value);
              setError(null);
            }}
          />
        </label>
        <FieldError message={error} />
        <div class="search-form__actions">
          <Button type="submit" busy={busy} disabled={query.trim() === ""} testid="contacts-search-submit">
            {t("contacts.search")}
          </Button>
        </div>
        <p class="form-hint search-form__hint">{t("contacts.search_hint")}</p>
      </form>
    </Page>
  );
}
