// The Moments row on Discover: a red count of unread messages, or the avatar of a friend
// with a new post and a red dot, as WeChat shows it.

import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { Badge } from "../ui/Badge";
import { Cell, CellIcon } from "../ui/Cell";
import { MomentsIcon } from "./icons";
import { PersonAvatar } from "./PersonAvatar";
import { badge } from "./store";
import { MOMENTS_PATH } from "./TimelinePage";

function Indicator() {
  const current = badge.value;
  if (!current) return null;
  if (current.unread_notifications > 0) return <Badge count={current.unread_notifications} testid="moments-badge" />;
  if (!current.new_posts_from) return null;
  return (
    <span class="moments-new-post" data-testid="moments-new-post">
      <PersonAvatar person={current.new_posts_from} size={32} />
      <Badge count={0} dot />
    </span>
  );
}

export function MomentsDiscoverCell() {
  return (
    <Cell
      icon={
        <CellIcon color="#FA9D3B">
          <MomentsIcon size={22} />
        </CellIcon>
      }
      title={t("moments.title")}
      value={<Indicator />}
      arrow
      testid="discover-moments-cell"
      onClick={() => navigate(MOMENTS_PATH)}
    />
  );
}
