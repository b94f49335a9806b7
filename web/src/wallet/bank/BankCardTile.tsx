// A linked bank card as a coloured tile (bank, holder, last four digits), and the small
// card glyph used in lists.

import type { ComponentChildren } from "preact";
import type { BankCard } from "../../api/types";
import { t } from "../../i18n/t";

const TILE_COLOURS = ["#2f7dd1", "#d9534f", "#1aa36f", "#7a5bd6", "#e08a1e"];

/** The same card keeps its colour: picked from its id. */
function colourOf(card: BankCard): string {
  const last = Number(card.id.slice(-3)) || 0;
  return TILE_COLOURS[last % TILE_COLOURS.length] ?? TILE_COLOURS[0]!;
}

/** "Plaza Sandbox Bank (4242)". */
export function cardLabel(card: Pick<BankCard, "bank_name" | "last4">): string {
  return t("bank.card_ending", { bank: card.bank_name, last4: card.last4 });
}

export function BankCardGlyph({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6" aria-hidden="true">
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <path d="M2.5 9.5h19M6 15h4" stroke-linecap="round" />
    </svg>
  );
}

export function BankCardTile({ card, children }: { card: BankCard; children?: ComponentChildren }) {
  return (
    <div class="bank-tile" style={{ background: colourOf(card) }} data-testid="bank-card" data-last4={card.last4}>
      <div class="bank-tile__top">
        <span class="bank-tile__logo">
          <BankCardGlyph size={20} />
        </span>
        <span class="bank-tile__bank">{card.bank_name}</span>
        {children}
      </div>
      <div class="bank-tile__holder">{card.holder_name}</div>
      <div class="bank-tile__number">
        <span>••••</span>
        <span>••••</span>
        <span>••••</span>
        <span>{card.last4}</span>
      </div>
    </div>
  );
}
