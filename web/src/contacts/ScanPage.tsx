// Scan a Plaza QR code with the camera, or from a picture: a person's card or a group
// to join opens.

import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Button } from "../ui/Button";
import { ImageIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { makeDecoder, pathForScan, type Decoder } from "./scan";

const SCAN_EVERY_MS = 250;

export function ScanPage() {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const decoder = useRef<Promise<Decoder> | null>(null);
  const [camera, setCamera] = useState<"starting" | "on" | "unavailable">("starting");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function getDecoder(): Promise<Decoder> {
    decoder.current ??= makeDecoder();
    return decoder.current;
  }

  function found(text: string): boolean {
    const target = pathForScan(text);
    if (target) {
      navigate(target, { replace: true });
      return true;
    }
    setMessage(t("scan.not_plaza", { text: text.slice(0, 120) }));
    return false;
  }

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;

    async function start() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera("unavailable");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch {
        setCamera("unavailable");
        return;
      }
      if (stopped || !video.current) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setCamera("on");
      const decode = await getDecoder();
      const tick = async () => {
        if (stopped || !video.current || !canvas.current) return;
        const text = await decode(video.current, canvas.current).catch(() => null);
        if (text && pathForScan(text)) {
          found(text);
          return;
        }
        timer = window.setTimeout(() => void tick(), SCAN_EVERY_MS);
      };
      void tick();
    }
    void start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

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
