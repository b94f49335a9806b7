// Sharing an article to Moments: after a confirm, a post with the article as its link (an
// app path, which Moments accepts beside https:// links) goes to all my friends. (The Moments
// composer takes no link yet; when it does, this can open it prefilled instead.)

import { useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { createPost } from "../moments/api";
import { clientId } from "../moments/links";
import { showToast } from "../shell/store";
import { Dialog } from "../ui/Dialog";
import type { Article } from "./api";
import { articlePath } from "./paths";

export function MomentsShareDialog({ article, onClose }: { article: Article; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  // One id for this confirm, so a retried tap does not post twice.
  const [client] = useState(clientId);

  async function post() {
    setBusy(true);
    try {
      await createPost({
        client_id: client,
        text: "",
        photo_ids: [],
        location: null,
        link: { url: articlePath(article.id), title: article.title, cover_url: article.cover_url },
        audience: { kind: "friends", tags: [], people: [] },
      });
      showToast(t("official.shared_moments"));
      onClose();
    } catch (caught) {
      showToast(errorMessage(caught), "warning");
      setBusy(false);
    }
  }

  return (
    <Dialog title={t("official.share_moments_title")} confirmLabel={t("official.share_moments_confirm")} busy={busy} onConfirm={() => void post()} onCancel={onClose}>
      <span class="oa-share-moments" data-testid="article-moments-dialog">
        <span class="oa-share-moments__title">{article.title}</span>
        {t("official.share_moments_body")}
      </span>
    </Dialog>
  );
}
