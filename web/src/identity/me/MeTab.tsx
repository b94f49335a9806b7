// The Me tab: who I am, wallet, language, devices, about, sign out, delete account.

import { useState } from "preact/hooks";
import type { Me } from "../../api/types";
import { lang } from "../../i18n/store";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { meta } from "../../shell/store";
import { Avatar } from "../../ui/Avatar";
import { Cell, CellGroup, CellIcon } from "../../ui/Cell";
import { ChevronRightIcon, DevicesIcon, GlobeIcon, InfoIcon, LockIcon, QrIcon, WalletIcon } from "../../ui/icons";
import { CodeIcon } from "../../miniapps/console/icons";
import { MiniProgramIcon } from "../../miniapps/discover/icons";
import { OfficialIcon } from "../../official/console/icons";
import { Page } from "../../ui/Page";
import { Spinner } from "../../ui/Spinner";
import { signOut } from "../store";
import { AlbumCell } from "../../moments/AlbumCell";
import { MomentsIcon } from "../../moments/icons";
import { StatusCell } from "../../moments/StatusPage";

function MeCard({ me }: { me: Me }) {
  return (
    <button type="button" class="me-card" data-testid="me-card" onClick={() => navigate("/me/profile")}>
      <Avatar name={me.display_name} seed={me.id} avatar={me.avatar} size={64} large />
      <span class="me-card__text">
        <span class="me-card__name" data-testid="me-name">
          {me.display_name}
        </span>
        <span class="me-card__id">
          {t("me.plaza_id")}
          <span data-testid="me-plaza-id">{me.plaza_id}</span>
        </span>
      </span>
      <QrIcon size={18} class="me-card__qr" />
      <ChevronRightIcon class="me-card__arrow" />
    </button>
  );
}

export function MeTab({ me }: { me: Me }) {
  const [signingOut, setSigningOut] = useState(false);
  const version = meta.value?.version;

  return (
    <Page title={t("me.title")} testid="me-page">
      <MeCard me={me} />
      <CellGroup>
        <StatusCell me={me} />
        <AlbumCell accountId={me.id} icon={<CellIcon color="#FA9D3B"><MomentsIcon size={22} /></CellIcon>} />
      </CellGroup>
      <CellGroup>
        <Cell
          icon={<CellIcon color="#07C160"><WalletIcon size={22} /></CellIcon>}
          title={t("wallet.title")}
          arrow
          testid="wallet-cell"
          onClick={() => navigate("/me/wallet")}
        />
      </CellGroup>
      <CellGroup>
        <Cell
          icon={<CellIcon color="#07C160"><QrIcon size={22} /></CellIcon>}
          title={t("me.qr")}
          arrow
          testid="my-qr-cell"
          onClick={() => navigate("/me/qr")}
        />
        <Cell
          icon={<CellIcon color="#576B95"><LockIcon size={22} /></CellIcon>}
          title={t("privacy.title")}
          arrow
          testid="privacy-cell"
          onClick={() => navigate("/me/privacy")}
        />
        <Cell
          icon={<CellIcon color="#6467F0"><MiniProgramIcon size={22} /></CellIcon>}
          title={t("me.miniapp_grants")}
          arrow
          testid="miniapp-grants-cell"
          onClick={() => navigate("/me/miniapp-grants")}
        />
      </CellGroup>
      <CellGroup>
        <Cell
          icon={<CellIcon color="#10AEFF"><GlobeIcon size={22} /></CellIcon>}
          title={t("me.language")}
          value={lang.value === "zh-CN" ? t("language.zh") : t("language.en")}
          arrow
          testid="language-cell"
          onClick={() => navigate("/me/language")}
        />
        <Cell
          icon={<CellIcon color="#07C160"><DevicesIcon size={22} /></CellIcon>}
          title={t("me.devices")}
          arrow
          testid="devices-cell"
          onClick={() => navigate("/me/devices")}
        />
      </CellGroup>
      <CellGroup>
        <Cell
          icon={<CellIcon color="#6467F0"><CodeIcon size={22} /></CellIcon>}
          title={t("me.developer_console")}
          arrow
          testid="developer-console-cell"
          onClick={() => navigate("/dev")}
        />
        <Cell
          icon={<CellIcon color="#FA9D3B"><OfficialIcon size={22} /></CellIcon>}
          title={t("official.console.me_cell")}
          arrow
          testid="official-console-cell"
          onClick={() => navigate("/official-console")}
        />
      </CellGroup>
      <CellGroup>
        <Cell
          icon={<CellIcon color="#FA9D3B"><InfoIcon size={22} /></CellIcon>}
          title={t("me.about")}
          value={version ? t("me.version", { version }) : ""}
          testid="about-cell"
        />
      </CellGroup>
      <CellGroup>
        <Cell
          center
          title={signingOut ? <Spinner size={18} /> : t("me.sign_out")}
          disabled={signingOut}
          testid="sign-out"
          onClick={() => {
            setSigningOut(true);
            void signOut();
          }}
        />
      </CellGroup>
      <CellGroup>
        <Cell center danger title={t("me.delete_account")} testid="delete-account-cell" onClick={() => navigate("/me/delete")} />
      </CellGroup>
    </Page>
  );
}
