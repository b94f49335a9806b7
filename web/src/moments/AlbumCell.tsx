// The "Moments" row on a person's card and on Me: the latest photos, leading to the album.

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { Cell } from "../ui/Cell";
import * as momentsApi from "./api";
import { albumPath } from "./PostCard";
import type { Photo } from "./types";
import "./moments.css";

const STRIP_POSTS = 8;
const STRIP_PHOTOS = 4;

export function AlbumCell({ accountId, icon }: { accountId: string; icon?: ComponentChildren }) {
  const [photos, setPhotos] = useState<Photo[]>([]);

  useEffect(() => {
    momentsApi.album(accountId, null, STRIP_POSTS).then(
      (page) => setPhotos(page.items.flatMap((post) => post.photos).slice(0, STRIP_PHOTOS)),
      () => setPhotos([]),
    );
  }, [accountId]);

  return (
    <Cell
      icon={icon}
      title={t("moments.title")}
      value={
        photos.length > 0 && (
          <span class="album-strip" data-testid="album-strip">
            {photos.map((photo) => (
              <img key={photo.upload_id} src={photo.thumbnail_url} alt="" />
            ))}
          </span>
        )
      }
      arrow
      testid="album-cell"
      onClick={() => navigate(albumPath(accountId))}
    />
  );
}
