// /official-console/accounts/{id}/replies: what the account answers by itself: a greeting on
// follow, keyword rules (the whole message, or any message containing the keyword) and a
// default reply for everything else.

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { PlusIcon } from "../../ui/icons";
import { ErrorState, LoadingState } from "../../ui/States";
import { FormRow, Panel } from "../../miniapps/console/parts";
import { useLoad } from "../../miniapps/console/useLoad";
import { autoReplies, KEYWORD_MAX, KEYWORD_RULES_MAX, REPLY_MAX, saveAutoReplies, type AutoReplies, type MatchKind } from "./api";
import { accountPath, Frame } from "./Console";

function RulesForm({ accountId, initial }: { accountId: string; initial: AutoReplies }) {
  const [replies, setReplies] = useState<AutoReplies>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const incomplete = replies.keywords.some((rule) => rule.keyword.trim() === "" || rule.reply.trim() === "");
  const field = error instanceof ApiError ? error.field : null;

  const change = (next: Partial<AutoReplies>) => {
    setReplies({ ...replies, ...next });
    setError(null);
  };
  const changeRule = (index: number, next: Partial<AutoReplies["keywords"][number]>) =>
    change({ keywords: replies.keywords.map((rule, at) => (at === index ? { ...rule, ...next } : rule)) });

  async function save() {
    setBusy(true);
    try {
      const saved = await saveAutoReplies(accountId, {
        on_follow: replies.on_follow.trim(),
        default: replies.default.trim(),
        keywords: replies.keywords.map((rule) => ({ ...rule, keyword: rule.keyword.trim(), reply: rule.reply.trim() })),
      });
      setReplies(saved);
      showToast(t("official.console.replies.saved"));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!incomplete) void save();
      }}
    >
      <Panel title={t("official.console.replies.basic")}>
        <div class="cform">
          <FormRow label={t("official.console.replies.on_follow")} htmlFor="oc-on-follow" hint={t("official.console.replies.on_follow_hint")}>
            <textarea
              id="oc-on-follow"
              class={field === "on_follow" ? "cinput ctextarea cinput--error" : "cinput ctextarea"}
              rows={2}
              maxLength={REPLY_MAX}
              value={replies.on_follow}
              data-testid="oc-reply-on-follow"
              onInput={(event) => change({ on_follow: event.currentTarget.value })}
            />
          </FormRow>
          <FormRow label={t("official.console.replies.default")} htmlFor="oc-default" hint={t("official.console.replies.default_hint")}>
            <textarea
              id="oc-default"
              class={field === "default" ? "cinput ctextarea cinput--error" : "cinput ctextarea"}
              rows={2}
              maxLength={REPLY_MAX}
              value={replies.default}
              data-testid="oc-reply-default"
              onInput={(event) => change({ default: event.currentTarget.value })}
            />
          </FormRow>
        </div>
      </Panel>
      <Panel title={t("official.console.replies.keywords", { count: replies.keywords.length, max: KEYWORD_RULES_MAX })} testid="oc-rules">
        {replies.keywords.length === 0 && <p class="cempty__text cempty__text--pad">{t("official.console.replies.no_rules")}</p>}
        {replies.keywords.map((rule, index) => (
          <div key={index} class="orule" data-testid="oc-rule">
            <div class="orule__head">
              <input
                class={rule.keyword.trim() === "" ? "cinput orule__keyword cinput--error" : "cinput orule__keyword"}
                value={rule.keyword}
                maxLength={KEYWORD_MAX}
                placeholder={t("official.console.replies.keyword")}
                aria-label={t("official.console.replies.keyword")}
                data-testid="oc-rule-keyword"
                onInput={(event) => changeRule(index, { keyword: event.currentTarget.value })}
              />
              <select
                class="cinput cselect orule__match"
                value={rule.match}
                aria-label={t("official.console.replies.match")}
                data-testid="oc-rule-match"
                onChange={(event) => changeRule(index, { match: event.currentTarget.value as MatchKind })}
              >
                <option value="exact">{t("official.console.replies.match_exact")}</option>
                <option value="contains">{t("official.console.replies.match_contains")}</option>
              </select>
              <Button variant="plain" size="small" onClick={() => change({ keywords: replies.keywords.filter((_, at) => at !== index) })}>
                {t("official.console.remove")}
              </Button>
            </div>
            <textarea
              class={rule.reply.trim() === "" ? "cinput ctextarea cinput--error" : "cinput ctextarea"}
              rows={2}
              maxLength={REPLY_MAX}
              value={rule.reply}
              placeholder={t("official.console.replies.reply")}
              aria-label={t("official.console.replies.reply")}
              data-testid="oc-rule-reply"
              onInput={(event) => changeRule(index, { reply: event.currentTarget.value })}
            />
          </div>
        ))}
        <button
          type="button"
          class="omenu__add"
          disabled={replies.keywords.length >= KEYWORD_RULES_MAX}
          data-testid="oc-rule-add"
          onClick={() => change({ keywords: [...replies.keywords, { keyword: "", match: "exact", reply: "" }] })}
        >
          <PlusIcon size={16} />
          {t("official.console.replies.add")}
        </button>
      </Panel>
      <FieldError message={error === null ? null : errorMessage(error)} id="oc-replies-error" />
      <div class="cform__actions">
        <Button type="submit" busy={busy} disabled={incomplete} testid="oc-replies-save">
          {t("official.console.save")}
        </Button>
      </div>
    </form>
  );
}

export function RepliesPage({ accountId }: { accountId: string }) {
  const state = useLoad(() => autoReplies(accountId), [accountId]);
  let body;
  if (state.data === null && state.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(state.error)} onRetry={state.reload} />;
  } else if (state.data === null) body = <LoadingState />;
  else body = <RulesForm accountId={accountId} initial={state.data} />;
  return (
    <Frame title={t("official.console.nav.replies")} backTo={accountPath(accountId)} place={{ accountId, section: "replies" }} testid="oc-replies-page">
      <p class="cintro">{t("official.console.replies.intro")}</p>
      {body}
    </Frame>
  );
}
