// Official accounts' marks: the reader's thumb (likes) and arrow out of a box (sharing), the
// account chat's "menu" lines, the Contacts cell and the chat list's Subscriptions folder.

import { Svg, type IconProps } from "../ui/icons";

export function LikeIcon({ filled = false, ...props }: IconProps & { filled?: boolean }) {
  return (
    <Svg {...props}>
      <path
        d="M7.5 10.5v9h-3v-9zM7.5 10.5l3.6-6.3c.3-.5.9-.8 1.5-.6 1 .3 1.5 1.3 1.3 2.3l-.7 3.1h5.2c1.2 0 2 1.1 1.8 2.2l-1.3 6.5c-.2.9-1 1.6-1.9 1.6H7.5"
        fill={filled ? "currentColor" : "none"}
      />
    </Svg>
  );
}

export function ShareIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 14.5V3.5M8 7.5l4-4 4 4M5.5 11v8.5h13V11" />
    </Svg>
  );
}

export function MenuIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M5 7h14M5 12h14M5 17h14" />
    </Svg>
  );
}

/** Contacts -> Official Accounts: a person's bust on WeChat's blue. */
export function OfficialAccountsIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="9" r="3.5" />
      <path d="M5.5 19.5c.8-3.2 3.4-5 6.5-5s5.7 1.8 6.5 5" />
    </Svg>
  );
}

/** The Subscriptions folder in the chat list: pages of a paper. */
export function SubscriptionsIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="4.5" y="4" width="15" height="16" rx="1.5" />
      <path d="M8 8.5h8M8 12h8M8 15.5h5" />
    </Svg>
  );
}
