// Inline SVG icons. Each takes the current text colour, so CSS decides the colour.

import type { JSX } from "preact";

export interface IconProps {
  size?: number;
  class?: string;
}

/** The frame every line icon is drawn in: a 24-unit grid, stroked in the current colour. */
export function Svg({ size = 24, class: className, children }: IconProps & { children: JSX.Element | JSX.Element[] }) {
  return (
    <svg
      class={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export interface TabIconProps extends IconProps {
  active?: boolean;
}

export function ChatsIcon({ active = false, ...props }: TabIconProps) {
  return (
    <Svg {...props}>
      <path
        d="M12 3.5c-5 0-9 3.4-9 7.6 0 2.4 1.3 4.5 3.3 5.9l-.8 3.3 3.9-2c.8.2 1.7.3 2.6.3 5 0 9-3.4 9-7.5S17 3.5 12 3.5z"
        fill={active ? "currentColor" : "none"}
      />
      <circle cx="8.2" cy="11" r="1.05" fill={active ? "#fff" : "currentColor"} stroke="none" />
      <circle cx="12" cy="11" r="1.05" fill={active ? "#fff" : "currentColor"} stroke="none" />
      <circle cx="15.8" cy="11" r="1.05" fill={active ? "#fff" : "currentColor"} stroke="none" />
    </Svg>
  );
}

export function ContactsIcon({ active = false, ...props }: TabIconProps) {
  const fill = active ? "currentColor" : "none";
  return (
    <Svg {...props}>
      <circle cx="9.5" cy="8" r="3.6" fill={fill} />
      <path d="M2.8 20.2c0-3.7 3-6.4 6.7-6.4s6.7 2.7 6.7 6.4z" fill={fill} />
      <path d="M15.2 4.6a3.6 3.6 0 0 1 0 6.9" />
      <path d="M18.2 14.4c1.8.9 3 2.9 3 5.3" />
    </Svg>
  );
}

export function DiscoverIcon({ active = false, ...props }: TabIconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" fill={active ? "currentColor" : "none"} />
      <path
        d="M15.8 8.2l-2 5.6-5.6 2 2-5.6z"
        fill={active ? "#fff" : "none"}
        stroke={active ? "#fff" : "currentColor"}
      />
    </Svg>
  );
}

export function MeIcon({ active = false, ...props }: TabIconProps) {
  const fill = active ? "currentColor" : "none";
  return (
    <Svg {...props}>
      <circle cx="12" cy="7.8" r="4" fill={fill} />
      <path d="M4.2 20.5c0-4.1 3.5-7.2 7.8-7.2s7.8 3.1 7.8 7.2z" fill={fill} />
    </Svg>
  );
}

export function ChevronRightIcon(props: IconProps) {
  return (
    <Svg size={16} {...props}>
      <path d="M9 5.5l6.5 6.5L9 18.5" stroke-width="2" />
    </Svg>
  );
}

export function BackIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M15 4.5L7.5 12l7.5 7.5" stroke-width="2" />
    </Svg>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.5 12.5l5 5 10-11" stroke-width="2.2" />
    </Svg>
  );
}

export function GlobeIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
    </Svg>
  );
}

export function DevicesIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2.5" y="5" width="13.5" height="10" rx="1.5" />
      <path d="M5.5 19h7.5" />
      <rect x="16" y="8.5" width="5.5" height="11" rx="1.3" />
    </Svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5.5" stroke-width="2" />
      <circle cx="12" cy="7.7" r="1.1" fill="currentColor" stroke="none" />
    </Svg>
  );
}

export function CameraIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 7.5h3l1.6-2.5h6.8L17 7.5h3a1.5 1.5 0 0 1 1.5 1.5v9.5A1.5 1.5 0 0 1 20 20H4a1.5 1.5 0 0 1-1.5-1.5V9A1.5 1.5 0 0 1 4 7.5z" />
      <circle cx="12" cy="13.3" r="3.7" />
    </Svg>
  );
}

export function PersonIcon(props: IconProps) {
  return (
    <svg
      class={props.class}
      width={props.size ?? 24}
      height={props.size ?? 24}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="9" r="4.4" fill="currentColor" />
      <path d="M3.5 24c0-5.2 3.8-8.6 8.5-8.6s8.5 3.4 8.5 8.6z" fill="currentColor" />
    </svg>
  );
}

export function WarningIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 3.5L2.5 20h19z" />
      <path d="M12 10v4.5" stroke-width="2" />
      <circle cx="12" cy="17.2" r="1.1" fill="currentColor" stroke="none" />
    </Svg>
  );
}

export function CloudOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M7 18.5h10.5a4 4 0 0 0 .6-8 6 6 0 0 0-10.9-2A5 5 0 0 0 7 18.5z" />
      <path d="M4 4l16 16" />
    </Svg>
  );
}

/** The Plaza mark: a speech bubble holding a 2x2 grid of mini-programs. */
export function PlazaLogo({ size = 64 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="15" fill="#07C160" />
      <path
        d="M32 12c-11.6 0-21 7.8-21 17.5 0 5.6 3.1 10.5 8 13.7l-1.8 7.3 8.6-4.6c2 .5 4 .7 6.2.7 11.6 0 21-7.8 21-17.5S43.6 12 32 12z"
        fill="#fff"
      />
      <rect x="23" y="20.5" width="7.5" height="7.5" rx="2" fill="#07C160" />
      <rect x="33.5" y="20.5" width="7.5" height="7.5" rx="2" fill="#07C160" />
      <rect x="23" y="31" width="7.5" height="7.5" rx="2" fill="#07C160" />
      <rect x="33.5" y="31" width="7.5" height="7.5" rx="3.75" fill="#07C160" />
    </svg>
  );
}

export function PhoneIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="6.5" y="2.5" width="11" height="19" rx="2.2" />
      <path d="M10.5 18.5h3" />
    </Svg>
  );
}

export function LaptopIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="4" y="5" width="16" height="10.5" rx="1.5" />
      <path d="M2 19h20" />
    </Svg>
  );
}

export function PlusCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v9M7.5 12h9" />
    </Svg>
  );
}

export function PlusIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 4.5v15M4.5 12h15" />
    </Svg>
  );
}

export function MinusIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.5 12h15" />
    </Svg>
  );
}

export function MoreIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="5.5" cy="12" r="1.5" fill="currentColor" stroke="none" />
      <circle cx="12" cy="12" r="1.5" fill="currentColor" stroke="none" />
      <circle cx="18.5" cy="12" r="1.5" fill="currentColor" stroke="none" />
    </Svg>
  );
}

export function SmileIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 14.2c1 1.4 2.4 2.1 4 2.1s3-.7 4-2.1" />
      <circle cx="9" cy="9.8" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="15" cy="9.8" r="1.1" fill="currentColor" stroke="none" />
    </Svg>
  );
}

export function KeyboardIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2.5" y="6" width="19" height="12" rx="2" />
      <path d="M6 9.5h.01M9.3 9.5h.01M12.6 9.5h.01M15.9 9.5h.01M18 9.5h.01M6 12.5h.01M18 12.5h.01M8.5 15h7" stroke-width="2" />
    </Svg>
  );
}

export function BellOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M9.5 19.5a2.6 2.6 0 0 0 5 0" />
      <path d="M17.5 13.5V10a5.5 5.5 0 0 0-9.2-4.1M6.5 9.6v3.9L5 16.5h11.5" />
      <path d="M3.5 3.5l17 17" />
    </Svg>
  );
}

export function PinIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 21s-6.5-6.1-6.5-11a6.5 6.5 0 0 1 13 0c0 4.9-6.5 11-6.5 11z" />
      <circle cx="12" cy="10" r="2.4" />
    </Svg>
  );
}

export function CardIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <circle cx="8.5" cy="11" r="2.2" />
      <path d="M5.2 16.2c.6-1.7 1.8-2.6 3.3-2.6s2.7.9 3.3 2.6M14.5 10h4M14.5 13.5h3" />
    </Svg>
  );
}

export function ScanIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3.5 8V5a1.5 1.5 0 0 1 1.5-1.5h3M16 3.5h3A1.5 1.5 0 0 1 20.5 5v3M20.5 16v3a1.5 1.5 0 0 1-1.5 1.5h-3M8 20.5H5A1.5 1.5 0 0 1 3.5 19v-3" />
      <path d="M3 12h18" />
    </Svg>
  );
}

export function QrIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="3.5" y="3.5" width="7" height="7" rx="1" />
      <rect x="13.5" y="3.5" width="7" height="7" rx="1" />
      <rect x="3.5" y="13.5" width="7" height="7" rx="1" />
      <path d="M13.5 13.5h3v3h-3zM17.5 17.5h3v3h-3zM20.5 13.5v1M13.5 20.5h1" />
    </Svg>
  );
}

export function SearchIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5l5 5" />
    </Svg>
  );
}

export function AddPersonIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="9.5" cy="8" r="3.8" />
      <path d="M2.8 20.2c0-3.7 3-6.4 6.7-6.4 1.6 0 3 .5 4.1 1.3" />
      <path d="M18.5 13.5v7M15 17h7" />
    </Svg>
  );
}

export function GroupIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8.5" cy="8.5" r="3.3" />
      <circle cx="16.3" cy="9.3" r="2.6" />
      <path d="M2.5 19.5c0-3.3 2.7-5.6 6-5.6s6 2.3 6 5.6z" />
      <path d="M15.6 14.1c3.2-.4 5.9 1.6 5.9 4.9h-4.6" />
    </Svg>
  );
}

export function TagIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3.5 12.2V4.8a1.3 1.3 0 0 1 1.3-1.3h7.4l8.3 8.3a1.3 1.3 0 0 1 0 1.8l-7.4 7.4a1.3 1.3 0 0 1-1.8 0z" />
      <circle cx="8.3" cy="8.3" r="1.4" />
    </Svg>
  );
}

export function LockIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </Svg>
  );
}

export function ImageIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="8.5" cy="9.5" r="1.8" />
      <path d="M21 16l-5.5-5.5L6 20" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6 6l12 12M18 6L6 18" stroke-width="2" />
    </Svg>
  );
}

export function ExclamationIcon(props: IconProps) {
  return (
    <svg width={props.size ?? 20} height={props.size ?? 20} viewBox="0 0 20 20" aria-hidden="true" focusable="false" class={props.class}>
      <circle cx="10" cy="10" r="10" fill="#FA5151" />
      <rect x="8.9" y="4.5" width="2.2" height="7.5" rx="1.1" fill="#fff" />
      <circle cx="10" cy="14.8" r="1.3" fill="#fff" />
    </svg>
  );
}

export function FileIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6 2.8h8l5 5V20a1.2 1.2 0 0 1-1.2 1.2H6A1.2 1.2 0 0 1 4.8 20V4A1.2 1.2 0 0 1 6 2.8z" />
      <path d="M13.8 2.8v5.2H19M8.5 13h7M8.5 16.5h5" />
    </Svg>
  );
}

/** A sheet of paper in the file type's colour with its extension on it, for file cards. */
export function DocumentIcon({ label, color, size = 40 }: { label: string; color: string; size?: number }) {
  return (
    <svg width={size} height={size * 1.2} viewBox="0 0 40 48" aria-hidden="true" focusable="false">
      <path d="M4 0h23l13 13v32a3 3 0 0 1-3 3H4a3 3 0 0 1-3-3V3a3 3 0 0 1 3-3z" fill={color} />
      <path d="M27 0l13 13H30a3 3 0 0 1-3-3z" fill="#fff" fill-opacity="0.45" />
      {label && (
        <text
          x="20.5"
          y="36"
          fill="#fff"
          font-size={label.length > 3 ? 9 : 11}
          font-weight="700"
          font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Arial, sans-serif"
          text-anchor="middle"
        >
          {label}
        </text>
      )}
    </svg>
  );
}

export function MicIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
    </Svg>
  );
}

/** The voice key of the composer: a circle with sound waves, as WeChat draws it. */
export function VoiceCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.2 10.6a2 2 0 0 1 0 2.8M11.4 8.6a4.8 4.8 0 0 1 0 6.8M13.6 6.6a7.6 7.6 0 0 1 0 10.8" />
    </Svg>
  );
}

export function PlayIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke-width="1.2" />
    </Svg>
  );
}

export function PauseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="6.5" y="5.5" width="3.6" height="13" rx="1" fill="currentColor" stroke="none" />
      <rect x="13.9" y="5.5" width="3.6" height="13" rx="1" fill="currentColor" stroke="none" />
    </Svg>
  );
}

export function DownloadIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 4v11M7 10.5l5 5 5-5M4.5 19.5h15" />
    </Svg>
  );
}

export function UndoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8.5 5.5L4 10l4.5 4.5" />
      <path d="M4.5 10h9.5a5.5 5.5 0 0 1 0 11h-3" />
    </Svg>
  );
}

/** A ¥ in a circle: transfers and the wallet's balance. */
export function YuanIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 7l3.5 5 3.5-5M12 12v5.5M9 12.5h6M9 15h6" />
    </Svg>
  );
}

export function WalletIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="3.5" y="6" width="17" height="13" rx="2" />
      <path d="M3.5 9.5h17M15.5 14h2" />
      <path d="M6 6l9-2.5 1 2.5" />
    </Svg>
  );
}

/** Two arrows passing each other: the "+" panel's Transfer. */
export function TransferIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M5 9h13l-3.5-3.5M19 15H6l3.5 3.5" />
    </Svg>
  );
}
