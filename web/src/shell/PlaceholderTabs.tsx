// The tab that arrives with a later release: a header and a friendly empty state.

import { t } from "../i18n/t";
import { DiscoverIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { EmptyState } from "./EmptyState";

export function DiscoverTab() {
  return (
    <Page title={t("tab.discover")} testid="discover-page">
      <EmptyState
        icon={<DiscoverIcon size={44} />}
        title={t("empty.discover.title")}
        body={t("empty.discover.body")}
        badge={t("empty.coming_soon")}
      />
    </Page>
  );
}
