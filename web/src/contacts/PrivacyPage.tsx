// Privacy: whether people can find me by phone number, read receipts in 1:1 chats, and the
// way to who sees my Moments.

import { useEffect, useState } from "preact/hooks";
import { getChatSettings, updateChatSettings } from "../chat/api";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Cell, CellGroup } from "../ui/Cell";
import { FieldError } from "../ui/FieldError";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { Switch } from "../ui/Switch";
import { getPrivacy, updatePrivacy } from "./api";

interface Settings {
  findableByPhone: boolean;
  readReceipts: boolean;
}

export function PrivacyPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function load() {
    setLoadError(null);
    Promise.all([getPrivacy(), getChatSettings()]).then(
      ([privacy, chat]) => setSettings({ findableByPhone: privacy.findable_by_phone, readReceipts: chat.read_receipts }),
      setLoadError,
    );
  }
  useEffect(load, []);

  async function change(patch: Partial<Settings>) {
    if (!settings) return;
    setBusy(true);
    setError(null);
    try {
      if (patch.findableByPhone !== undefined) {
        const privacy = await updatePrivacy({ findable_by_phone: patch.findableByPhone });
        setSettings((s) => s && { ...s, findableByPhone: privacy.findable_by_phone });
      }
      if (patch.readReceipts !== undefined) {
        const chat = await updateChatSettings(patch.readReceipts);
        setSettings((s) => s && { ...s, readReceipts: chat.read_receipts });
      }
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (settings === null && loadError !== null) body = <ErrorState title={t("privacy.error")} message={errorMessage(loadError)} onRetry={load} />;
  else if (settings === null) body = <LoadingState />;
  else {
    body = (
      <>
        <CellGroup footer={t("privacy.findable_hint")}>
          <Cell title={t("privacy.findable")}>
            <Switch
              checked={settings.findableByPhone}
              disabled={busy}
              label={t("privacy.findable")}
              testid="privacy-findable"
              onChange={(findableByPhone) => void change({ findableByPhone })}
            />
          </Cell>
        </CellGroup>
        <CellGroup footer={t("privacy.receipts_hint")}>
          <Cell title={t("privacy.receipts")}>
            <Switch
              checked={settings.readReceipts}
              disabled={busy}
              label={t("privacy.receipts")}
              testid="privacy-receipts"
              onChange={(readReceipts) => void change({ readReceipts })}
            />
          </Cell>
        </CellGroup>
        <CellGroup>
          <Cell
            title={t("moments.settings")}
            arrow
            testid="privacy-moments-cell"
            onClick={() => navigate("/discover/moments/settings")}
          />
        </CellGroup>
        {error && (
          <div class="cell-error">
            <FieldError message={error} />
          </div>
        )}
      </>
    );
  }
  return (
    <Page title={t("privacy.title")} onBack={() => back("/me")} testid="privacy-page">
      {body}
    </Page>
  );
}
