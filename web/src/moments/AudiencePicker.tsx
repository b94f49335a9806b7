// "Who can see": public to friends, private, share with (tags / people), don't share
// (tags / people), as WeChat's composer offers; people come from my friends list.

import { useEffect, useState } from "preact/hooks";
import type { TagCount } from "../api/types";
import { listTags } from "../contacts/api";
import { PeoplePicker } from "../contacts/PeoplePicker";
import { friends, loadFriends, nameOf } from "../contacts/store";
import { t } from "../i18n/t";
import { Button } from "../ui/Button";
import { CheckIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Page } from "../ui/Page";
import type { Audience, AudienceKind } from "./types";

const KINDS: AudienceKind[] = ["friends", "private", "include", "exclude"];

export const EVERYONE: Audience = { kind: "friends", tags: [], people: [] };

/** "Public", "Private", "Share with: Family, Ada" … */
export function audienceSummary(audience: Audience): string {
  const label = t(`moments.audience.${audience.kind}`);
  const names = [...audience.tags, ...audience.people.map((id) => nameOf(id))];
  return names.length > 0 ? `${label}: ${names.join(", ")}` : label;
}

function Tick({ on }: { on: boolean }) {
  return (
    <span class={on ? "tick tick--on" : "tick"} aria-hidden="true">
      {on && <CheckIcon size={14} />}
    </span>
  );
}

export function AudiencePicker({ initial, onDone, onCancel }: { initial: Audience; onDone: (audience: Audience) => void; onCancel: () => void }) {
  const [audience, setAudience] = useState(initial);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [choosingPeople, setChoosingPeople] = useState(false);
  const chooses = audience.kind === "include" || audience.kind === "exclude";
  const incomplete = chooses && audience.tags.length === 0 && audience.people.length === 0;

  useEffect(() => {
    listTags().then(setTags, () => undefined);
    if (friends.value === null) void loadFriends().catch(() => undefined);
  }, []);

  function toggleTag(name: string) {
    const next = audience.tags.includes(name) ? audience.tags.filter((tag) => tag !== name) : [...audience.tags, name];
    setAudience({ ...audience, tags: next });
  }

  return (
    <Overlay>
      <div class="picker" data-testid="audience-picker">
        <Page
          title={t("moments.audience.title")}
          light
          onBack={onCancel}
          right={
            <Button size="small" disabled={incomplete} testid="audience-done" onClick={() => onDone(audience)}>
              {t("common.done")}
            </Button>
          }
        >
          <div class="cells audience-options">
            {KINDS.map((kind) => (
              <div key={kind}>
                <button
                  type="button"
                  class="audience-option"
                  role="radio"
                  aria-checked={audience.kind === kind}
                  data-testid={`audience-${kind}`}
                  onClick={() => setAudience(kind === audience.kind ? audience : { kind, tags: [], people: [] })}
                >
                  <span class="audience-option__text">
                    <span class="audience-option__title">{t(`moments.audience.${kind}`)}</span>
                    <span class="audience-option__hint">{t(`moments.audience.${kind}_hint`)}</span>
                  </span>
                  {audience.kind === kind && <CheckIcon size={20} class="audience-option__check" />}
                </button>
                {audience.kind === kind && chooses && (
                  <div class="audience-choices">
                    {tags.map((tag) => (
                      <button
                        key={tag.name}
                        type="button"
                        class="audience-choice"
                        data-testid="audience-tag"
                        onClick={() => toggleTag(tag.name)}
                      >
                        <Tick on={audience.tags.includes(tag.name)} />
                        <span>{`${tag.name} (${tag.count})`}</span>
                      </button>
                    ))}
                    <button type="button" class="audience-choice audience-choice--link" data-testid="audience-people" onClick={() => setChoosingPeople(true)}>
                      {t("moments.audience.choose_people")}
                    </button>
                    {audience.people.length > 0 && (
                      <p class="audience-people" data-testid="audience-people-chosen">
                        {audience.people.map((id) => nameOf(id)).join(", ")}
                      </p>
                    )}
                  </div>
                )}
              </div>
            ))}
          </div>
        </Page>
        {choosingPeople && (
          <PeoplePicker
            title={t("moments.audience.choose_people")}
            people={(friends.value ?? []).map((friend) => friend.account)}
            onCancel={() => setChoosingPeople(false)}
            onConfirm={(ids) => {
              setAudience({ ...audience, people: [...new Set([...audience.people, ...ids])] });
              setChoosingPeople(false);
            }}
          />
        )}
      </div>
    </Overlay>
  );
}
