// A Code 128 barcode drawn as one SVG path, for a till's barcode scanner.

import { useMemo } from "preact/hooks";
import { code128c } from "./code128";

export function Barcode({ digits, height = 72, testid }: { digits: string; height?: number; testid?: string }) {
  const { path, modules } = useMemo(() => {
    const { bars, modules } = code128c(digits);
    return { path: bars.map(([x, width]) => `M${x} 0h${width}v1h-${width}z`).join(""), modules };
  }, [digits]);
  return (
    <svg
      class="barcode"
      viewBox={`0 0 ${modules} 1`}
      preserveAspectRatio="none"
      height={height}
      shape-rendering="crispEdges"
      role="img"
      aria-label={digits}
      data-testid={testid}
    >
      <rect width={modules} height={1} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
