// The Discover tab: the way into Mini Programs (WeChat's 小程序); Moments and the rest arrive later.

import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Cell, CellGroup, CellIcon } from "../../ui/Cell";
import { Page } from "../../ui/Page";
import { MiniProgramIcon } from "./icons";

export function DiscoverTab() {
  return (
    <Page title={t("tab.discover")} testid="discover-page">
      <CellGroup footer={t("discover.more_soon")}>
        <Cell
          icon={
            <CellIcon color="#6467F0">
              <MiniProgramIcon size={22} />
            </CellIcon>
          }
          title={t("discover.miniapps")}
          arrow
          testid="discover-miniapps-cell"
          onClick={() => navigate("/discover/miniapps")}
        />
      </CellGroup>
    </Page>
  );
}
