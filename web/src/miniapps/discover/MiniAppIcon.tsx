// A mini-program's icon (served from its own origin) as a rounded tile; its initial on a
// colour of its own when there is no picture or it does not load.

import { useState } from "preact/hooks";

const COLOURS = ["#07C160", "#10AEFF", "#FA9D3B", "#6467F0", "#FA5151", "#2BA245", "#576B95"];

function colourFor(seed: string): string {
  let hash = 0;
  for (const character of seed) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? "#07C160";
}

export function MiniAppIcon({ src, name, appId, size }: { src: string | null; name: string; appId: string; size: number }) {
  const [broken, setBroken] = useState(false);
  const style = { width: `${size}px`, height: `${size}px` };
  if (src === null || broken) {
    return (
      <span
        class="mpd-icon mpd-icon--letter"
        style={{ ...style, background: colourFor(appId), fontSize: `${Math.round(size * 0.42)}px` }}
        aria-hidden="true"
      >
        {Array.from(name.trim())[0]?.toUpperCase() ?? "?"}
      </span>
    );
  }
  return <img class="mpd-icon" src={src} alt="" style={style} loading="lazy" onError={() => setBroken(true)} />;
}
