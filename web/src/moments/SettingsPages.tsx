// Moments privacy: how far back friends can see my posts and whether strangers see ten
// (mine), and per person "Hide their posts" / "Don't let them see mine" (from their card).

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { Cell, CellGroup } from "../ui/Cell";
import { FieldError } from "../ui/FieldError";
import { CheckIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { LoadingState } from "../ui/States";
import { Switch } from "../ui/Switch";
import * as momentsApi from "./api";
import { MOMENTS_PATH } from "./TimelinePage";
import type { FriendsSee } from "./types";

const WINDOWS: FriendsSee[] = ["3d", "6m", "all"];

/** Loads settings once, then saves each change and shows the saved copy (or the error). */
function useSettings<T>(load: () => Promise<T>, save: (patch: Partial<T>) => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(setValue, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  function change(patch: Partial<T>) {
    if (value === null) return;
    setValue({ ...value, ...patch });
    setError(null);
    save(patch).then(setValue, (caught: unknown) => {
      setError(errorMessage(caught));
      load().then(setValue, () => undefined);
    });
  }
  return { value, error, change };
}

export function MomentsSettingsPage() {
  const { value, error, change } = useSettings(momentsApi.getSettings, momentsApi.updateSettings);
  return (
    <Page title={t("moments.settings")} onBack={() => back(MOMENTS_PATH)} testid="moments-settings">
      <FieldError message={error} />
      {value === null ? (
        !error && <LoadingState />
      ) : (
        <>
          <CellGroup title={t("moments.settings.friends_see")}>
            {WINDOWS.map((window) => (
              <Cell
                key={window}
                title={t(`moments.settings.window.${window}`)}
                testid={`moments-window-${window}`}
                onClick={() => change({ friends_see: window })}
              >
                {value.friends_see === window && <CheckIcon size={20} class="cell__check" />}
              </Cell>
            ))}
          </CellGroup>
          <CellGroup footer={t("moments.settings.strangers_hint")}>
            <Cell title={t("moments.settings.strangers")}>
              <Switch
                checked={value.strangers_see_ten}
                label={t("moments.settings.strangers")}
                testid="moments-strangers"
                onChange={(checked) => change({ strangers_see_ten: checked })}
              />
            </Cell>
          </CellGroup>
        </>
      )}
    </Page>
  );
}

export function PersonMomentsSettingsPage({ accountId }: { accountId: string }) {
  const { value, error, change } = useSettings(
    () => momentsApi.getPersonSettings(accountId),
    (patch) => momentsApi.updatePersonSettings(accountId, patch),
  );
  return (
    <Page title={t("moments.person_settings")} onBack={() => back(`/contacts/${accountId}`)} testid="moments-person-settings">
      <FieldError message={error} />
      {value === null ? (
        !error && <LoadingState />
      ) : (
        <CellGroup>
          <Cell title={t("moments.person.hide_mine")}>
            <Switch
              checked={value.hide_my_posts}
              label={t("moments.person.hide_mine")}
              testid="moments-hide-mine"
              onChange={(checked) => change({ hide_my_posts: checked })}
            />
          </Cell>
          <Cell title={t("moments.person.hide_theirs")}>
            <Switch
              checked={value.hide_their_posts}
              label={t("moments.person.hide_theirs")}
              testid="moments-hide-theirs"
              onChange={(checked) => change({ hide_their_posts: checked })}
            />
          </Cell>
        </CellGroup>
      )}
    </Page>
  );
}
