// Me → Wallet: the balance on a green card, then real-name verification and the payment PIN.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Cell, CellGroup, CellIcon } from "../ui/Cell";
import { FileIcon, LockIcon, PersonIcon, PlusCircleIcon, QrIcon, ScanIcon, YuanIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { BankCardGlyph } from "./bank/BankCardTile";
import { currencySymbol, formatMinor } from "./money";
import { pinLocked } from "./PinResetPage";
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
        <CellGroup>
          <Cell
            icon={<CellIcon color="#07C160"><QrIcon size={22} /></CellIcon>}
            title={t("shop.money_code")}
            arrow
            testid="wallet-money-code-cell"
            onClick={() => navigate("/me/wallet/money-code")}
          />
          <Cell
            icon={<CellIcon color="#10AEFF"><ScanIcon size={22} /></CellIcon>}
            title={t("shop.scan_to_pay")}
            arrow
            testid="wallet-scan-cell"
            onClick={() => navigate("/contacts/scan")}
          />
          <Cell
            icon={<CellIcon color="#2B6CB0"><YuanIcon size={22} /></CellIcon>}
            title={t("shop.merchant")}
            arrow
            testid="wallet-merchant-cell"
            onClick={() => navigate("/me/wallet/merchant")}
          />
        </CellGroup>
        <CellGroup>
          <Cell
            icon={<CellIcon color="#07C160"><PlusCircleIcon size={22} /></CellIcon>}
            title={t("bank.top_up")}
            arrow
            testid="wallet-top-up-cell"
            onClick={() => navigate("/me/wallet/top-up")}
          />
          <Cell
            icon={<CellIcon color="#FA9D3B"><YuanIcon size={22} /></CellIcon>}
            title={t("bank.withdraw")}
            arrow
            testid="wallet-withdraw-cell"
            onClick={() => navigate("/me/wallet/withdraw")}
          />
          <Cell
            icon={<CellIcon color="#10AEFF"><BankCardGlyph /></CellIcon>}
            title={t("bank.cards")}
            arrow
            testid="wallet-cards-cell"
            onClick={() => navigate("/me/wallet/cards")}
          />
        </CellGroup>
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
          {current.pin_set && (
            <Cell
              title={t("pin_reset.forgot")}
              description={pinLocked(current) ? <span data-testid="wallet-pin-locked">{t("pin_reset.locked")}</span> : undefined}
              arrow
              testid="wallet-pin-reset-cell"
              onClick={() => navigate("/me/wallet/pin/reset")}
            />
          )}
        </CellGroup>
        <CellGroup>
          <Cell
            icon={<CellIcon color="#07C160"><FileIcon size={22} /></CellIcon>}
            title={t("bills.entry")}
            arrow
            testid="wallet-bills-cell"
            onClick={() => navigate("/me/wallet/bills")}
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
