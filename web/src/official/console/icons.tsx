// The official account console's own line icons, drawn like ui/icons.tsx (current colour, 24-unit grid).

import { Svg, type IconProps } from "../../ui/icons";

/** A megaphone: an official account. */
export function OfficialIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 10v4a1 1 0 0 0 1 1h2l6 4V5L7 9H5a1 1 0 0 0-1 1Z" />
      <path d="M16.5 9a4 4 0 0 1 0 6" />
      <path d="M19 6.5a7.5 7.5 0 0 1 0 11" />
    </Svg>
  );
}

export function ArticleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6 3.5h8.5L19 8v12.5H6Z" />
      <path d="M14 3.5V8.5h5M9 12h7M9 15.5h7M9 19h4" />
    </Svg>
  );
}

export function SendIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M20.5 3.5 3.5 10.5l7 3 3 7Z" />
      <path d="m10.5 13.5 4-4" />
    </Svg>
  );
}

/** The custom menu: a bar of three items under a chat. */
export function MenuBarIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="3.5" y="14.5" width="17" height="5.5" rx="1.5" />
      <path d="M9.2 14.5V20M14.8 14.5V20M6 4.5h12M6 8.5h12" />
    </Svg>
  );
}

export function ReplyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.5 5.5h15v10h-8l-4.5 3.5v-3.5H4.5Z" />
      <path d="M8.5 9.5h7M8.5 12h4" />
    </Svg>
  );
}

export function InboxIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 13.5 6.5 5h11l2.5 8.5V19H4Z" />
      <path d="M4 13.5h4.5l1 2h5l1-2H20" />
    </Svg>
  );
}
