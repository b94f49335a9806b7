// Message text with @mentions highlighted and web addresses as links.

import type { JSX } from "preact";

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withLinks(text: string, keyPrefix: string): (string | JSX.Element)[] {
  return text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={`${keyPrefix}-${index}`} href={part} target="_blank" rel="noopener noreferrer">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/** `mentions` are the names (without "@") to highlight where "@name" appears. */
export function MessageText({ text, mentions }: { text: string; mentions: string[] }) {
  const names = mentions.filter((name) => name !== "").sort((a, b) => b.length - a.length);
  if (names.length === 0) return <span data-testid="message-text">{withLinks(text, "t")}</span>;
  const pattern = new RegExp(`(@(?:${names.map(escapeRegExp).join("|")}))`, "g");
  const parts = text.split(pattern);
  return (
    <span data-testid="message-text">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <span key={index} class="mention">
            {part}
          </span>
        ) : (
          withLinks(part, `p${index}`)
        ),
      )}
    </span>
  );
}
