// Me → Wallet → Merchant: open a shop, then run it: its takings and their settlement to
// the bank, today's receipts, the receive QR to show customers and the point of sale
// that charges payment codes.

import { useEffect, useState } from "preact/hooks";
import type { Merchant, Payment } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t, tCount } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Cell, CellGroup, CellIcon } from "../../ui/Cell";
import { CardIcon, QrIcon, ScanIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { cardLabel } from "../bank/BankCardTile";
import { currencySymbol, formatMinor, formatMoney } from "../money";
import { merchantPayments, myMerchants, registerMerchant } from "./api";
import { lastReceipt, lastRefund } from "./store";
import "./shops.css";

const FIELDS = [
  ["business_name", "shop.field_name", 64],
  ["registration_number", "shop.field_registration", 32],
  ["category", "shop.field_category", 32],
  ["settlement_bank_name", "shop.field_bank", 64],
  ["settlement_account_number", "shop.field_account", 40],
] as const;
type Field = (typeof FIELDS)[number][0];
const REQUIRED: Field[] = ["business_name", "registration_number", "settlement_bank_name", "settlement_account_number"];

function RegisterForm({ onDone }: { onDone: (merchant: Merchant) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({
    business_name: "",
    registration_number: "",
    category: "",
    settlement_bank_name: "",
    settlement_account_number: "",
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = REQUIRED.every((field) => values[field].trim() !== "");

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      onDone(await registerMerchant({ ...values, category: values.category.trim() }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <form
      class="wallet-form"
      noValidate
      data-testid="merchant-register"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <CellGroup title={t("shop.register_title")} footer={t("shop.register_privacy")}>
        {FIELDS.map(([field, label, max]) => (
          <label class="cell wallet-field" key={field}>
            <span class="wallet-field__label shop-field__label">{t(label)}</span>
            <input
              class="wallet-field__input"
              type="text"
              inputMode={field === "settlement_account_number" ? "numeric" : undefined}
              value={values[field]}
              maxLength={max}
              placeholder={field === "category" ? t("shop.optional") : ""}
              autoComplete="off"
              data-testid={`merchant-${field.replace(/_/g, "-")}`}
              onInput={(event) => {
                setValues({ ...values, [field]: event.currentTarget.value });
                setError(null);
              }}
            />
          </label>
        ))}
      </CellGroup>
      <div class="wallet-form__notes">
        <FieldError message={error} />
      </div>
      <div class="wallet-form__actions">
        <Button type="submit" block busy={busy} disabled={!ready} testid="merchant-register-submit">
          {t("shop.register")}
        </Button>
      </div>
    </form>
  );
}

function isToday(iso: string): boolean {
  return new Date(iso).toDateString() === new Date().toDateString();
}

function TodayReceipts({ merchant }: { merchant: Merchant }) {
  const [payments, setPayments] = useState<Payment[] | null>(null);
  const receipt = lastReceipt.value;
  const refund = lastRefund.value;

  useEffect(() => {
    merchantPayments(merchant.id).then(
      (page) => setPayments(page.items.filter((p) => p.status === "completed" && isToday(p.created_at))),
      () => setPayments([]),
    );
  }, [merchant.id, receipt, refund]);

  if (payments === null) return <LoadingState />;
  return (
    <CellGroup title={t("shop.today_receipts")}>
      {payments.length === 0 ? (
        <Cell title={<span class="shop-muted">{t("shop.no_receipts")}</span>} />
      ) : (
        payments.map((payment) => (
          <Cell
            key={payment.id}
            title={formatMoney(payment.amount)}
            description={`${t(`shop.method.${payment.method}`)} · ${formatDateTime(payment.created_at)}`}
            arrow
            testid="merchant-receipt"
            onClick={() => navigate(`/me/wallet/payments/${payment.id}`)}
          />
        ))
      )}
    </CellGroup>
  );
}

function ShopHome({ merchant }: { merchant: Merchant }) {
  return (
    <>
      <div class="wallet-card" data-testid="merchant-card">
        <span class="wallet-card__label" data-testid="merchant-name">
          {merchant.business_name}
        </span>
        <span class="wallet-card__amount" data-testid="merchant-takings">
          <span class="wallet-card__currency">{currencySymbol(merchant.takings.currency)}</span>
          {formatMinor(merchant.takings.amount)}
        </span>
        <span class="shop-today" data-testid="merchant-today">
          {tCount("shop.today", merchant.today_count, { amount: formatMoney(merchant.today_total) })}
        </span>
      </div>
      <CellGroup>
        <Cell
          icon={<CellIcon color="#07C160"><QrIcon size={22} /></CellIcon>}
          title={t("shop.receive")}
          arrow
          testid="merchant-receive-cell"
          onClick={() => navigate(`/me/wallet/merchant/${merchant.id}/qr`)}
        />
        <Cell
          icon={<CellIcon color="#10AEFF"><ScanIcon size={22} /></CellIcon>}
          title={t("shop.pos")}
          description={t("shop.pos_hint")}
          arrow
          testid="merchant-pos-cell"
          onClick={() => navigate(`/me/wallet/merchant/${merchant.id}/pos`)}
        />
        <Cell
          icon={<CellIcon color="#FA9D3B"><CardIcon size={22} /></CellIcon>}
          title={t("shop.settle")}
          description={cardLabel({ bank_name: merchant.settlement_bank_name, last4: merchant.settlement_account_last4 })}
          arrow
          testid="merchant-settle-cell"
          onClick={() => navigate(`/me/wallet/merchant/${merchant.id}/settle`)}
        />
      </CellGroup>
      <TodayReceipts merchant={merchant} />
    </>
  );
}

export function MerchantPage() {
  const [merchants, setMerchants] = useState<Merchant[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const receipt = lastReceipt.value;
  const refund = lastRefund.value;

  function load() {
    setError(null);
    myMerchants().then(setMerchants, setError);
  }
  useEffect(load, [receipt, refund]);

  const shop = merchants?.[0];
  let body;
  if (merchants === null && error !== null)
    body = <ErrorState title={t("shop.error")} message={errorMessage(error)} onRetry={load} />;
  else if (merchants === null) body = <LoadingState />;
  else if (shop) body = <ShopHome merchant={shop} />;
  else body = <RegisterForm onDone={(made) => setMerchants([made])} />;

  return (
    <Page title={t("shop.merchant")} onBack={() => back("/me/wallet")} testid="merchant-page">
      {body}
    </Page>
  );
}
