// A QR code drawn client-side as one SVG path (qrcode-generator does the encoding).

import qrcode from "qrcode-generator";
import { useMemo } from "preact/hooks";

const QUIET_ZONE = 4; // modules of white around the code, as the QR standard asks

export function QrCode({ text, size = 240, testid }: { text: string; size?: number; testid?: string }) {
  const { path, modules } = useMemo(() => {
    const code = qrcode(0, "M");
    code.addData(text, "Byte");
    code.make();
    const count = code.getModuleCount();
    let d = "";
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (code.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
      }
    }
    return { path: d, modules: count + QUIET_ZONE * 2 };
  }, [text]);

  return (
    <svg
      class="qr"
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
      role="img"
      aria-label={text}
      data-testid={testid}
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
