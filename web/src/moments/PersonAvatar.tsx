// An AccountRef's avatar (the one place that knows how a Moments person carries it).

import { Avatar } from "../ui/Avatar";
import type { AccountRef } from "./types";

export function PersonAvatar({ person, size }: { person: AccountRef; size: number }) {
  const url = person.avatar_url;
  const avatar = url === null ? null : { original: url, small: url, medium: url };
  return <Avatar name={person.display_name} seed={person.id} avatar={avatar} size={size} />;
}
