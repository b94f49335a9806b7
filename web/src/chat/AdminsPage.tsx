// The owner appoints up to 3 admins among the members.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { CellGroup } from "../ui/Cell";
import { FieldError } from "../ui/FieldError";
import { Page } from "../ui/Page";
import { LoadingState } from "../ui/States";
import { Switch } from "../ui/Switch";
import { personName } from "./describe";
import { loadMembers, members, setAdmin } from "./store";

export function AdminsPage({ id }: { id: string }) {
  const list = members.value.get(id);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadMembers(id).catch(setError);
  }, [id]);

  async function toggle(accountId: string, admin: boolean) {
    setPending(accountId);
    setError(null);
    try {
      await setAdmin(id, accountId, admin);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(null);
    }
  }

  return (
    <Page title={t("chat.info.admins")} onBack={() => back(`/chats/${id}/info`)} testid="group-admins-page">
      {list === undefined ? (
        <LoadingState />
      ) : (
        <CellGroup footer={t("chat.admins.hint")}>
          {list
            .filter((member) => member.role !== "owner")
            .map((member) => {
              const name = personName(member.account.id) || member.account.display_name;
              return (
                <div class="person-row" key={member.account.id} data-testid="admin-item">
                  <Avatar name={name} seed={member.account.id} avatar={member.account.avatar} size={40} />
                  <span class="person-row__name">{name}</span>
                  <Switch
                    checked={member.role === "admin"}
                    disabled={pending !== null}
                    label={t("chat.admins.toggle", { name })}
                    onChange={(admin) => void toggle(member.account.id, admin)}
                  />
                </div>
              );
            })}
        </CellGroup>
      )}
      {error && (
        <div class="cell-error">
          <FieldError message={error} />
        </div>
      )}
    </Page>
  );
}
