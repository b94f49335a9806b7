// Voice notes being listened to: the one playing (one at a time), and the ones I have
// played, whose unread dot is gone (kept in localStorage, as this device's memory).

import { signal } from "@preact/signals";

const PLAYED_KEY = "plaza.voice_played";
/** The newest ids kept; older voice notes have long been listened to or forgotten. */
const PLAYED_MAX = 2_000;

/** The message id (or client_msg_id) of the voice note playing, if any. */
export const playingVoice = signal<string | null>(null);

function readPlayed(): ReadonlySet<string> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(PLAYED_KEY) ?? "[]");
    return new Set(Array.isArray(saved) ? saved.filter((id): id is string => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

export const playedVoices = signal<ReadonlySet<string>>(readPlayed());

export function markVoicePlayed(id: string): void {
  if (playedVoices.value.has(id)) return;
  const next = [...playedVoices.value, id].slice(-PLAYED_MAX);
  playedVoices.value = new Set(next);
  try {
    localStorage.setItem(PLAYED_KEY, JSON.stringify(next));
  } catch {
    // The dot then comes back after a reload; nothing worse.
  }
}
