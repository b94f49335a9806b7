// Where a scanned group QR code lands: "Join this group?".

import { useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { GroupIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { joinGroup } from "./store";

export function JoinPage({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function join() {
    setBusy(true);
    setError(null);
    try {
      const conversation = await joinGroup(token);
      navigate(`/chats/${conversation.id}`, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <Page title={t("chat.join.title")} onBack={() => back("/chats")} light testid="join-page">
      <div class="join">
        <span class="join__icon">
          <GroupIcon size={44} />
        </span>
        <h2 class="join__title">{t("chat.join.question")}</h2>
        <p class="join__body">{t("chat.join.body")}</p>
        <FieldError message={error} />
        <div class="join__actions">
          <Button busy={busy} testid="join-confirm" onClick={() => void join()}>
            {t("chat.join.confirm")}
          </Button>
          <Button variant="default" onClick={() => back("/chats")}>
            {t("common.cancel")}
          </Button>
        </div>
      </div>
    </Page>
  );
}
