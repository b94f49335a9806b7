// A month's statement: the balance when it began and ended, money in and out, and the
// totals per kind of movement. Months are those of the wallet's time zone.

import { useEffect, useState } from "preact/hooks";
import type { Statement } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t, tCount } from "../i18n/t";
import { back } from "../shell/router";
import { Cell, CellGroup } from "../ui/Cell";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { getStatement, KindIcon, kindLabel, monthName } from "./BillsPage";
import { formatMoney } from "./money";

function Figure({ label, value, incoming = false, testid }: { label: string; value: string; incoming?: boolean; testid: string }) {
  return (
    <div class="statement-card__item">
      <span class="statement-card__label">{label}</span>
      <span class={incoming ? "statement-card__value statement-card__value--in" : "statement-card__value"} data-testid={testid}>
        {value}
      </span>
    </div>
  );
}

export function StatementPage({ month }: { month: string }) {
  const [statement, setStatement] = useState<Statement | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    getStatement(month).then(setStatement, setError);
  }
  useEffect(load, [month]);

  let body;
  if (statement === null && error !== null) {
    body = <ErrorState title={t("statement.error")} message={errorMessage(error)} onRetry={load} />;
  } else if (statement === null) {
    body = <LoadingState />;
  } else {
    body = (
      <>
        <div class="statement-card" data-testid="statement-card">
          <span class="statement-card__month">{monthName(statement.month)}</span>
          <Figure label={t("statement.opening")} value={formatMoney(statement.opening_balance)} testid="statement-opening" />
          <Figure label={t("statement.closing")} value={formatMoney(statement.closing_balance)} testid="statement-closing" />
          <Figure label={t("statement.in")} value={`+${formatMoney(statement.money_in)}`} incoming testid="statement-in" />
          <Figure label={t("statement.out")} value={`-${formatMoney(statement.money_out)}`} testid="statement-out" />
        </div>
        <CellGroup
          title={tCount("statement.count", statement.bill_count)}
          footer={statement.kinds.length === 0 ? t("statement.none") : undefined}
        >
          {statement.kinds.map((total) => (
            <Cell
              key={total.kind}
              icon={<KindIcon kind={total.kind} />}
              title={kindLabel(total.kind)}
              description={tCount("statement.count", total.count)}
              testid={`statement-kind-${total.kind}`}
              value={
                <span class="statement-kind__amounts">
                  {total.money_in.amount > 0 && <span class="bill-amount bill-amount--in">+{formatMoney(total.money_in)}</span>}
                  {total.money_in.amount > 0 && total.money_out.amount > 0 && " "}
                  {total.money_out.amount > 0 && <span class="bill-amount">-{formatMoney(total.money_out)}</span>}
                </span>
              }
            />
          ))}
        </CellGroup>
      </>
    );
  }

  return (
    <Page
      title={t("bills.statement")}
      onBack={() => back("/me/wallet/bills")}
      testid="statement-page"
    >
      {body}
    </Page>
  );
}
