// A mini-program's icon (served from its own origin), round as WeChat draws them; its
// initials on a colour when the picture does not load.

import { useState } from "preact/hooks";
import { initials } from "../../ui/Avatar";

export function AppIcon({ src, name, size }: { src: string; name: string; size: number }) {
  const [broken, setBroken] = useState(false);
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.38)}px` };
  if (broken) {
    return (
      <span class="mp-icon mp-icon--letters" style={style} aria-hidden="true">
        {initials(name)}
      </span>
    );
  }
  return <img class="mp-icon" src={src} alt="" style={style} onError={() => setBroken(true)} />;
}
