// The composer's "Hold to Talk" key, as in WeChat: press and hold to record (touch, pen or
// mouse), slide up to cancel, let go to send; at 60 s it stops and sends by itself. An
// overlay shows the seconds recorded meanwhile.

import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { showToast } from "../shell/store";
import { MicIcon, UndoIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Spinner } from "../ui/Spinner";
import { VOICE_MAX_MS, VOICE_MIN_MS } from "./media";
import { VoiceRecorder, type Recording } from "./recorder";

/** Sliding this far up from where the press began cancels. */
const CANCEL_DISTANCE_PX = 60;
/** The last seconds count down, as in WeChat. */
const COUNTDOWN_FROM_MS = 50_000;
const TICK_MS = 100;

type Phase = "idle" | "starting" | "recording";

function RecordingOverlay({ phase, elapsedMs, cancelling }: { phase: Phase; elapsedMs: number; cancelling: boolean }) {
  const seconds = Math.floor(elapsedMs / 1000);
  const left = Math.ceil((VOICE_MAX_MS - elapsedMs) / 1000);
  let hint = t("chat.voice.slide_up");
  if (cancelling) hint = t("chat.voice.release_cancel");
  else if (elapsedMs >= COUNTDOWN_FROM_MS) hint = t("chat.voice.remaining", { seconds: Math.max(0, left) });
  return (
    <Overlay>
      <div class="voice-overlay" data-testid="voice-overlay" data-cancelling={cancelling ? "true" : "false"}>
        <div class={cancelling ? "voice-overlay__box voice-overlay__box--cancel" : "voice-overlay__box"}>
          <span class="voice-overlay__icon">
            {phase === "starting" ? (
              <Spinner size={32} light />
            ) : cancelling ? (
              <UndoIcon size={48} />
            ) : (
              <>
                <MicIcon size={48} />
                <span class="voice-overlay__level" aria-hidden="true">
                  <i />
                  <i />
                  <i />
                  <i />
                </span>
              </>
            )}
          </span>
          <span class="voice-overlay__time" data-testid="voice-elapsed">
            {t("chat.voice.duration", { seconds })}
          </span>
          <span class="voice-overlay__hint">{hint}</span>
        </div>
      </div>
    </Overlay>
  );
}

export function HoldToTalk({ onRecorded }: { onRecorded: (recording: Recording) => void }) {
  const [phase, setPhase] = useState<Phase>("idle");
  const [cancelling, setCancelling] = useState(false);
  const [elapsedMs, setElapsedMs] = useState(0);
  const recorder = useRef<VoiceRecorder | null>(null);
  /** The press is still down (a recorder that starts after it ended is thrown away). */
  const held = useRef(false);
  const startY = useRef(0);
  const cancel = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      window.clearInterval(timer.current);
      recorder.current?.cancel();
    },
    [],
  );

  function reset() {
    window.clearInterval(timer.current);
    recorder.current = null;
    held.current = false;
    cancel.current = false;
    setPhase("idle");
    setCancelling(false);
    setElapsedMs(0);
  }

  async function finish(send: boolean) {
    const current = recorder.current;
    if (!current) return;
    const duration = current.elapsedMs;
    reset();
    if (!send) {
      current.cancel();
    } else if (duration < VOICE_MIN_MS) {
      current.cancel();
      showToast(t("chat.voice.too_short"), "warning");
    } else {
      try {
        onRecorded(await current.stop());
      } catch {
        showToast(t("chat.voice.no_sound"), "warning");
      }
    }
  }

  async function onPointerDown(event: PointerEvent) {
    if (event.button !== 0 || phase !== "idle") return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    held.current = true;
    startY.current = event.clientY;
    setPhase("starting");
    let started: VoiceRecorder;
    try {
      started = await VoiceRecorder.start();
    } catch {
      reset();
      showToast(t("chat.voice.no_mic"), "warning");
      return;
    }
    if (!held.current) {
      // Let go while the microphone was starting (or while answering the browser's prompt).
      started.cancel();
      reset();
      return;
    }
    recorder.current = started;
    setPhase("recording");
    timer.current = window.setInterval(() => {
      const ms = started.elapsedMs;
      setElapsedMs(ms);
      if (ms >= VOICE_MAX_MS) void finish(true);
    }, TICK_MS);
  }

  function onPointerMove(event: PointerEvent) {
    if (!held.current) return;
    const cancelling = startY.current - event.clientY > CANCEL_DISTANCE_PX;
    if (cancelling !== cancel.current) {
      cancel.current = cancelling;
      setCancelling(cancelling);
    }
  }

  function onPointerUp() {
    if (!held.current) return;
    held.current = false;
    if (recorder.current) void finish(!cancel.current);
  }

  function onPointerCancel() {
    held.current = false;
    void finish(false);
  }

  const active = phase !== "idle";
  let label = t("chat.voice.hold");
  if (active) label = cancelling ? t("chat.voice.release_cancel_short") : t("chat.voice.release_send");
  return (
    <>
      <button
        type="button"
        class={active ? "hold-to-talk hold-to-talk--held" : "hold-to-talk"}
        data-testid="composer-hold"
        onPointerDown={(event) => void onPointerDown(event)}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
        onContextMenu={(event) => event.preventDefault()}
      >
        {label}
      </button>
      {active && <RecordingOverlay phase={phase} elapsedMs={elapsedMs} cancelling={cancelling} />}
    </>
  );
}
