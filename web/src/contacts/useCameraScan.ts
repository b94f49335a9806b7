// The camera half of scanning, shared by the Scan page and the shop's point of sale: the
// back camera into a <video>, a frame decoded every 250 ms until `accept` takes a text.

import { useEffect, useRef, useState } from "preact/hooks";
import { makeDecoder, type Decoder } from "./scan";

const SCAN_EVERY_MS = 250;

export type CameraState = "starting" | "on" | "unavailable";

export function useCameraScan(accept: (text: string) => boolean) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const decoder = useRef<Promise<Decoder> | null>(null);
  const latest = useRef(accept);
  latest.current = accept;
  const [camera, setCamera] = useState<CameraState>("starting");

  /** The decoder, made once: also for pictures the user picks. */
  function getDecoder(): Promise<Decoder> {
    decoder.current ??= makeDecoder();
    return decoder.current;
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
        if (text && latest.current(text)) return;
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

  return { video, canvas, camera, getDecoder };
}
