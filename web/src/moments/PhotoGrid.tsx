// A post's photos as WeChat lays them out: one big, four in a 2 x 2 square, else rows of
// three; a tap opens the full-screen viewer.

import { useState } from "preact/hooks";
import { ImageViewer } from "../chat/MediaBubbles";
import { imageBox } from "../chat/media";
import { t } from "../i18n/t";
import type { Photo } from "./types";

function gridClass(count: number): string {
  if (count === 1) return "moment-photos moment-photos--one";
  if (count === 4) return "moment-photos moment-photos--four";
  return "moment-photos";
}

export function PhotoGrid({ photos }: { photos: Photo[] }) {
  const [open, setOpen] = useState<Photo | null>(null);
  if (photos.length === 0) return null;
  const single = photos.length === 1 ? photos[0] : undefined;
  const singleBox = single ? imageBox(single.width, single.height) : undefined;
  return (
    <>
      <div class={gridClass(photos.length)} data-testid="moment-photos">
        {photos.map((photo) => (
          <button
            key={photo.upload_id}
            type="button"
            class="moment-photo"
            style={singleBox ? { width: `${singleBox.width}px`, height: `${singleBox.height}px` } : undefined}
            aria-label={t("moments.photo_open")}
            data-testid="moment-photo"
            onClick={() => setOpen(photo)}
          >
            <img src={photo.thumbnail_url} alt="" loading="lazy" />
          </button>
        ))}
      </div>
      {open && (
        <ImageViewer
          url={open.url}
          previewUrl={open.thumbnail_url}
          fileName={`plaza-moment-${open.upload_id}.webp`}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
