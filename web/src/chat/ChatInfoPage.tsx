// Chat info: for a group its members, name, announcement, QR code, mute and pin, owner
// tools and "Leave group"; for a 1:1 chat the other person, mute and pin.

import { useEffect, useState } from "preact/hooks";
import type { Conversation, Member } from "../api/types";
import { PeoplePicker } from "../contacts/PeoplePicker";
import { friends, loadFriends } from "../contacts/store";
import { me } from "../identity/store";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { Avatar } from "../ui/Avatar";
import { Cell, CellGroup } from "../ui/Cell";
import { Dialog } from "../ui/Dialog";
import { FieldError } from "../ui/FieldError";
import { MinusIcon, PlusIcon, QrIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { Switch } from "../ui/Switch";
import { personName } from "./describe";
import {
  conversationById,
  fetchConversation,
  inviteMembers,
  leaveGroup,
  loadMembers,
  members,
  removeMembers,
  transferOwnership,
  updateSettings,
} from "./store";

function SettingSwitches({ conversation }: { conversation: Conversation }) {
  const [busy, setBusy] = useState(false);
  async function change(patch: { muted?: boolean; pinned?: boolean }) {
    setBusy(true);
    try {
      await updateSettings(conversation.id, patch);
    } catch (error) {
      showToast(errorMessage(error), "warning");
    } finally {
      setBusy(false);
    }
  }
  return (
    <CellGroup>
      <Cell title={t("chat.info.mute")} testid="chat-mute">
        <Switch
          checked={conversation.muted}
          disabled={busy}
          label={t("chat.info.mute")}
          testid="chat-mute-switch"
          onChange={(muted) => void change({ muted })}
        />
      </Cell>
      <Cell title={t("chat.info.pin")} testid="chat-pin">
        <Switch
          checked={conversation.pinned}
          disabled={busy}
          label={t("chat.info.pin")}
          testid="chat-pin-switch"
          onChange={(pinned) => void change({ pinned })}
        />
      </Cell>
    </CellGroup>
  );
}

function MemberTile({ member }: { member: Member }) {
  const name = personName(member.account.id) || member.account.display_name;
  return (
    <button
      type="button"
      class="member-tile"
      data-testid="member-tile"
      data-account-id={member.account.id}
      onClick={() => navigate(member.account.id === me.value?.id ? "/me/profile" : `/contacts/${member.account.id}`)}
    >
      <Avatar name={name} seed={member.account.id} avatar={member.account.avatar} size={52} />
      <span class="member-tile__name">{name}</span>
      {member.role !== "member" && (
        <span class="member-tile__role">{member.role === "owner" ? t("chat.role.owner") : t("chat.role.admin")}</span>
      )}
    </button>
  );
}

function DirectInfo({ conversation }: { conversation: Conversation }) {
  const peer = conversation.peer;
  return (
    <>
      {peer && (
        <div class="member-grid">
          <button
            type="button"
            class="member-tile"
            data-testid="member-tile"
            onClick={() => navigate(`/contacts/${peer.id}`)}
          >
            <Avatar name={personName(peer.id) || peer.display_name} seed={peer.id} avatar={peer.avatar} size={52} />
            <span class="member-tile__name">{personName(peer.id) || peer.display_name}</span>
          </button>
        </div>
      )}
      <SettingSwitches conversation={conversation} />
    </>
  );
}

type Picking = "add" | "remove" | "transfer" | null;

function GroupInfo({ conversation }: { conversation: Conversation }) {
  const list = members.value.get(conversation.id);
  const [picking, setPicking] = useState<Picking>(null);
  const [busy, setBusy] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const myId = me.value?.id;
  const role = conversation.my_role;
  const manager = role === "owner" || role === "admin";

  useEffect(() => {
    void loadMembers(conversation.id).catch(() => undefined);
  }, [conversation.id]);

  async function pick(action: () => Promise<void>, done: string) {
    setBusy(true);
    setPickError(null);
    try {
      await action();
      setPicking(null);
      showToast(done);
    } catch (error) {
      setPickError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function leave() {
    setBusy(true);
    try {
      await leaveGroup(conversation.id);
      navigate("/chats", { replace: true });
    } catch (error) {
      setLeaveError(errorMessage(error));
      setConfirmLeave(false);
      setBusy(false);
    }
  }

  const memberIds = new Set((list ?? []).map((member) => member.account.id));
  const removable = (list ?? []).filter(
    (member) =>
      member.account.id !== myId && member.role !== "owner" && (role === "owner" || member.role === "member"),
  );

  return (
    <>
      <div class="member-grid" data-testid="member-grid">
        {list === undefined ? (
          <LoadingState />
        ) : (
          <>
            {list.map((member) => (
              <MemberTile key={member.account.id} member={member} />
            ))}
            <button
              type="button"
              class="member-tile member-tile--action"
              aria-label={t("chat.info.add_members")}
              data-testid="members-add"
              onClick={() => {
                if (friends.value === null) void loadFriends().catch(() => undefined);
                setPickError(null);
                setPicking("add");
              }}
            >
              <span class="member-tile__button">
                <PlusIcon size={26} />
              </span>
            </button>
            {manager && removable.length > 0 && (
              <button
                type="button"
                class="member-tile member-tile--action"
                aria-label={t("chat.info.remove_members")}
                data-testid="members-remove"
                onClick={() => {
                  setPickError(null);
                  setPicking("remove");
                }}
              >
                <span class="member-tile__button">
                  <MinusIcon size={26} />
                </span>
              </button>
            )}
          </>
        )}
      </div>
      <CellGroup>
        <Cell
          title={t("chat.info.name")}
          value={conversation.name || <span class="muted">{t("common.not_set")}</span>}
          arrow
          testid="group-name-cell"
          onClick={() => navigate(`/chats/${conversation.id}/info/name`)}
        />
        <Cell
          title={t("chat.info.qr")}
          value={<QrIcon size={20} />}
          arrow
          testid="group-qr-cell"
          onClick={() => navigate(`/chats/${conversation.id}/info/qr`)}
        />
        <Cell
          title={t("chat.info.announcement")}
          description={conversation.announcement || (manager ? t("chat.info.announcement_none_manager") : t("chat.info.announcement_none"))}
          arrow={manager || conversation.announcement !== ""}
          testid="group-announcement-cell"
          onClick={manager || conversation.announcement ? () => navigate(`/chats/${conversation.id}/info/announcement`) : undefined}
        />
      </CellGroup>
      <SettingSwitches conversation={conversation} />
      {role === "owner" && (
        <CellGroup>
          <Cell
            title={t("chat.info.admins")}
            arrow
            testid="group-admins-cell"
            onClick={() => navigate(`/chats/${conversation.id}/info/admins`)}
          />
          <Cell
            title={t("chat.info.transfer")}
            arrow
            testid="group-transfer-cell"
            onClick={() => {
              setPickError(null);
              setPicking("transfer");
            }}
          />
        </CellGroup>
      )}
      <CellGroup>
        <Cell center danger title={t("chat.info.leave")} testid="group-leave" onClick={() => setConfirmLeave(true)} />
      </CellGroup>
      {leaveError && (
        <div class="cell-error">
          <FieldError message={leaveError} />
        </div>
      )}
      {picking === "add" && (
        <PeoplePicker
          title={t("chat.info.add_members")}
          people={(friends.value ?? []).map((friend) => friend.account)}
          fixed={memberIds}
          busy={busy}
          error={pickError}
          onCancel={() => setPicking(null)}
          onConfirm={(ids) => void pick(() => inviteMembers(conversation.id, ids), t("chat.info.added"))}
        />
      )}
      {picking === "remove" && (
        <PeoplePicker
          title={t("chat.info.remove_members")}
          people={removable.map((member) => member.account)}
          confirmLabel={t("chat.info.remove")}
          busy={busy}
          error={pickError}
          onCancel={() => setPicking(null)}
          onConfirm={(ids) => void pick(() => removeMembers(conversation.id, ids), t("chat.info.removed"))}
        />
      )}
      {picking === "transfer" && (
        <PeoplePicker
          title={t("chat.info.transfer_pick")}
          people={(list ?? []).filter((member) => member.account.id !== myId).map((member) => member.account)}
          single
          busy={busy}
          error={pickError}
          onCancel={() => setPicking(null)}
          onConfirm={(ids) => {
            const id = ids[0];
            if (id) void pick(() => transferOwnership(conversation.id, id), t("chat.info.transferred"));
          }}
        />
      )}
      {confirmLeave && (
        <Dialog
          title={t("chat.info.leave_title")}
          confirmLabel={t("chat.info.leave")}
          danger
          busy={busy}
          onConfirm={() => void leave()}
          onCancel={() => setConfirmLeave(false)}
        >
          {t("chat.info.leave_body")}
        </Dialog>
      )}
    </>
  );
}

export function ChatInfoPage({ id }: { id: string }) {
  const conversation = conversationById(id);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!conversationById(id)) {
      void fetchConversation(id).then((found) => {
        if (!found && !conversationById(id)) setError(new Error("gone"));
      });
    }
  }, [id]);

  let body;
  if (!conversation && error !== null) body = <ErrorState title={t("chat.conversation_gone")} />;
  else if (!conversation) body = <LoadingState />;
  else if (conversation.kind === "group") body = <GroupInfo conversation={conversation} />;
  else if (conversation.kind === "service") body = <SettingSwitches conversation={conversation} />;
  else body = <DirectInfo conversation={conversation} />;

  const title =
    conversation?.kind === "group"
      ? t("chat.info.group_title", { count: conversation.member_count })
      : t("chat.info.title");
  return (
    <Page title={conversation ? title : ""} onBack={() => back(`/chats/${id}`)} testid="chat-info-page">
      {body}
    </Page>
  );
}
