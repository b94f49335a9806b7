// /dev/review: for platform admins, versions waiting for review, the longest waiting first.
// Approving releases the version at once; rejecting needs a reason the developer will see.

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { PromptDialog } from "../../ui/PromptDialog";
import { ErrorState, LoadingState } from "../../ui/States";
import { rejectVersion, REASON_MAX, reviewQueue, stepVersion, type ReviewItem } from "./api";
import { Frame } from "./Console";
import { ReviewIcon } from "./icons";
import { AppIcon, Badge, formatBytes, Panel } from "./parts";
import { useLoad } from "./useLoad";

function ReviewCard({ item, busy, onApprove, onReject }: { item: ReviewItem; busy: boolean; onApprove: () => void; onReject: () => void }) {
  const { app, version } = item;
  return (
    <div class="creview" data-testid="review-item" data-app-id={app.app_id} data-version={version.version}>
      <div class="creview__head">
        <AppIcon app={app} size={44} />
        <div class="creview__title">
          <div class="capp__name">
            {app.name} <span class="cmuted">{version.version}</span>
          </div>
          <div class="cmuted">{t("console.review.by", { developer: item.developer })}</div>
          <code class="cmuted">{app.app_id}</code>
        </div>
        <Badge tone="plain">{t(`console.category.${app.category}`)}</Badge>
      </div>
      {app.description && <p class="creview__description">{app.description}</p>}
      <dl class="cfacts cfacts--compact">
        <div class="cfacts__row">
          <dt>{t("console.review.submitted")}</dt>
          <dd>{version.submitted_at ? formatDateTime(version.submitted_at) : "—"}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.review.size")}</dt>
          <dd>{formatBytes(version.size)}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.review.pages")}</dt>
          <dd class="cbreak">{version.pages.join(", ")}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.review.permissions")}</dt>
          <dd>{version.permissions.length ? version.permissions.join(", ") : "—"}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.review.domains")}</dt>
          <dd class="cbreak">{version.server_domains.length ? version.server_domains.join(", ") : "—"}</dd>
        </div>
      </dl>
      <div class="cversion__actions">
        <Button variant="default" size="small" disabled={busy} testid="review-reject" onClick={onReject}>
          {t("console.review.reject")}
        </Button>
        <Button size="small" disabled={busy} testid="review-approve" onClick={onApprove}>
          {t("console.review.approve")}
        </Button>
      </div>
    </div>
  );
}

export function ReviewPage() {
  const queue = useLoad(reviewQueue, []);
  const [approving, setApproving] = useState<ReviewItem | null>(null);
  const [rejecting, setRejecting] = useState<ReviewItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(item: ReviewItem, reason: string | null) {
    setBusy(true);
    setError(null);
    try {
      if (reason === null) await stepVersion(item.app.app_id, item.version.version, "approve");
      else await rejectVersion(item.app.app_id, item.version.version, reason);
      showToast(reason === null ? t("console.review.approved") : t("console.review.rejected"));
      queue.set((queue.data ?? []).filter((other) => other !== item));
      setApproving(null);
      setRejecting(null);
    } catch (caught) {
      setError(errorMessage(caught));
      setApproving(null);
      setRejecting(null);
      queue.reload();
    } finally {
      setBusy(false);
    }
  }

  const list = queue.data;
  let body;
  if (list === null && queue.error instanceof ApiError && queue.error.code === "miniapps.not_admin") {
    body = <ErrorState icon={<ReviewIcon size={40} />} title={t("console.review.admins_only")} message={t("console.review.admins_only_body")} />;
  } else if (list === null && queue.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(queue.error)} onRetry={queue.reload} />;
  } else if (list === null) body = <LoadingState />;
  else {
    body = (
      <>
        <p class="cintro">{t("console.review.intro")}</p>
        <FieldError message={error} />
        {list.length === 0 ? (
          <Panel>
            <p class="cempty__text cempty__text--pad" data-testid="review-empty">
              {t("console.review.empty")}
            </p>
          </Panel>
        ) : (
          <div class="creviews" data-testid="review-list">
            {list.map((item) => (
              <ReviewCard
                key={`${item.app.app_id}/${item.version.version}`}
                item={item}
                busy={busy}
                onApprove={() => setApproving(item)}
                onReject={() => setRejecting(item)}
              />
            ))}
          </div>
        )}
      </>
    );
  }
  return (
    <Frame title={t("console.nav.review")} backTo="/dev" place="review" testid="console-review-page">
      {body}
      {approving && (
        <Dialog
          title={t("console.review.approve_title", { name: approving.app.name, version: approving.version.version })}
          confirmLabel={t("console.review.approve")}
          busy={busy}
          onConfirm={() => void decide(approving, null)}
          onCancel={() => setApproving(null)}
        >
          {t("console.review.approve_body")}
        </Dialog>
      )}
      {rejecting && (
        <PromptDialog
          title={t("console.review.reject_title", { name: rejecting.app.name, version: rejecting.version.version })}
          placeholder={t("console.review.reason")}
          maxLength={REASON_MAX}
          allowEmpty={false}
          confirmLabel={t("console.review.reject")}
          busy={busy}
          testid="review-reason"
          onConfirm={(reason) => void decide(rejecting, reason)}
          onCancel={() => setRejecting(null)}
        />
      )}
    </Frame>
  );
}
