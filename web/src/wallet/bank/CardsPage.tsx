// Me → Wallet → Bank cards: the cards linked to the wallet, each removable, and "Add a
// bank card".

import { useEffect, useState } from "preact/hooks";
import type { BankCard } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Cell, CellGroup } from "../../ui/Cell";
import { Dialog } from "../../ui/Dialog";
import { PlusIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { BankCardGlyph, BankCardTile } from "./BankCardTile";
import { cards, loadCards, removeCard } from "./store";
import "./bank.css";

export function CardsPage() {
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<BankCard | null>(null);
  const [busy, setBusy] = useState(false);

  function load() {
    setError(null);
    loadCards().catch(setError);
  }
  useEffect(load, []);

  async function confirmRemove() {
    if (!removing) return;
    setBusy(true);
    try {
      await removeCard(removing.id);
      showToast(t("bank.removed"));
    } catch (caught) {
      showToast(errorMessage(caught));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  }

  const current = cards.value;
  let body;
  if (current === null && error !== null) {
    body = <ErrorState title={t("bank.cards_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (current === null) {
    body = <LoadingState />;
  } else {
    body = (
      <>
        {current.length === 0 ? (
          <div class="bank-empty" data-testid="bank-cards-empty">
            <BankCardGlyph size={40} />
            <p class="bank-empty__title">{t("bank.cards_empty")}</p>
            <p class="bank-empty__text">{t("bank.cards_empty_hint")}</p>
          </div>
        ) : (
          <div class="bank-tiles">
            {current.map((card) => (
              <BankCardTile key={card.id} card={card}>
                <button
                  type="button"
                  class="bank-tile__remove"
                  data-testid="bank-card-remove"
                  onClick={() => setRemoving(card)}
                >
                  {t("bank.remove_card")}
                </button>
              </BankCardTile>
            ))}
          </div>
        )}
        <CellGroup>
          <Cell
            icon={<PlusIcon size={22} />}
            title={t("bank.add_card")}
            arrow
            testid="bank-card-add"
            onClick={() => navigate("/me/wallet/cards/new")}
          />
        </CellGroup>
      </>
    );
  }

  return (
    <Page title={t("bank.cards")} onBack={() => back("/me/wallet")} testid="bank-cards-page">
      {body}
      {removing && (
        <Dialog
          title={t("bank.remove_title", { last4: removing.last4 })}
          confirmLabel={t("bank.remove_card")}
          danger
          busy={busy}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setRemoving(null)}
        >
          {t("bank.remove_text")}
        </Dialog>
      )}
    </Page>
  );
}
