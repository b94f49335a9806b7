// Me → Wallet → Bills: every movement of my balance, newest first and grouped by month
// (with the month's money in and out), filtered by direction and kind; and one bill's
// detail, linking to what the bill belongs to (the transfer's chat, the red envelope, the
// shop's receipt, the bank order). Kinds the app does not know yet still show, under a
// generic title and icon.

import { useEffect, useState } from "preact/hooks";
import { api } from "../api/client";
import type { Bill, BillDetail, BillLeg, BillPage, Counterparty, Statement } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { formatDateTime } from "../i18n/format";
import { lang } from "../i18n/store";
import { type MessageKey, t, tCount } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Button } from "../ui/Button";
import { Cell, CellGroup, CellIcon } from "../ui/Cell";
import { CardIcon, QrIcon, TransferIcon, YuanIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { formatMoney } from "./money";
import "./bills.css";

export type Direction = "in" | "out";

export function listBills(
  filter: { direction: Direction | null; kind: string | null },
  cursor: string | null,
): Promise<BillPage> {
  const query = new URLSearchParams();
  if (filter.direction) query.set("direction", filter.direction);
  if (filter.kind) query.set("kind", filter.kind);
  if (cursor) query.set("cursor", cursor);
  return api.get<BillPage>(`/v1/wallet/bills?${query.toString()}`);
}

export function getBill(id: string): Promise<BillDetail> {
  return api.get<BillDetail>(`/v1/wallet/bills/${encodeURIComponent(id)}`);
}

export function getStatement(month: string): Promise<Statement> {
  return api.get<Statement>(`/v1/wallet/statements/${encodeURIComponent(month)}`);
}

/** The kinds offered as filter chips; others still show in the list. */
export const KNOWN_KINDS = [
  "transfer_sent",
  "transfer_accepted",
  "transfer_returned",
  "top_up",
  "withdrawal_held",
  "withdrawal_refunded",
  "envelope_sent",
  "envelope_opened",
  "envelope_refund",
  "payment",
  "payment_refund",
] as const;

type KnownKind = (typeof KNOWN_KINDS)[number];

const KIND_LABELS: Record<KnownKind, MessageKey> = {
  transfer_sent: "bills.kind.transfer_sent",
  transfer_accepted: "bills.kind.transfer_accepted",
  transfer_returned: "bills.kind.transfer_returned",
  top_up: "bills.kind.top_up",
  withdrawal_held: "bills.kind.withdrawal",
  withdrawal_refunded: "bills.kind.withdrawal_refunded",
  envelope_sent: "bills.kind.envelope_sent",
  envelope_opened: "bills.kind.envelope_opened",
  envelope_refund: "bills.kind.envelope_refund",
  payment: "bills.kind.payment",
  payment_refund: "bills.kind.payment_refund",
};

/** Titles that name the other side, when the bill knows it. */
const TITLES_WITH_NAME: Partial<Record<KnownKind, MessageKey>> = {
  transfer_sent: "bills.title.transfer_sent",
  transfer_accepted: "bills.title.transfer_accepted",
  transfer_returned: "bills.title.transfer_returned",
  top_up: "bills.title.top_up",
  withdrawal_held: "bills.title.withdrawal_held",
  envelope_sent: "bills.title.envelope_sent",
  envelope_opened: "bills.title.envelope_opened",
  envelope_refund: "bills.title.envelope_refund",
  payment: "bills.title.payment",
  payment_refund: "bills.title.payment_refund",
};

function isKnown(kind: string): kind is KnownKind {
  return Object.prototype.hasOwnProperty.call(KIND_LABELS, kind);
}

/** "Transfer sent"; an unknown kind reads as itself ("gift_card" → "Gift card"). */
export function kindLabel(kind: string): string {
  if (isKnown(kind)) return t(KIND_LABELS[kind]);
  const words = kind.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Bob", "Corner Café", "Sandbox Bank ••4242"; a group without a name by how many
 * people its red envelope was for. */
export function counterpartyName(counterparty: Counterparty): string {
  if (counterparty.card_last4) return `${counterparty.name} ••${counterparty.card_last4}`;
  if (!counterparty.name && counterparty.share_count) {
    return tCount("bills.people", counterparty.share_count);
  }
  return counterparty.name;
}

/** "Transfer to Bob", "Paid to Corner Café", "Top-up from Sandbox Bank ••4242", "Top-up",
 * or for an unknown kind with someone on the other side "To Bob" / "From Bob". */
export function billTitle(bill: Bill): string {
  const name = bill.counterparty ? counterpartyName(bill.counterparty) : "";
  if (name) {
    const withName = isKnown(bill.kind) ? TITLES_WITH_NAME[bill.kind] : undefined;
    if (withName) return t(withName, { name });
    if (!isKnown(bill.kind)) return t(bill.amount.amount < 0 ? "bills.to_name" : "bills.from_name", { name });
  }
  return kindLabel(bill.kind);
}

export function KindIcon({ kind }: { kind: string }) {
  if (kind.startsWith("transfer")) {
    return <CellIcon color="#FA9D3B"><TransferIcon size={22} /></CellIcon>;
  }
  if (kind.startsWith("envelope")) {
    return <CellIcon color="#FA5151"><YuanIcon size={22} /></CellIcon>;
  }
  if (kind.startsWith("top_up") || kind.startsWith("withdrawal")) {
    return <CellIcon color="#10AEFF"><CardIcon size={22} /></CellIcon>;
  }
  if (kind.startsWith("payment")) {
    return <CellIcon color="#07C160"><QrIcon size={22} /></CellIcon>;
  }
  return <CellIcon color="#8C8C8C"><YuanIcon size={22} /></CellIcon>;
}

/** "+12.34" in green for money in, "-12.34" for money out. */
export function SignedAmount({ bill, testid }: { bill: Bill; testid?: string }) {
  const incoming = bill.amount.amount > 0;
  const text = formatMoney({ ...bill.amount, amount: Math.abs(bill.amount.amount) });
  return (
    <span class={incoming ? "bill-amount bill-amount--in" : "bill-amount"} data-testid={testid}>
      {incoming ? "+" : "-"}
      {text}
    </span>
  );
}

/** "November 2026" for "2026-11". */
export function monthName(month: string): string {
  const [year, number] = month.split("-").map(Number);
  if (!year || !number) return month;
  return new Intl.DateTimeFormat(lang.value, { year: "numeric", month: "long" }).format(new Date(year, number - 1, 1));
}

function MonthHeader({ month, statement }: { month: string; statement: Statement | undefined }) {
  return (
    <div class="bills-month" data-testid={`bills-month-${month}`}>
      <div class="bills-month__text">
        <span class="bills-month__name">{monthName(month)}</span>
        {statement && (
          <span class="bills-month__totals" data-testid={`bills-month-totals-${month}`}>
            {t("bills.month_totals", {
              out: formatMoney(statement.money_out),
              in: formatMoney(statement.money_in),
            })}
          </span>
        )}
      </div>
      <button
        type="button"
        class="bills-month__statement"
        data-testid={`bills-statement-${month}`}
        onClick={() => navigate(`/me/wallet/statements/${month}`)}
      >
        {t("bills.statement")}
      </button>
    </div>
  );
}

function BillRow({ bill }: { bill: Bill }) {
  return (
    <Cell
      icon={<KindIcon kind={bill.kind} />}
      title={<span data-testid="bill-title">{billTitle(bill)}</span>}
      description={formatDateTime(bill.created_at)}
      value={<SignedAmount bill={bill} testid="bill-amount" />}
      testid="bill-row"
      onClick={() => navigate(`/me/wallet/bills/${bill.id}`)}
    />
  );
}

function groupByMonth(bills: Bill[]): [string, Bill[]][] {
  const groups: [string, Bill[]][] = [];
  for (const bill of bills) {
    const last = groups[groups.length - 1];
    if (last && last[0] === bill.month) last[1].push(bill);
    else groups.push([bill.month, [bill]]);
  }
  return groups;
}

function Chip({ label, active, testid, onClick }: { label: string; active: boolean; testid: string; onClick: () => void }) {
  return (
    <button
      type="button"
      class={active ? "bills-chip bills-chip--active" : "bills-chip"}
      aria-pressed={active}
      data-testid={testid}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

export function BillsPage() {
  const [direction, setDirection] = useState<Direction | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [bills, setBills] = useState<Bill[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [statements, setStatements] = useState<Record<string, Statement>>({});

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true; // a slower answer for filters since changed must not land
    setError(null);
    setBills(null);
    listBills({ direction, kind }, null).then(
      (page) => {
        if (!current) return;
        setBills(page.items);
        setCursor(page.next_cursor);
      },
      (caught: unknown) => {
        if (current) setError(caught);
      },
    );
    return () => {
      current = false;
    };
  }, [direction, kind, attempt]);

  async function more() {
    if (cursor === null) return;
    setLoadingMore(true);
    try {
      const page = await listBills({ direction, kind }, cursor);
      setBills((shown) => [...(shown ?? []), ...page.items]);
      setCursor(page.next_cursor);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoadingMore(false);
    }
  }

  const groups = groupByMonth(bills ?? []);
  const months = groups.map(([month]) => month).join(",");
  useEffect(() => {
    for (const month of months ? months.split(",") : []) {
      if (statements[month]) continue;
      getStatement(month).then(
        (found) => setStatements((known) => ({ ...known, [month]: found })),
        () => undefined, // the month's totals are a nicety; the list stands without them
      );
    }
  }, [months]);

  let body;
  if (bills === null && error !== null) {
    body = <ErrorState title={t("bills.error")} message={errorMessage(error)} onRetry={() => setAttempt(attempt + 1)} />;
  } else if (bills === null) {
    body = <LoadingState />;
  } else if (bills.length === 0) {
    body = (
      <p class="bills-empty" data-testid="bills-empty">
        {t("bills.empty")}
      </p>
    );
  } else {
    body = (
      <>
        {groups.map(([month, items]) => (
          <section key={month} class="bills-group">
            <MonthHeader month={month} statement={statements[month]} />
            <div class="cells">
              {items.map((bill) => (
                <BillRow key={bill.id} bill={bill} />
              ))}
            </div>
          </section>
        ))}
        {cursor !== null && (
          <div class="bills-more">
            <Button variant="default" size="small" busy={loadingMore} testid="bills-more" onClick={() => void more()}>
              {t("bills.more")}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <Page title={t("bills.title")} onBack={() => back("/me/wallet")} testid="bills-page">
      <div class="bills-filters">
        <div class="bills-directions" role="group">
          {([null, "in", "out"] as const).map((value) => (
            <Chip
              key={value ?? "all"}
              label={t(value === null ? "bills.all" : value === "in" ? "bills.in" : "bills.out")}
              active={direction === value}
              testid={`bills-filter-${value ?? "all"}`}
              onClick={() => setDirection(value)}
            />
          ))}
        </div>
        <div class="bills-kinds" role="group">
          <Chip label={t("bills.all_kinds")} active={kind === null} testid="bills-kind-all" onClick={() => setKind(null)} />
          {KNOWN_KINDS.map((value) => (
            <Chip
              key={value}
              label={kindLabel(value)}
              active={kind === value}
              testid={`bills-kind-${value}`}
              onClick={() => setKind(kind === value ? null : value)}
            />
          ))}
        </div>
      </div>
      {body}
    </Page>
  );
}

const ACCOUNT_LABELS: Record<string, MessageKey> = {
  bank_clearing: "bills.account.bank",
  transfer_hold: "bills.account.transfer_hold",
  envelope_hold: "bills.account.envelope_hold",
  withdrawal_hold: "bills.account.withdrawal_hold",
  merchant: "bills.account.merchant",
};

/** "To Bob", "From the bank", "To the transfer's hold until it is accepted". */
function legText(leg: BillLeg): string {
  const incoming = leg.amount.amount < 0; // it left that account, so it came to me
  const key = ACCOUNT_LABELS[leg.account];
  const what = leg.owner?.name ?? (key ? t(key) : kindLabel(leg.account));
  return t(incoming ? "bills.from_name" : "bills.to_name", { name: what });
}

/** Where a bill's subject is shown in full, by subject type. */
const SUBJECT_PAGES: Record<string, { path: string; label: MessageKey }> = {
  envelope: { path: "/me/wallet/envelopes/", label: "bills.open_envelope" },
  payment: { path: "/me/wallet/payments/", label: "bills.open_receipt" },
  bank_order: { path: "/me/wallet/bank-orders/", label: "bills.open_bank_order" },
};

export function BillDetailPage({ id }: { id: string }) {
  const [bill, setBill] = useState<BillDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    getBill(id).then(setBill, setError);
  }
  useEffect(load, [id]);

  let body;
  if (bill === null && error !== null) {
    body = <ErrorState title={t("bills.detail_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (bill === null) {
    body = <LoadingState />;
  } else {
    const conversation = bill.conversation_id;
    const subject = bill.subject;
    const subjectPage = subject ? SUBJECT_PAGES[subject.type] : undefined;
    const other = bill.counterparty ? counterpartyName(bill.counterparty) : "";
    const memo = bill.memo === other ? "" : bill.memo; // a shop's payment is memoed with its name
    body = (
      <div class="bill-detail">
        <div class="bill-head">
          <KindIcon kind={bill.kind} />
          <span class="bill-head__title" data-testid="bill-detail-title">
            {billTitle(bill)}
          </span>
          <SignedAmount bill={bill} testid="bill-detail-amount" />
        </div>
        <CellGroup>
          <Cell title={t("bills.field.kind")} value={<span data-testid="bill-detail-kind">{kindLabel(bill.kind)}</span>} />
          <Cell title={t("bills.field.time")} value={formatDateTime(bill.created_at)} />
          {memo && <Cell title={t("bills.field.memo")} value={<span data-testid="bill-detail-memo">{memo}</span>} />}
          {bill.counterparty && (
            <Cell
              title={t("bills.field.counterparty")}
              value={<span data-testid="bill-detail-counterparty">{other}</span>}
            />
          )}
          {bill.legs.map((leg, index) => (
            <Cell
              key={index}
              title={index === 0 ? t("bills.field.where") : ""}
              value={<span data-testid="bill-detail-leg">{legText(leg)}</span>}
            />
          ))}
        </CellGroup>
        <CellGroup>
          {subject && subjectPage && (
            <Cell
              title={t(subjectPage.label)}
              arrow
              testid="bill-detail-subject"
              onClick={() => navigate(`${subjectPage.path}${subject.id}`)}
            />
          )}
          {conversation && (
            <Cell
              title={t("bills.open_chat")}
              arrow
              testid="bill-detail-chat"
              onClick={() => navigate(`/chats/${conversation}`)}
            />
          )}
          <Cell
            title={t("bills.month_statement", { month: monthName(bill.month) })}
            arrow
            testid="bill-detail-statement"
            onClick={() => navigate(`/me/wallet/statements/${bill.month}`)}
          />
        </CellGroup>
      </div>
    );
  }

  return (
    <Page title={t("bills.detail_title")} onBack={() => back("/me/wallet/bills")} testid="bill-detail-page">
      {body}
    </Page>
  );
}
