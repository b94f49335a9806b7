// /dev/apps/<appid>/webhooks: the notifications Plaza posted to the app's server (payments,
// refunds, ...): status, attempts and the server's answer; one opens with every attempt.

import { t } from "../../i18n/t";
import { getDelivery, listDeliveries } from "./api";
import { appPath, Frame } from "./Console";
import { DeliveryDetailView, DeliveryList } from "./deliveries";
import { useApp } from "./useApp";

export function WebhooksPage({ appId }: { appId: string }) {
  useApp(appId);
  return (
    <Frame
      title={t("console.nav.webhooks")}
      backTo="/dev"
      place={{ appId, section: "webhooks" }}
      testid="console-webhooks-page"
    >
      <DeliveryList
        key={appId}
        load={(cursor) => listDeliveries(appId, cursor)}
        hrefOf={(webhookId) => `${appPath(appId, "webhooks")}/${webhookId}`}
        empty={t("console.webhooks.empty")}
        intro={<p class="cintro">{t("console.webhooks.intro")}</p>}
      />
    </Frame>
  );
}

export function DeliveryPage({ appId, webhookId }: { appId: string; webhookId: string }) {
  useApp(appId);
  return (
    <Frame
      title={t("console.webhooks.detail")}
      backTo={appPath(appId, "webhooks")}
      place={{ appId, section: "webhooks" }}
      testid="console-delivery-page"
    >
      <DeliveryDetailView key={`${appId}/${webhookId}`} load={() => getDelivery(appId, webhookId)} />
    </Frame>
  );
}
