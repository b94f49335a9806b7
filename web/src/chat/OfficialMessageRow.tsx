// A message from an official account (kind "official", no sender): on the left under the
// account's picture (a tap opens its profile), either its words (an auto-reply, a reply from
// its console) or a broadcast's articles as one card.

import type { Message } from "../api/types";
import { articlesOf, type OfficialMessage } from "../official/content";
import { BroadcastArticles } from "../official/ArticleCards";
import { AccountAvatar } from "../official/OfficialChatAvatar";
import { accountPath } from "../official/paths";
import { navigate } from "../shell/router";
import { MessageText } from "./MessageText";

export function OfficialMessageRow({ message, content }: { message: Message; content: OfficialMessage }) {
  const articles = articlesOf(content);
  return (
    <div class="msg msg--theirs" data-testid="message-official" data-message-id={message.id} data-seq={message.seq} data-kind={message.kind}>
      <button type="button" class="msg__avatar" aria-label={content.account_name} onClick={() => navigate(accountPath(content.account_id))}>
        <AccountAvatar accountId={content.account_id} name={content.account_name} size={40} />
      </button>
      <div class="msg__body">
        <div class="msg__content">
          {articles.length > 0 ? (
            <BroadcastArticles articles={articles} />
          ) : (
            <span class="bubble bubble--text">
              <MessageText text={content.text ?? ""} mentions={[]} />
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
