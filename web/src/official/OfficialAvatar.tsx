// An official account's picture: its uploaded avatar, else its initials on a colour, round
// as WeChat draws accounts (people's avatars are rounded squares).

import { Avatar } from "../ui/Avatar";

export function OfficialAvatar({ name, seed, url, size = 44 }: { name: string; seed: string; url: string | null; size?: number }) {
  const style = { width: `${size}px`, height: `${size}px` };
  return (
    <span class="oa-avatar" style={style} aria-hidden="true">
      {url ? <img src={url} alt="" style={style} /> : <Avatar name={name} seed={seed} avatar={null} size={size} />}
    </span>
  );
}
