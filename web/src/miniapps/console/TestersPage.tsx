// /dev/apps/<appid>/testers: who may open the trial version, by Plaza ID (up to 30).

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { listTesters, setTesters, TESTERS_MAX, type Tester } from "./api";
import { Frame } from "./Console";
import { Panel } from "./parts";
import { useApp } from "./useApp";
import { useLoad } from "./useLoad";

export function TestersPage({ appId }: { appId: string }) {
  useApp(appId);
  const testers = useLoad(() => listTesters(appId), [appId]);
  const [plazaId, setPlazaId] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(next: string[], doing: string) {
    setBusy(doing);
    setError(null);
    try {
      testers.set(await setTesters(appId, next));
      if (doing === "add") setPlazaId("");
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === "miniapps.tester_not_found"
          ? t("console.testers.not_found", { id: plazaId.trim() })
          : errorMessage(caught),
      );
    } finally {
      setBusy(null);
    }
  }

  const list = testers.data;
  const ids = (list ?? []).map((tester) => tester.plaza_id);
  const full = ids.length >= TESTERS_MAX;
  const wanted = plazaId.trim().replace(/^@/, "");
  let body;
  if (list === null && testers.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(testers.error)} onRetry={testers.reload} />;
  } else if (list === null) body = <LoadingState />;
  else {
    body = (
      <>
        <Panel title={t("console.testers.add_title")} testid="tester-add">
          <p class="cintro cintro--in-panel">{t("console.testers.intro")}</p>
          <form
            class="cinline"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (wanted !== "" && !full) {
                if (ids.some((id) => id.toLowerCase() === wanted.toLowerCase())) {
                  setError(t("console.testers.already"));
                  return;
                }
                void save([...ids, wanted], "add");
              }
            }}
          >
            <input
              class="cinput"
              type="text"
              value={plazaId}
              placeholder={t("console.testers.placeholder")}
              maxLength={21}
              disabled={full}
              autoCapitalize="off"
              autoComplete="off"
              data-testid="tester-plaza-id"
              onInput={(event) => {
                setPlazaId(event.currentTarget.value);
                setError(null);
              }}
            />
            <Button type="submit" size="small" busy={busy === "add"} disabled={wanted === "" || full || busy !== null} testid="tester-add-submit">
              {t("console.testers.add")}
            </Button>
          </form>
          <FieldError message={error} />
          {full && <p class="cform__hint">{t("console.testers.full", { max: TESTERS_MAX })}</p>}
        </Panel>
        <Panel
          title={t("console.testers.list")}
          actions={<span class="cmuted" data-testid="tester-count">{`${ids.length} / ${TESTERS_MAX}`}</span>}
          testid="tester-list"
          flush
        >
          {list.length === 0 ? (
            <p class="cempty__text cempty__text--pad">{t("console.testers.empty")}</p>
          ) : (
            list.map((tester: Tester) => (
              <div class="cperson" key={tester.id} data-testid="tester-row" data-plaza-id={tester.plaza_id}>
                <Avatar name={tester.display_name} seed={tester.id} avatar={tester.avatar} size={40} />
                <div class="cperson__text">
                  <div class="cperson__name">{tester.display_name}</div>
                  <div class="cmuted">{tester.plaza_id}</div>
                </div>
                <Button
                  variant="default"
                  size="small"
                  busy={busy === tester.plaza_id}
                  disabled={busy !== null}
                  testid="tester-remove"
                  onClick={() => void save(ids.filter((id) => id !== tester.plaza_id), tester.plaza_id)}
                >
                  {t("console.testers.remove")}
                </Button>
              </div>
            ))
          )}
        </Panel>
      </>
    );
  }

  return (
    <Frame
      title={t("console.nav.testers")}
      backTo="/dev"
      place={{ appId, section: "testers" }}
      testid="console-testers-page"
    >
      {body}
    </Frame>
  );
}
