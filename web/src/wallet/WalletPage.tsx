// Me → Wallet: the balance on a green card, then real-name verification and the payment PIN.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Cell, CellGroup, CellIcon } from "../ui/Cell";
import { LockIcon, PersonIcon, YuanIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { currencySymbol, formatMinor } from "./money";
import { loadWallet, wallet } from "./store";

export function WalletPage() {
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    loadWallet().catch(setError);
  }
  useEffect(load, []);

  const current = wallet.value;
  let body;
  if (current === null && error !== null) {
    body = <ErrorState title={t("wallet.error")} message={errorMessage(error)} onRetry={load} />;
  } else if (current === null) {
    body = <LoadingState />;
  } else {
    const verified = current.real_name_verified;
    body = (
      <>
        <div class="wallet-card" data-testid="wallet-balance-card">
          <span class="wallet-card__icon">
            <YuanIcon size={28} />
          </span>
          <span class="wallet-card__label">{t("wallet.balance")}</span>
          <span class="wallet-card__amount" data-testid="wallet-balance">
            <span class="wallet-card__currency">{currencySymbol(current.balance.currency)}</span>
            {formatMinor(current.balance.amount)}
          </span>
        </div>
        <CellGroup footer={verified ? undefined : t("wallet.real_name_hint")}>
          <Cell
            icon={<CellIcon color="#10AEFF"><PersonIcon size={22} /></CellIcon>}
            title={t("wallet.real_name")}
            value={
              verified ? (
                <span data-testid="wallet-real-name-value">
                  {current.real_name} ••••{current.id_number_last4}
                </span>
              ) : (
                t("wallet.real_name_unverified")
              )
            }
            arrow={!verified}
            testid="wallet-real-name-cell"
            onClick={verified ? undefined : () => navigate("/me/wallet/real-name")}
          />
          <Cell
            icon={<CellIcon color="#FA9D3B"><LockIcon size={22} /></CellIcon>}
            title={t("wallet.pin")}
            value={current.pin_set ? t("wallet.pin_change") : t("wallet.pin_set")}
            arrow
            testid="wallet-pin-cell"
            onClick={() => navigate("/me/wallet/pin")}
          />
        </CellGroup>
      </>
    );
  }

  return (
    <Page title={t("wallet.title")} onBack={() => back("/me")} testid="wallet-page">
      {body}
    </Page>
  );
}
