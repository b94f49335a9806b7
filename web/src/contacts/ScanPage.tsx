// Scan a Plaza QR code with the camera, or from a picture: a person's card, a group to
// join or a shop to pay opens.

import { useRef, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Button } from "../ui/Button";
import { ImageIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { pathForScan } from "./scan";
import { useCameraScan } from "./useCameraScan";

export function ScanPage() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { video, canvas, camera, getDecoder } = useCameraScan((text) => pathForScan(text) !== null && found(text));

  function found(text: string): boolean {
    const target = pathForScan(text);
    if (target) {
      navigate(target, { replace: true });
      return true;
    }
    setMessage(t("scan.not_plaza", { text: text.slice(0, 120) }));
    return false;
  }

  async function onFile(event: Event) {
    const target = event.currentTarget as HTMLInputElement;
    const file = target.files?.[0];
    target.value = "";
    if (!file || !canvas.current) return;
    setBusy(true);
    setMessage(null);
    try {
      const bitmap = await createImageBitmap(file);
      const text = await (await getDecoder())(bitmap, canvas.current);
      bitmap.close();
      if (text) found(text);
      else setMessage(t("scan.none_found"));
    } catch {
      setMessage(t("scan.none_found"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("contacts.scan")} onBack={() => back("/contacts")} testid="scan-page">
      <div class="scan">
        <div class="scan__viewport">
          <video ref={video} class="scan__video" muted playsInline aria-hidden="true" />
          {camera === "on" && <span class="scan__frame" aria-hidden="true" />}
          {camera !== "on" && (
            <p class="scan__status">{camera === "starting" ? t("scan.starting") : t("scan.no_camera")}</p>
          )}
        </div>
        <canvas ref={canvas} class="visually-hidden" aria-hidden="true" />
        <p class="scan__hint">{t("scan.hint")}</p>
        {message && (
          <p class="scan__message" role="status" data-testid="scan-message">
            {message}
          </p>
        )}
        <Button variant="default" busy={busy} testid="scan-upload" onClick={() => fileInput.current?.click()}>
          <span class="scan__upload">
            <ImageIcon size={20} />
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
          data-testid="scan-input"
          onChange={(event) => void onFile(event)}
        />
      </div>
    </Page>
  );
}
