import type { Avatar as AvatarUrls } from "../api/types";
import { PersonIcon } from "./icons";

const COLOURS = ["#07C160", "#10AEFF", "#FA9D3B", "#6467F0", "#FA5151", "#1AAD19", "#576B95", "#C87D2F"];

function colourFor(seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return COLOURS[Math.abs(hash) % COLOURS.length] ?? "#07C160";
}

/** "Ada Lovelace" -> "AL", "王小明" -> "王", "" -> "". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return "";
  const firstChar = Array.from(first)[0] ?? "";
  if (/[\u3000-\u9fff\uac00-\ud7af]/.test(firstChar)) return firstChar;
  const last = words.length > 1 ? Array.from(words[words.length - 1] ?? "")[0] ?? "" : "";
  return (firstChar + last).toUpperCase();
}

export interface AvatarProps {
  name: string;
  seed: string;
  avatar: AvatarUrls | null;
  size?: number;
  /** Use the medium image (for big avatars). */
  large?: boolean;
}

export function Avatar({ name, seed, avatar, size = 56, large = false }: AvatarProps) {
  const style = { width: `${size}px`, height: `${size}px`, borderRadius: `${Math.round(size * 0.12)}px` };
  if (avatar) {
    return <img class="avatar" src={large ? avatar.medium : avatar.small} alt="" style={style} data-testid="avatar-image" />;
  }
  const letters = initials(name);
  if (!letters) {
    return (
      <span class="avatar avatar--empty" style={style} aria-hidden="true">
        <PersonIcon size={Math.round(size * 0.7)} />
      </span>
    );
  }
  return (
    <span
      class="avatar avatar--initials"
      style={{ ...style, background: colourFor(seed), fontSize: `${Math.round(size * (letters.length > 1 ? 0.36 : 0.44))}px` }}
      aria-hidden="true"
    >
      {letters}
    </span>
  );
}
