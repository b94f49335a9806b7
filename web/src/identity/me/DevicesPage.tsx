// The devices signed in to this account; each other one can be signed out.

import { useEffect, useState } from "preact/hooks";
import type { Device } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDate, formatRelative } from "../../i18n/format";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { Cell, CellGroup } from "../../ui/Cell";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { LaptopIcon, PhoneIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { devices, loadDevices, signOutDevice, signOutEverywhere } from "../store";

const MOBILE = /iPhone|iPad|Android|Mobile/i;

function DeviceRow({
  device,
  busy,
  onSignOut,
}: {
  device: Device;
  busy: boolean;
  onSignOut: () => void;
}) {
  return (
    <div class="device" data-testid="device-item" data-current={device.current ? "true" : "false"}>
      <span class={device.current ? "device__icon device__icon--current" : "device__icon"}>
        {MOBILE.test(device.name) ? <PhoneIcon size={22} /> : <LaptopIcon size={22} />}
      </span>
      <span class="device__main">
        <span class="device__name">
          {device.name}
          {device.current && (
            <span class="tag" data-testid="device-current">
              {t("devices.this_device")}
            </span>
          )}
        </span>
        <span class="device__meta">
          {t("devices.last_active", { time: formatRelative(device.last_seen_at) })}
        </span>
        <span class="device__meta">{t("devices.signed_in", { date: formatDate(device.created_at) })}</span>
      </span>
      {!device.current && (
        <Button variant="default" size="small" busy={busy} testid="device-sign-out" onClick={onSignOut}>
          {t("devices.sign_out")}
        </Button>
      )}
    </div>
  );
}

export function DevicesPage() {
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [signingOutAll, setSigningOutAll] = useState(false);

  function load() {
    setLoadError(null);
    loadDevices().catch(setLoadError);
  }
  useEffect(load, []);

  async function signOutOne(id: string) {
    setPendingId(id);
    setActionError(null);
    try {
      await signOutDevice(id);
      showToast(t("devices.signed_out"));
    } catch (caught) {
      setActionError(errorMessage(caught));
    } finally {
      setPendingId(null);
    }
  }

  async function signOutAll() {
    setSigningOutAll(true);
    try {
      await signOutEverywhere();
    } catch (caught) {
      setActionError(errorMessage(caught));
      setSigningOutAll(false);
      setConfirmAll(false);
    }
  }

  const list = devices.value;
  let body;
  if (list === null && loadError !== null) {
    body = <ErrorState title={t("devices.load_error")} message={errorMessage(loadError)} onRetry={load} />;
  } else if (list === null) {
    body = <LoadingState />;
  } else {
    const sorted = [...list].sort((a, b) => Number(b.current) - Number(a.current));
    body = (
      <>
        <CellGroup footer={t("devices.hint")}>
          {sorted.length === 0 ? (
            <Cell title={<span class="muted">{t("devices.empty")}</span>} />
          ) : (
            sorted.map((device) => (
              <DeviceRow
                key={device.id}
                device={device}
                busy={pendingId === device.id}
                onSignOut={() => void signOutOne(device.id)}
              />
            ))
          )}
        </CellGroup>
        {actionError && (
          <div class="cell-error">
            <FieldError message={actionError} />
          </div>
        )}
        <CellGroup>
          <Cell center danger title={t("devices.sign_out_all")} testid="sign-out-all" onClick={() => setConfirmAll(true)} />
        </CellGroup>
      </>
    );
  }

  return (
    <Page title={t("devices.title")} onBack={() => back("/me")} testid="devices-page">
      {body}
      {confirmAll && (
        <Dialog
          title={t("devices.sign_out_all_title")}
          confirmLabel={t("devices.sign_out")}
          danger
          busy={signingOutAll}
          onConfirm={() => void signOutAll()}
          onCancel={() => setConfirmAll(false)}
        >
          {t("devices.sign_out_all_body")}
        </Dialog>
      )}
    </Page>
  );
}
