// Someone's card: avatar, name, remark, Plaza ID, region and bio, with what I can do:
// message a friend, add anyone else, accept their request; a "…" menu for remark and
// tags, block and delete.

import { useEffect, useState } from "preact/hooks";
import type { ContactCard } from "../api/types";
import { openDirect } from "../chat/store";
import { me } from "../identity/store";
import { errorMessage } from "../i18n/errors";
import { regionName } from "../i18n/format";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { ActionSheet, type SheetAction } from "../ui/ActionSheet";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { Cell, CellGroup } from "../ui/Cell";
import { Dialog } from "../ui/Dialog";
import { FieldError } from "../ui/FieldError";
import { MoreIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { PromptDialog } from "../ui/PromptDialog";
import { ErrorState, LoadingState } from "../ui/States";
import { useAction } from "../ui/useAction";
import { AlbumCell } from "../moments/AlbumCell";
import { StatusLine } from "../moments/StatusPage";
import {
  acceptRequest,
  cards,
  deleteFriend,
  friendsById,
  incomingRequestFrom,
  loadCard,
  loadCardByPlazaId,
  loadRequests,
  sendFriendRequest,
  setBlocked,
} from "./store";

const GREETING_MAX = 50;

function regionText(region: string): string {
  return /^[A-Z]{2}$/.test(region) ? regionName(region) : region;
}

function Profile({ card }: { card: ContactCard }) {
  const title = card.remark || card.display_name || t("contacts.deleted_account");
  return (
    <div class="person-card" data-testid="person-card">
      <Avatar name={card.display_name} seed={card.id} avatar={card.avatar} size={64} large />
      <div class="person-card__text">
        <span class="person-card__name" data-testid="person-name">
          {title}
        </span>
        {card.remark && (
          <span class="person-card__line">
            {t("contacts.card.name")}
            {card.display_name}
          </span>
        )}
        {card.plaza_id && (
          <span class="person-card__line">
            {t("me.plaza_id")}
            <span data-testid="person-plaza-id">{card.plaza_id}</span>
          </span>
        )}
        {card.region && (
          <span class="person-card__line">
            {t("contacts.card.region")}
            {regionText(card.region)}
          </span>
        )}
        <StatusLine accountId={card.id} testid="person-status" />
      </div>
    </div>
  );
}

function PersonBody({ card }: { card: ContactCard }) {
  const { busy, error, run } = useAction();
  const [menu, setMenu] = useState(false);
  const [asking, setAsking] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmBlock, setConfirmBlock] = useState(false);
  const friend = friendsById.value.get(card.id);
  const incoming = incomingRequestFrom(card.id);

  useEffect(() => {
    void loadRequests().catch(() => undefined);
  }, [card.id]);


  const message = () =>
    run(async () => {
      const conversation = await openDirect(card.id);
      navigate(`/chats/${conversation.id}`);
    });

  let primary = null;
  if (card.relation === "friend") {
    primary = (
      <Button block busy={busy} testid="person-message" onClick={() => void message()}>
        {t("contacts.card.message")}
      </Button>
    );
  } else if (card.relation === "request_received" && incoming) {
    primary = (
      <Button block busy={busy} testid="person-accept" onClick={() => void run(() => acceptRequest(incoming))}>
        {t("contacts.request.accept")}
      </Button>
    );
  } else if (card.relation !== "self" && !card.deleted) {
    primary = (
      <Button block busy={busy} testid="person-add" onClick={() => setAsking(true)}>
        {t("contacts.card.add")}
      </Button>
    );
  }

  const actions: SheetAction[] = [];
  if (card.relation === "friend") {
    actions.push({ label: t("contacts.card.remark_tags"), testid: "person-remark", onSelect: () => navigate(`/contacts/${card.id}/remark`) });
  }
  actions.push(
    card.blocked
      ? { label: t("contacts.card.unblock"), testid: "person-unblock", onSelect: () => void run(() => setBlocked(card.id, false)) }
      : { label: t("contacts.card.block"), testid: "person-block", onSelect: () => setConfirmBlock(true) },
  );
  if (card.relation === "friend") {
    actions.push({ label: t("contacts.card.delete"), danger: true, testid: "person-delete", onSelect: () => setConfirmDelete(true) });
  }

  return (
    <Page
      title=""
      light
      onBack={() => back("/contacts")}
      right={
        card.relation !== "self" && (
          <button type="button" class="icon-button" aria-label={t("contacts.card.more")} data-testid="person-more" onClick={() => setMenu(true)}>
            <MoreIcon size={24} />
          </button>
        )
      }
      testid="person-page"
    >
      <Profile card={card} />
      {card.blocked && <p class="person-note">{t("contacts.card.blocked_note")}</p>}
      {card.relation === "request_sent" && <p class="person-note">{t("contacts.card.request_sent")}</p>}
      {card.relation === "request_received" && incoming?.greeting && (
        <p class="person-note">{t("contacts.card.their_greeting", { greeting: incoming.greeting })}</p>
      )}
      <CellGroup>
        {friend && friend.tags.length > 0 && (
          <Cell title={t("contacts.tags")} value={friend.tags.join(", ")} arrow onClick={() => navigate(`/contacts/${card.id}/remark`)} />
        )}
        {card.bio && <Cell title={t("profile.bio")} value={card.bio} />}
        {!card.deleted && !card.blocked && <AlbumCell accountId={card.id} />}
        {card.relation === "friend" && (
          <Cell title={t("moments.person_settings")} arrow testid="person-moments-settings" onClick={() => navigate(`/contacts/${card.id}/moments`)} />
        )}
        {card.relation === "self" && (
          <Cell title={t("profile.title")} arrow onClick={() => navigate("/me/profile")} />
        )}
      </CellGroup>
      <div class="person-actions">
        {primary}
        <FieldError message={error} />
      </div>
      {menu && <ActionSheet actions={actions} onClose={() => setMenu(false)} />}
      {asking && (
        <PromptDialog
          title={t("contacts.card.greeting_title")}
          initial={t("contacts.card.greeting_default", { name: me.value?.display_name ?? "" })}
          maxLength={GREETING_MAX}
          confirmLabel={t("contacts.card.send_request")}
          busy={busy}
          error={error}
          testid="greeting-input"
          onCancel={() => setAsking(false)}
          onConfirm={(greeting) =>
            void run(async () => {
              const request = await sendFriendRequest(card.id, greeting);
              setAsking(false);
              showToast(request.status === "accepted" ? t("contacts.card.now_friends") : t("contacts.card.request_sent_toast"));
            })
          }
        />
      )}
      {confirmDelete && (
        <Dialog
          title={t("contacts.card.delete_title", { name: card.remark || card.display_name })}
          confirmLabel={t("contacts.card.delete")}
          danger
          busy={busy}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            void run(async () => {
              await deleteFriend(card.id);
              setConfirmDelete(false);
              showToast(t("contacts.card.deleted"));
            })
          }
        >
          {t("contacts.card.delete_body")}
        </Dialog>
      )}
      {confirmBlock && (
        <Dialog
          title={t("contacts.card.block_title")}
          confirmLabel={t("contacts.card.block")}
          danger
          busy={busy}
          onCancel={() => setConfirmBlock(false)}
          onConfirm={() =>
            void run(async () => {
              await setBlocked(card.id, true);
              setConfirmBlock(false);
            })
          }
        >
          {t("contacts.card.block_body")}
        </Dialog>
      )}
    </Page>
  );
}

function LoadingPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Page title="" light onBack={() => back("/contacts")} testid="person-page">
      {error !== null ? <ErrorState title={t("contacts.card.error")} message={errorMessage(error)} onRetry={onRetry} /> : <LoadingState />}
    </Page>
  );
}

/** `/contacts/{account_id}`. */
export function PersonPage({ accountId }: { accountId: string }) {
  const card = cards.value.get(accountId);
  const [error, setError] = useState<unknown>(null);
  function load() {
    setError(null);
    loadCard(accountId).catch(setError);
  }
  useEffect(load, [accountId]);
  return card ? <PersonBody card={card} /> : <LoadingPage error={error} onRetry={load} />;
}

/** `/u/{plaza_id}`, where a scanned QR code lands. */
export function PlazaIdPage({ plazaId }: { plazaId: string }) {
  const [id, setId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  function load() {
    setError(null);
    loadCardByPlazaId(plazaId).then((card) => setId(card.id), setError);
  }
  useEffect(load, [plazaId]);
  const card = id ? cards.value.get(id) : undefined;
  return card ? <PersonBody card={card} /> : <LoadingPage error={error} onRetry={load} />;
}
