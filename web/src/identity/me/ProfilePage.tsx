// "My profile": each field is a cell that opens its own edit page.

import type { Me } from "../../api/types";
import { formatDate } from "../../i18n/format";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Cell, CellGroup } from "../../ui/Cell";
import { Page } from "../../ui/Page";
import { plazaIdLockedUntil } from "../profileRules";
import { AvatarCell } from "./AvatarCell";

function orNotSet(value: string) {
  return value.trim() === "" ? <span class="muted">{t("common.not_set")}</span> : value;
}

export function ProfilePage({ me }: { me: Me }) {
  const lockedUntil = plazaIdLockedUntil(me);
  return (
    <Page title={t("profile.title")} onBack={() => back("/me")} testid="profile-page">
      <CellGroup>
        <AvatarCell me={me} />
        <Cell
          title={t("profile.name")}
          value={orNotSet(me.display_name)}
          arrow
          testid="profile-cell-name"
          onClick={() => navigate("/me/profile/name")}
        />
        <Cell
          title={t("profile.plaza_id")}
          value={me.plaza_id}
          description={lockedUntil ? t("profile.plaza_id_next_change", { date: formatDate(lockedUntil) }) : undefined}
          arrow
          testid="profile-cell-plaza-id"
          onClick={() => navigate("/me/profile/plaza-id")}
        />
      </CellGroup>
      <CellGroup>
        <Cell
          title={t("profile.bio")}
          value={orNotSet(me.bio)}
          arrow
          testid="profile-cell-bio"
          onClick={() => navigate("/me/profile/bio")}
        />
        <Cell
          title={t("profile.region")}
          value={orNotSet(me.region)}
          arrow
          testid="profile-cell-region"
          onClick={() => navigate("/me/profile/region")}
        />
      </CellGroup>
    </Page>
  );
}
