// Friend requests received and sent: Accept / Decline for the ones waiting on me.

import { useEffect, useState } from "preact/hooks";
import type { FriendRequest } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { CellGroup } from "../ui/Cell";
import { SearchIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { acceptRequest, declineRequest, loadRequests, requests } from "./store";

function statusLabel(request: FriendRequest): string {
  switch (request.status) {
    case "accepted":
      return t("contacts.request.accepted");
    case "declined":
      return t("contacts.request.declined");
    case "expired":
      return t("contacts.request.expired");
    case "pending":
      return t("contacts.request.waiting");
  }
}

function RequestRow({ request }: { request: FriendRequest }) {
  const [busy, setBusy] = useState<"accept" | "decline" | null>(null);
  const other = request.direction === "incoming" ? request.from : request.to;
  const answerable = request.direction === "incoming" && request.status === "pending";

  async function answer(kind: "accept" | "decline") {
    setBusy(kind);
    try {
      if (kind === "accept") await acceptRequest(request);
      else await declineRequest(request);
    } catch (error) {
      showToast(errorMessage(error), "warning");
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="request" data-testid="request-item" data-request-id={request.id} data-status={request.status}>
      <button type="button" class="request__person" onClick={() => navigate(`/contacts/${other.id}`)}>
        <Avatar name={other.display_name} seed={other.id} avatar={other.avatar} size={44} />
        <span class="request__text">
          <span class="request__name">{other.display_name || t("contacts.deleted_account")}</span>
          <span class="request__greeting">
            {request.direction === "outgoing" ? t("contacts.request.sent_by_me") : request.greeting || t("contacts.request.no_greeting")}
          </span>
        </span>
      </button>
      {answerable ? (
        <span class="request__actions">
          <Button variant="default" size="small" busy={busy === "decline"} disabled={busy !== null} testid="request-decline" onClick={() => void answer("decline")}>
            {t("contacts.request.decline")}
          </Button>
          <Button size="small" busy={busy === "accept"} disabled={busy !== null} testid="request-accept" onClick={() => void answer("accept")}>
            {t("contacts.request.accept")}
          </Button>
        </span>
      ) : (
        <span class="request__status" data-testid="request-status">
          {statusLabel(request)}
        </span>
      )}
    </div>
  );
}

export function NewFriendsPage() {
  const [error, setError] = useState<unknown>(null);
  const list = requests.value;

  function load() {
    setError(null);
    loadRequests().catch(setError);
  }
  useEffect(load, []);

  let body;
  if (list === null && error !== null) body = <ErrorState title={t("contacts.requests_error")} message={errorMessage(error)} onRetry={load} />;
  else if (list === null) body = <LoadingState />;
  else if (list.length === 0) body = <p class="friend-count">{t("contacts.no_requests")}</p>;
  else {
    body = (
      <CellGroup title={t("contacts.requests_recent")}>
        {list.map((request) => (
          <RequestRow key={request.id} request={request} />
        ))}
      </CellGroup>
    );
  }

  return (
    <Page
      title={t("contacts.new_friends")}
      onBack={() => back("/contacts")}
      right={
        <button type="button" class="link-button" data-testid="new-friends-add" onClick={() => navigate("/contacts/search")}>
          {t("contacts.add_friend")}
        </button>
      }
      testid="new-friends-page"
    >
      <button type="button" class="search-entry" onClick={() => navigate("/contacts/search")}>
        <SearchIcon size={18} />
        <span>{t("contacts.search_placeholder")}</span>
      </button>
      {body}
    </Page>
  );
}
