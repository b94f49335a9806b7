// Recording a voice note with the microphone (getUserMedia + MediaRecorder). The server
// transcodes whatever the browser records (WebM/Opus in Chromium and Firefox, MP4/AAC in
// Safari) to AAC, which every browser plays.

export interface Recording {
  blob: Blob;
  durationMs: number;
  /** "voice.webm", "voice.m4a" or "voice.ogg", by what the recorder made. */
  name: string;
}

/** Preferred first; the browser's default when it supports none of them. */
const TYPES = ["audio/webm;codecs=opus", "audio/mp4", "audio/ogg;codecs=opus", "audio/webm"];

/** Whether this page may record at all (a secure context with a microphone API). */
export function canRecord(): boolean {
  return typeof MediaRecorder !== "undefined" && typeof navigator.mediaDevices?.getUserMedia === "function";
}

export function voiceFileName(mimeType: string): string {
  if (mimeType.includes("mp4") || mimeType.includes("aac")) return "voice.m4a";
  if (mimeType.includes("ogg")) return "voice.ogg";
  return "voice.webm";
}

export class VoiceRecorder {
  private readonly chunks: Blob[] = [];
  private readonly startedAt = performance.now();
  private readonly stream: MediaStream;
  private readonly recorder: MediaRecorder;

  private constructor(stream: MediaStream, recorder: MediaRecorder) {
    this.stream = stream;
    this.recorder = recorder;
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    recorder.start();
  }

  /** Asks for the microphone (the browser may prompt) and starts recording. */
  static async start(): Promise<VoiceRecorder> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    try {
      const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
      return new VoiceRecorder(stream, recorder);
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop());
      throw error;
    }
  }

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Stops and hands back what was recorded. */
  stop(): Promise<Recording> {
    const durationMs = Math.round(this.elapsedMs);
    return new Promise((resolve, reject) => {
      const finish = () => {
        this.release();
        const type = this.recorder.mimeType || this.chunks[0]?.type || "audio/webm";
        const blob = new Blob(this.chunks, { type });
        if (blob.size === 0) reject(new Error("Nothing was recorded"));
        else resolve({ blob, durationMs, name: voiceFileName(type) });
      };
      this.recorder.onstop = finish;
      if (this.recorder.state === "inactive") finish();
      else this.recorder.stop();
    });
  }

  /** Stops and throws the recording away. */
  cancel(): void {
    this.recorder.onstop = null;
    if (this.recorder.state !== "inactive") this.recorder.stop();
    this.release();
  }

  private release(): void {
    this.stream.getTracks().forEach((track) => track.stop());
  }
}
