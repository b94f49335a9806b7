// The point of sale's scanner: the customer's money code (its QR) read by the camera or
// from a picture, with the Scan page's camera loop.

import { useRef, useState } from "preact/hooks";
import { useCameraScan } from "../../contacts/useCameraScan";
import { t } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { ImageIcon } from "../../ui/icons";

export const CODE_DIGITS = 18;

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "").slice(0, CODE_DIGITS);
}

function isCode(text: string): boolean {
  return /^\s*\d{18}\s*$/.test(text);
}

export function CodeScanner({ onCode }: { onCode: (code: string) => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { video, canvas, camera, getDecoder } = useCameraScan((text) => {
    if (!isCode(text)) return false;
    onCode(digitsOf(text));
    return true;
  });

  async function fromPicture(event: Event) {
    const target = event.currentTarget as HTMLInputElement;
    const file = target.files?.[0];
    target.value = "";
    if (!file || !canvas.current) return;
    setMessage(null);
    try {
      const bitmap = await createImageBitmap(file);
      const text = await (await getDecoder())(bitmap, canvas.current);
      bitmap.close();
      if (text && isCode(text)) onCode(digitsOf(text));
      else setMessage(t("scan.none_found"));
    } catch {
      setMessage(t("scan.none_found"));
    }
  }

  return (
    <div class="scan shop-scanner" data-testid="pos-scanner">
      <div class="scan__viewport">
        <video ref={video} class="scan__video" muted playsInline aria-hidden="true" />
        {camera === "on" && <span class="scan__frame" aria-hidden="true" />}
        {camera !== "on" && (
          <p class="scan__status">{camera === "starting" ? t("scan.starting") : t("scan.no_camera")}</p>
        )}
      </div>
      <canvas ref={canvas} class="visually-hidden" aria-hidden="true" />
      {message && (
        <p class="scan__message" role="status">
          {message}
        </p>
      )}
      <Button variant="default" size="small" testid="pos-scan-picture" onClick={() => fileInput.current?.click()}>
        <span class="scan__upload">
          <ImageIcon size={18} />
          {t("scan.from_picture")}
        </span>
      </Button>
      <input
        ref={fileInput}
        class="visually-hidden"
        type="file"
        accept="image/*"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="pos-scan-input"
        onChange={(event) => void fromPicture(event)}
      />
    </div>
  );
}
