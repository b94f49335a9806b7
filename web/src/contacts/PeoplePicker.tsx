// A full-screen list to pick people from (friends for a group or a card, members to
// mention, remove or hand over to): a filter, and checkboxes or a single tap.

import { useState } from "preact/hooks";
import type { Profile } from "../api/types";
import { t } from "../i18n/t";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { CheckIcon, SearchIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Page } from "../ui/Page";
import { FieldError } from "../ui/FieldError";
import { nameOf } from "./store";

export interface PeoplePickerProps {
  title: string;
  people: Profile[];
  /** Tap one to pick it, instead of ticking several and confirming. */
  single?: boolean;
  /** At most this many may be ticked. */
  max?: number;
  /** Shown ticked and greyed (already members). */
  fixed?: ReadonlySet<string>;
  /** An extra first row, such as "@All members". */
  extra?: { label: string; onSelect: () => void } | undefined;
  confirmLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: (ids: string[]) => void;
  onCancel: () => void;
}

function shown(profile: Profile): string {
  return nameOf(profile.id) || profile.display_name;
}

export function PeoplePicker({
  title,
  people,
  single = false,
  max,
  fixed,
  extra,
  confirmLabel,
  busy = false,
  error = null,
  onConfirm,
  onCancel,
}: PeoplePickerProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const visible = people.filter(
    (person) =>
      needle === "" || shown(person).toLowerCase().includes(needle) || person.plaza_id.toLowerCase().includes(needle),
  );

  function toggle(id: string) {
    if (single) {
      onConfirm([id]);
      return;
    }
    if (chosen.includes(id)) setChosen(chosen.filter((c) => c !== id));
    else if (max === undefined || chosen.length < max) setChosen([...chosen, id]);
  }

  return (
    <Overlay>
      <div class="picker" data-testid="people-picker">
        <Page
          title={title}
          light
          onBack={onCancel}
          right={
            single ? undefined : (
              <Button size="small" busy={busy} disabled={chosen.length === 0} testid="picker-done" onClick={() => onConfirm(chosen)}>
                {confirmLabel ?? t("common.done")}
                {chosen.length > 0 && ` (${chosen.length})`}
              </Button>
            )
          }
        >
          <label class="search-field">
            <SearchIcon size={18} />
            <input
              type="search"
              value={filter}
              placeholder={t("common.search")}
              aria-label={t("common.search")}
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
          </label>
          <FieldError message={error} />
          <div class="cells">
            {extra && needle === "" && (
              <button type="button" class="person-row" onClick={extra.onSelect}>
                <span class="person-row__name">{extra.label}</span>
              </button>
            )}
            {visible.map((person) => {
              const isFixed = fixed?.has(person.id) ?? false;
              const ticked = isFixed || chosen.includes(person.id);
              return (
                <button
                  key={person.id}
                  type="button"
                  class="person-row"
                  disabled={isFixed}
                  data-testid="picker-item"
                  data-account-id={person.id}
                  onClick={() => toggle(person.id)}
                >
                  {!single && (
                    <span class={ticked ? "tick tick--on" : "tick"} aria-hidden="true">
                      {ticked && <CheckIcon size={14} />}
                    </span>
                  )}
                  <Avatar name={shown(person)} seed={person.id} avatar={person.avatar} size={40} />
                  <span class="person-row__name">{shown(person)}</span>
                </button>
              );
            })}
          </div>
          {visible.length === 0 && <p class="picker__empty">{t("contacts.picker_empty")}</p>}
        </Page>
      </div>
    </Overlay>
  );
}
