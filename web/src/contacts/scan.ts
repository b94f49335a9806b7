// Reading QR codes: the browser's BarcodeDetector where there is one, else jsQR on the
// pixels (loaded only when needed). A scanned Plaza address becomes an in-app path.

interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

export type Decoder = (source: HTMLVideoElement | ImageBitmap, canvas: HTMLCanvasElement) => Promise<string | null>;

async function nativeDecoder(): Promise<Decoder | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes("qr_code")) return null;
  } catch {
    return null;
  }
  const detector = new Detector({ formats: ["qr_code"] });
  return async (source) => {
    const found = await detector.detect(source);
    return found[0]?.rawValue ?? null;
  };
}

async function jsQrDecoder(): Promise<Decoder> {
  const { default: jsQR } = await import("jsqr");
  return async (source, canvas) => {
    const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
    const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
    if (width === 0 || height === 0) return null;
    // Big photos are scaled down: jsQR's time grows with the pixels.
    const scale = Math.min(1, 1024 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
  };
}

export async function makeDecoder(): Promise<Decoder> {
  return (await nativeDecoder()) ?? (await jsQrDecoder());
}

/** `/u/<plaza_id>`, `/join/<token>` or a shop's `/pay/<merchant_id>?amount=` from a scanned
 * address (any host), else null. */
export function pathForScan(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim(), location.origin);
  } catch {
    return null;
  }
  const match = /^\/(u|join|pay)\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return null;
  const amount = match[1] === "pay" ? url.searchParams.get("amount") : null;
  return `/${match[1]}/${match[2]}${amount ? `?amount=${encodeURIComponent(amount)}` : ""}`;
}
