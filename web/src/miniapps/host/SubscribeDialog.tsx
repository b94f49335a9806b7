// The host's sheet for plaza.requestSubscribeMessage: the templates the mini-program asks to
// send, each with a switch; Allow grants one message per switched-on template.

import { useState } from "preact/hooks";
import type { DirectoryEntry } from "../api";
import { t } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { Overlay } from "../../ui/Overlay";
import { Switch } from "../../ui/Switch";
import { useEscape } from "../../ui/useEscape";
import type { SubscribeTemplate } from "./api";
import { AppIcon } from "./AppIcon";

export function SubscribeDialog({
  entry,
  templates,
  onAnswer,
}: {
  entry: DirectoryEntry;
  templates: SubscribeTemplate[];
  /** The accepted template ids, or null when dismissed. */
  onAnswer: (accepted: string[] | null) => void;
}) {
  const [on, setOn] = useState<string[]>(templates.map((template) => template.template_id));
  useEscape(() => onAnswer(null));
  return (
    <Overlay>
      <div class="overlay overlay--bottom" onClick={() => onAnswer(null)}>
        <div
          class="mp-sheet"
          role="dialog"
          aria-modal="true"
          data-testid="subscribe-dialog"
          onClick={(event) => event.stopPropagation()}
        >
          <div class="mp-sheet__app">
            <AppIcon src={entry.icon_url} name={entry.name} size={24} />
            <span class="mp-sheet__app-name">{entry.name}</span>
          </div>
          <h2 class="mp-sheet__title">{t("mphost.subscribe_title")}</h2>
          <div class="mp-sheet__list">
            {templates.map((template) => (
              <div class="mp-sheet__row" key={template.template_id} data-testid="subscribe-template">
                <span class="mp-sheet__row-text">{template.title}</span>
                <Switch
                  checked={on.includes(template.template_id)}
                  label={template.title}
                  testid="subscribe-switch"
                  onChange={(checked) =>
                    setOn(checked ? [...on, template.template_id] : on.filter((id) => id !== template.template_id))
                  }
                />
              </div>
            ))}
          </div>
          <p class="mp-sheet__text">{t("mphost.subscribe_hint")}</p>
          <div class="mp-sheet__actions">
            <Button variant="default" testid="subscribe-reject" onClick={() => onAnswer([])}>
              {t("mphost.deny")}
            </Button>
            <Button testid="subscribe-accept" onClick={() => onAnswer(on)}>
              {t("mphost.allow")}
            </Button>
          </div>
        </div>
      </div>
    </Overlay>
  );
}
