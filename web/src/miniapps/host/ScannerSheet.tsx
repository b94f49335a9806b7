// The host's scanner for plaza.scanCode: the camera stays in the host (the mini-program
// never gets the stream), and only the decoded text goes back.

import { t } from "../../i18n/t";
import { useCameraScan } from "../../contacts/useCameraScan";
import { Overlay } from "../../ui/Overlay";
import { Page } from "../../ui/Page";

export function ScannerSheet({ onResult }: { onResult: (text: string | null) => void }) {
  const { video, canvas, camera } = useCameraScan((text) => {
    onResult(text);
    return true;
  });
  return (
    <Overlay>
      <div class="picker" data-testid="scanner">
        <Page title={t("mphost.scan_title")} onBack={() => onResult(null)}>
          <div class="scan">
            <div class="scan__viewport">
              <video ref={video} class="scan__video" muted playsInline aria-hidden="true" />
              {camera === "on" && <span class="scan__frame" aria-hidden="true" />}
              {camera !== "on" && (
                <p class="scan__status">{camera === "starting" ? t("scan.starting") : t("scan.no_camera")}</p>
              )}
            </div>
            <canvas ref={canvas} class="visually-hidden" aria-hidden="true" />
            <p class="scan__hint">{t("mphost.scan_hint")}</p>
          </div>
        </Page>
      </div>
    </Overlay>
  );
}
