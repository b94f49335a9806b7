// My QR code: the server's PNG of my card's address, fetched with my token.

import { useEffect, useState } from "preact/hooks";
import type { Me } from "../api/types";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { Page } from "../ui/Page";
import { ErrorState } from "../ui/States";
import { Spinner } from "../ui/Spinner";
import { myQrCodeUrl } from "./api";

export function MyQrPage({ me }: { me: Me }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  function load() {
    setFailed(false);
    myQrCodeUrl().then(setUrl, () => setFailed(true));
  }
  useEffect(load, [me.plaza_id]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);

  return (
    <Page title={t("me.qr")} onBack={() => back("/me")} testid="my-qr-page">
      {failed ? (
        <ErrorState title={t("me.qr_error")} onRetry={load} />
      ) : (
        <div class="qr-card">
          <div class="qr-card__head">
            <Avatar name={me.display_name} seed={me.id} avatar={me.avatar} size={52} />
            <span class="qr-card__text">
              <span class="qr-card__name">{me.display_name}</span>
              <span class="qr-card__sub">{me.plaza_id}</span>
            </span>
          </div>
          <div class="qr-card__code">
            {url ? <img src={url} alt={t("me.qr")} width={232} height={232} data-testid="my-qr-image" /> : <Spinner size={28} />}
          </div>
          <p class="qr-card__hint">{t("me.qr_hint")}</p>
        </div>
      )}
    </Page>
  );
}
