// One post on its own page, where a notification or an album entry leads.

import { useEffect, useState } from "preact/hooks";
import type { Me } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import * as momentsApi from "./api";
import { PostCard } from "./PostCard";
import { MOMENTS_PATH } from "./TimelinePage";
import type { Post } from "./types";
import "./moments.css";

export function PostPage({ postId, me }: { postId: string; me: Me }) {
  const [post, setPost] = useState<Post | null>(null);
  const [gone, setGone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    momentsApi.getPost(postId).then(setPost, setError);
  }
  useEffect(load, [postId]);

  let body;
  if (gone) body = <p class="moments-empty">{t("moments.post_deleted")}</p>;
  else if (post) {
    body = (
      <div class="moments-list">
        <PostCard
          post={post}
          meId={me.id}
          onChange={(updated) => {
            if (updated) setPost(updated);
            else setGone(true);
          }}
        />
      </div>
    );
  } else if (error !== null) body = <ErrorState title={t("moments.load_error")} message={errorMessage(error)} onRetry={load} />;
  else body = <LoadingState />;

  return (
    <Page title={t("moments.post_title")} light onBack={() => back(MOMENTS_PATH)} testid="moment-page">
      {body}
    </Page>
  );
}
