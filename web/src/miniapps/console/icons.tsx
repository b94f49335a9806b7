// The console's own line icons, drawn like ui/icons.tsx (current colour, 24-unit grid).

import { Svg, type IconProps } from "../../ui/icons";

export function CodeIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8.5 7 3.5 12l5 5" />
      <path d="m15.5 7 5 5-5 5" />
      <path d="m13.5 4.5-3 15" />
    </Svg>
  );
}

export function AppsIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="4" y="4" width="6.5" height="6.5" rx="1.6" />
      <rect x="13.5" y="4" width="6.5" height="6.5" rx="1.6" />
      <rect x="4" y="13.5" width="6.5" height="6.5" rx="1.6" />
      <circle cx="16.75" cy="16.75" r="3.25" />
    </Svg>
  );
}

export function OverviewIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="4" y="4" width="16" height="16" rx="2.5" />
      <path d="M8 9h8M8 12.5h8M8 16h5" />
    </Svg>
  );
}

export function PackageIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 3.5 20 7.5v9L12 20.5 4 16.5v-9Z" />
      <path d="M4 7.5 12 11.5l8-4M12 11.5v9" />
    </Svg>
  );
}

export function TestersIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="9" cy="8.5" r="3.2" />
      <path d="M3.5 19.5c.6-3.3 2.8-5 5.5-5s4.9 1.7 5.5 5" />
      <path d="M15.5 5.6a3.2 3.2 0 0 1 0 5.8M17.5 14.8c1.6.7 2.7 2.3 3 4.7" />
    </Svg>
  );
}

export function TemplateIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M5 5.5h14v10H10l-4 3.5v-3.5H5Z" />
      <path d="M8.5 9.5h7M8.5 12.5h4.5" />
    </Svg>
  );
}

export function WebhookIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 12h9" />
      <path d="m10 8 4 4-4 4" />
      <path d="M14.5 5.5H18a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-3.5" />
    </Svg>
  );
}

export function TakingsIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="8.5" />
      <path d="m9 7.5 3 4 3-4M12 11.5V17M9 12.5h6M9 15h6" />
    </Svg>
  );
}

export function ChartIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 20h16" />
      <path d="M7 16.5v-5M11 16.5V7M15 16.5v-7M19 16.5V5" />
    </Svg>
  );
}

export function ReviewIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 3.5 19 6v5.5c0 4.2-2.9 7.6-7 9-4.1-1.4-7-4.8-7-9V6Z" />
      <path d="m8.8 12 2.2 2.2 4.2-4.4" />
    </Svg>
  );
}

export function CopyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="8.5" y="8.5" width="11" height="11" rx="2" />
      <path d="M15.5 8.5V6.5a2 2 0 0 0-2-2h-7a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h2" />
    </Svg>
  );
}

export function UploadIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 15.5V4.5M7.5 9 12 4.5 16.5 9" />
      <path d="M4.5 15v3a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2v-3" />
    </Svg>
  );
}

export function KeyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="15" r="4" />
      <path d="m11 12 8.5-8.5M16.5 6.5l2 2M14.5 8.5l1.5 1.5" />
    </Svg>
  );
}

export function ExitIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M10 4.5H6.5a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2H10" />
      <path d="M14.5 8 19 12l-4.5 4M19 12H9.5" />
    </Svg>
  );
}
