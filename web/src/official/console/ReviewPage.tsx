// /official-console/review: for platform admins, official account applications waiting for
// review. Approving verifies the account at once; rejecting needs a reason the applicant sees.
// The look is the developer console's review queue.

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t, tCount } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { PromptDialog } from "../../ui/PromptDialog";
import { ErrorState, LoadingState } from "../../ui/States";
import { ReviewIcon } from "../../miniapps/console/icons";
import { Panel } from "../../miniapps/console/parts";
import { useLoad } from "../../miniapps/console/useLoad";
import { applicationDocuments, approve, pendingApplications, reject, REASON_MAX, type Application } from "./api";
import { CONSOLE, Frame } from "./Console";
import { AccountAvatar, QUOTA_KEYS, TypeBadge } from "./parts";

/** The application's documents, each opening in a new tab for the admin to read. */
function Documents({ accountId }: { accountId: string }) {
  const state = useLoad(() => applicationDocuments(accountId), [accountId]);
  if (state.data === null) return <span class="cmuted">{state.error === null ? t("common.loading") : errorMessage(state.error)}</span>;
  return (
    <span class="creview__documents">
      {state.data.map((document) => (
        <a key={document.id} href={document.url} target="_blank" rel="noopener noreferrer" data-testid="oc-review-document">
          {document.name}
        </a>
      ))}
    </span>
  );
}

function ApplicationCard({ item, busy, onApprove, onReject }: { item: Application; busy: boolean; onApprove: () => void; onReject: () => void }) {
  return (
    <div class="creview" data-testid="oc-review-item" data-account-id={item.id}>
      <div class="creview__head">
        <AccountAvatar account={item} size={44} />
        <div class="creview__title">
          <div class="capp__name" data-testid="oc-review-name">
            {item.name}
          </div>
        </div>
        <TypeBadge type={item.type} />
      </div>
      {item.description && <p class="creview__description">{item.description}</p>}
      <dl class="cfacts cfacts--compact">
        <div class="cfacts__row">
          <dt>{t("official.console.field.type")}</dt>
          <dd>{t(QUOTA_KEYS[item.type])}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("official.console.review.submitted")}</dt>
          <dd>{formatDateTime(item.created_at)}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("official.console.field.documents")}</dt>
          <dd data-testid="oc-review-documents">
            {tCount("official.console.review.documents", item.document_ids.length)} <Documents accountId={item.id} />
          </dd>
        </div>
      </dl>
      <div class="cversion__actions">
        <Button variant="default" size="small" disabled={busy} testid="oc-review-reject" onClick={onReject}>
          {t("official.console.review.reject")}
        </Button>
        <Button size="small" disabled={busy} testid="oc-review-approve" onClick={onApprove}>
          {t("official.console.review.approve")}
        </Button>
      </div>
    </div>
  );
}

export function ReviewPage() {
  const queue = useLoad(pendingApplications, []);
  const [approving, setApproving] = useState<Application | null>(null);
  const [rejecting, setRejecting] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(item: Application, reason: string | null) {
    setBusy(true);
    setError(null);
    try {
      if (reason === null) await approve(item.id);
      else await reject(item.id, reason);
      showToast(reason === null ? t("official.console.review.approved") : t("official.console.review.rejected"));
      queue.set((queue.data ?? []).filter((other) => other !== item));
    } catch (caught) {
      setError(errorMessage(caught));
      queue.reload();
    } finally {
      setApproving(null);
      setRejecting(null);
      setBusy(false);
    }
  }

  const list = queue.data;
  let body;
  if (list === null && queue.error instanceof ApiError && queue.error.status === 403) {
    body = <ErrorState icon={<ReviewIcon size={40} />} title={t("official.console.review.admins_only")} message={t("official.console.review.admins_only_body")} />;
  } else if (list === null && queue.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(queue.error)} onRetry={queue.reload} />;
  } else if (list === null) body = <LoadingState />;
  else {
    body = (
      <>
        <p class="cintro">{t("official.console.review.intro")}</p>
        <FieldError message={error} />
        {list.length === 0 ? (
          <Panel>
            <p class="cempty__text cempty__text--pad" data-testid="oc-review-empty">
              {t("official.console.review.empty")}
            </p>
          </Panel>
        ) : (
          <div class="creviews" data-testid="oc-review-list">
            {list.map((item) => (
              <ApplicationCard key={item.id} item={item} busy={busy} onApprove={() => setApproving(item)} onReject={() => setRejecting(item)} />
            ))}
          </div>
        )}
      </>
    );
  }
  return (
    <Frame title={t("official.console.nav.review")} backTo={CONSOLE} place="review" testid="oc-review-page">
      {body}
      {approving && (
        <Dialog
          title={t("official.console.review.approve_title", { name: approving.name })}
          confirmLabel={t("official.console.review.approve")}
          busy={busy}
          onConfirm={() => void decide(approving, null)}
          onCancel={() => setApproving(null)}
        >
          {t("official.console.review.approve_body")}
        </Dialog>
      )}
      {rejecting && (
        <PromptDialog
          title={t("official.console.review.reject_title", { name: rejecting.name })}
          placeholder={t("official.console.review.reason")}
          maxLength={REASON_MAX}
          allowEmpty={false}
          confirmLabel={t("official.console.review.reject")}
          busy={busy}
          testid="oc-review-reason"
          onConfirm={(reason) => void decide(rejecting, reason)}
          onCancel={() => setRejecting(null)}
        />
      )}
    </Frame>
  );
}
