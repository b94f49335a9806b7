// /official-console/accounts/{id}/articles: the account's drafts; and the editor for one
// (title, digest, cover, Markdown body) with a preview of the HTML the server made of it,
// shown in a sandboxed frame so that nothing in it can run.

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
import { FormRow, Panel } from "../../miniapps/console/parts";
import { useLoad } from "../../miniapps/console/useLoad";
import { createArticle, deleteArticle, DIGEST_MAX, drafts, MARKDOWN_MAX, TITLE_MAX, updateArticle, type Draft } from "./api";
import { accountPath, Frame } from "./Console";
import { ArticleIcon } from "./icons";
import { UploadButton } from "./parts";

const PREVIEW_STYLE =
  "body{margin:0;padding:16px;font:16px/1.7 -apple-system,'PingFang SC','Helvetica Neue',Arial,sans-serif;color:#1a1a1a;word-wrap:break-word}" +
  "img{max-width:100%;height:auto}pre{overflow:auto;background:#f5f5f5;padding:8px}blockquote{margin:0;padding-left:12px;border-left:3px solid #ddd;color:#666}" +
  "a{color:#576b95}h1,h2,h3{line-height:1.3}h1{font-size:22px}h2{font-size:19px}h3{font-size:17px}.cover{display:block;width:100%;aspect-ratio:2.35;object-fit:cover;border-radius:4px}";

/** The draft as a page of its own (cover, title, the server-sanitised body), for a frame with
 * every sandbox flag off. */
function previewDocument(draft: Draft): string {
  const cover = draft.cover_url ? `<img class="cover" src="${escapeHtml(draft.cover_url)}" alt="">` : "";
  const head = `<meta charset="utf-8"><style>${PREVIEW_STYLE}</style>`;
  return `<!doctype html><html><head>${head}</head><body>${cover}<h1>${escapeHtml(draft.title)}</h1>${draft.html}</body></html>`;
}

function DraftRow({ draft, accountId, onDelete }: { draft: Draft; accountId: string; onDelete: () => void }) {
  return (
    <div class="odraft" data-testid="oc-draft" data-article-id={draft.id}>
      {draft.cover_url ? (
        <img class="odraft__cover" src={draft.cover_url} alt="" />
      ) : (
        <span class="odraft__cover odraft__cover--empty">
          <ArticleIcon size={24} />
        </span>
      )}
      <button type="button" class="odraft__text" onClick={() => navigate(`${accountPath(accountId, "articles")}/${draft.id}`)}>
        <span class="odraft__title" data-testid="oc-draft-title">
          {draft.title}
        </span>
        {draft.digest && <span class="odraft__digest">{draft.digest}</span>}
        <span class="cmuted">{t("official.console.articles.edited", { time: formatDateTime(draft.updated_at) })}</span>
      </button>
      <Button variant="plain" size="small" testid="oc-draft-delete" onClick={onDelete}>
        {t("official.console.delete")}
      </Button>
    </div>
  );
}

export function ArticlesPage({ accountId }: { accountId: string }) {
  const list = useLoad(() => drafts(accountId), [accountId]);
  const [deleting, setDeleting] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove(draft: Draft) {
    setBusy(true);
    try {
      await deleteArticle(draft.id);
      list.set((list.data ?? []).filter((other) => other.id !== draft.id));
    } catch (caught) {
      showToast(errorMessage(caught), "warning");
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  let body;
  if (list.data === null && list.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(list.error)} onRetry={list.reload} />;
  } else if (list.data === null) body = <LoadingState />;
  else {
    body = (
      <Panel title={t("official.console.articles.drafts")} flush testid="oc-drafts">
        {list.data.length === 0 ? (
          <div class="cempty" data-testid="oc-no-drafts">
            <p class="cempty__title">{t("official.console.articles.empty_title")}</p>
            <p class="cempty__text">{t("official.console.articles.empty_body")}</p>
          </div>
        ) : (
          list.data.map((draft) => <DraftRow key={draft.id} draft={draft} accountId={accountId} onDelete={() => setDeleting(draft)} />)
        )}
      </Panel>
    );
  }

  return (
    <Frame
      title={t("official.console.nav.articles")}
      backTo={accountPath(accountId)}
      place={{ accountId, section: "articles" }}
      testid="oc-articles-page"
      actions={
        <Button size="small" testid="oc-article-new" onClick={() => navigate(`${accountPath(accountId, "articles")}/new`)}>
          {t("official.console.articles.new")}
        </Button>
      }
    >
      <p class="cintro">{t("official.console.articles.intro")}</p>
      {body}
      {deleting && (
        <Dialog
          title={t("official.console.articles.delete_title", { title: deleting.title })}
          confirmLabel={t("official.console.delete")}
          danger
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          {t("official.console.articles.delete_body")}
        </Dialog>
      )}
    </Frame>
  );
}

interface Fields {
  title: string;
  digest: string;
  markdown: string;
  cover_id: string | null;
  cover_url: string | null;
}

const EMPTY: Fields = { title: "", digest: "", markdown: "", cover_id: null, cover_url: null };

function Editor({ accountId, draft }: { accountId: string; draft: Draft | null }) {
  const [fields, setFields] = useState<Fields>(draft ?? EMPTY);
  const [saved, setSaved] = useState<Draft | null>(draft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = error instanceof ApiError ? error.field : null;
  const ready = fields.title.trim() !== "" && fields.markdown.trim() !== "";
  const change = (next: Partial<Fields>) => {
    setFields({ ...fields, ...next });
    setError(null);
  };

  async function save() {
    setBusy(true);
    setError(null);
    const body = { title: fields.title.trim(), digest: fields.digest.trim(), cover_id: fields.cover_id, markdown: fields.markdown };
    try {
      const result = saved === null ? await createArticle(accountId, body) : await updateArticle(saved.id, body);
      setSaved(result);
      showToast(t("official.console.articles.saved"));
      if (saved === null) navigate(`${accountPath(accountId, "articles")}/${result.id}`, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) => (field === name ? <FieldError message={errorMessage(error)} id={`oc-${name}-error`} /> : null);
  return (
    <div class="oeditor">
      <form
        class="oeditor__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) void save();
        }}
      >
        <Panel title={saved ? t("official.console.articles.edit") : t("official.console.articles.new")}>
          <div class="cform">
            <FormRow label={t("official.console.field.title")} htmlFor="oc-title">
              <input
                id="oc-title"
                class={field === "title" ? "cinput cinput--error" : "cinput"}
                value={fields.title}
                maxLength={TITLE_MAX}
                data-testid="oc-article-title"
                onInput={(event) => change({ title: event.currentTarget.value })}
              />
              {fieldError("title")}
            </FormRow>
            <FormRow label={t("official.console.field.digest")} htmlFor="oc-digest" hint={t("common.chars_left", { count: DIGEST_MAX - fields.digest.length })}>
              <input
                id="oc-digest"
                class={field === "digest" ? "cinput cinput--error" : "cinput"}
                value={fields.digest}
                maxLength={DIGEST_MAX}
                data-testid="oc-article-digest"
                onInput={(event) => change({ digest: event.currentTarget.value })}
              />
            </FormRow>
            <FormRow label={t("official.console.field.cover")}>
              <div class="oinline">
                {fields.cover_url && <img class="ocover" src={fields.cover_url} alt="" data-testid="oc-cover-image" />}
                <UploadButton
                  kind="image"
                  accept="image/*"
                  label={fields.cover_url ? t("official.console.field.cover_change") : t("official.console.field.cover_upload")}
                  testid="oc-cover-file"
                  onUploaded={(upload) => change({ cover_id: upload.id, cover_url: upload.thumbnail_url ?? upload.url })}
                />
                {fields.cover_id && (
                  <Button variant="plain" size="small" onClick={() => change({ cover_id: null, cover_url: null })}>
                    {t("official.console.remove")}
                  </Button>
                )}
              </div>
              {fieldError("cover_id")}
            </FormRow>
            <FormRow label={t("official.console.field.body")} htmlFor="oc-markdown" hint={t("official.console.field.body_hint")}>
              <textarea
                id="oc-markdown"
                class={field === "markdown" ? "cinput ctextarea cinput--error cmono" : "cinput ctextarea cmono"}
                rows={14}
                value={fields.markdown}
                maxLength={MARKDOWN_MAX}
                spellcheck={false}
                data-testid="oc-article-markdown"
                onInput={(event) => change({ markdown: event.currentTarget.value })}
              />
              {fieldError("markdown")}
            </FormRow>
          </div>
          {field === null && <FieldError message={error === null ? null : errorMessage(error)} />}
          <div class="cform__actions">
            <Button variant="default" onClick={() => navigate(accountPath(accountId, "articles"), { replace: true })}>
              {t("official.console.articles.back")}
            </Button>
            <Button type="submit" busy={busy} disabled={!ready} testid="oc-article-save">
              {t("official.console.articles.save")}
            </Button>
          </div>
        </Panel>
      </form>
      <Panel title={t("official.console.articles.preview")} testid="oc-preview-panel">
        {saved ? (
          <iframe
            class="opreview"
            title={t("official.console.articles.preview")}
            sandbox=""
            referrerpolicy="no-referrer"
            srcdoc={previewDocument(saved)}
            data-testid="oc-preview"
          />
        ) : (
          <p class="cempty__text cempty__text--pad">{t("official.console.articles.preview_hint")}</p>
        )}
      </Panel>
    </div>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function EditorPage({ accountId, articleId }: { accountId: string; articleId: string | null }) {
  const list = useLoad(() => (articleId === null ? Promise.resolve([]) : drafts(accountId)), [accountId, articleId === null]);
  const [draft, setDraft] = useState<Draft | null | undefined>(articleId === null ? null : undefined);
  useEffect(() => {
    if (articleId !== null && list.data !== null && draft === undefined) setDraft(list.data.find((item) => item.id === articleId) ?? null);
  }, [list.data]);

  let body;
  if (list.error !== null) body = <ErrorState title={t("official.console.error")} message={errorMessage(list.error)} onRetry={list.reload} />;
  else if (draft === undefined) body = <LoadingState />;
  else if (draft === null && articleId !== null) body = <ErrorState title={t("official.console.articles.not_found")} />;
  else body = <Editor accountId={accountId} draft={draft} />;

  return (
    <Frame
      title={articleId === null ? t("official.console.articles.new") : t("official.console.articles.edit")}
      backTo={accountPath(accountId, "articles")}
      place={{ accountId, section: "articles" }}
      testid="oc-editor-page"
    >
      {body}
    </Frame>
  );
}
