// The Discover tab: the ways into Moments (WeChat's 朋友圈) and Mini Programs (小程序).

import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Cell, CellGroup, CellIcon } from "../../ui/Cell";
import { Page } from "../../ui/Page";
import { MomentsDiscoverCell } from "../../moments/DiscoverCell";
import { MiniProgramIcon } from "./icons";

export function DiscoverTab() {
  return (
    <Page title={t("tab.discover")} testid="discover-page">
      <CellGroup>
        <MomentsDiscoverCell />
      </CellGroup>
      <CellGroup>
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
