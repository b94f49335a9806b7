// Edits one text field of the profile (name, Plaza ID, bio, region) with PATCH /v1/me.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Me, MePatch } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDate } from "../../i18n/format";
import { t, type MessageKey } from "../../i18n/t";
import { back } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { Page } from "../../ui/Page";
import {
  BIO_MAX,
  charCount,
  checkDisplayName,
  checkPlazaId,
  DISPLAY_NAME_MAX,
  plazaIdLockedUntil,
  REGION_MAX,
} from "../profileRules";
import { updateMe } from "../store";

export type EditableField = "display_name" | "plaza_id" | "bio" | "region";

interface FieldSpec {
  title: MessageKey;
  placeholder?: MessageKey;
  max: number;
  multiline: boolean;
  /** Returns an error message, or null when the value may be sent. */
  check: (value: string) => string | null;
  /** What goes to the server: names are trimmed, IDs lose spaces. */
  clean: (value: string) => string;
}

const FIELDS: Record<EditableField, FieldSpec> = {
  display_name: {
    title: "profile.edit_name",
    placeholder: "profile.name_placeholder",
    max: DISPLAY_NAME_MAX,
    multiline: false,
    check: (value) => {
      const problem = checkDisplayName(value);
      return problem ? t(problem.key, { max: problem.max ?? 0 }) : null;
    },
    clean: (value) => value.trim(),
  },
  plaza_id: {
    title: "profile.edit_plaza_id",
    max: 20,
    multiline: false,
    check: (value) => {
      const problem = checkPlazaId(value);
      return problem ? t(problem) : null;
    },
    clean: (value) => value.trim(),
  },
  bio: {
    title: "profile.edit_bio",
    placeholder: "profile.bio_placeholder",
    max: BIO_MAX,
    multiline: true,
    check: () => null,
    clean: (value) => value.trim(),
  },
  region: {
    title: "profile.edit_region",
    placeholder: "profile.region_placeholder",
    max: REGION_MAX,
    multiline: false,
    check: () => null,
    clean: (value) => value.trim(),
  },
};

export function EditFieldPage({ me, field }: { me: Me; field: EditableField }) {
  const spec = FIELDS[field];
  const original = me[field];
  const [value, setValue] = useState(original);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const lockedUntil = field === "plaza_id" ? plazaIdLockedUntil(me) : null;
  const cleaned = spec.clean(value);
  const unchanged = cleaned === original;
  const left = spec.max - charCount(value);

  useEffect(() => {
    if (lockedUntil === null) input.current?.focus();
  }, []);

  async function save() {
    if (unchanged) {
      back("/me/profile");
      return;
    }
    const problem = spec.check(cleaned);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const patch: MePatch = { [field]: cleaned };
      await updateMe(patch);
      showToast(t("common.saved"));
      back("/me/profile");
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  let hint: ComponentChildren = null;
  if (field === "plaza_id") {
    hint = lockedUntil
      ? t("profile.plaza_id_next_change", { date: formatDate(lockedUntil) })
      : t("profile.plaza_id_hint");
  }

  const common = {
    ref: input,
    value,
    disabled: busy || lockedUntil !== null,
    placeholder: spec.placeholder ? t(spec.placeholder) : undefined,
    maxLength: spec.max * 2,
    "aria-invalid": error !== null,
    "aria-label": t(spec.title),
    "data-testid": "edit-field",
    onInput: (event: Event) => {
      const target = event.currentTarget as HTMLInputElement | HTMLTextAreaElement;
      setValue(field === "plaza_id" ? target.value.replace(/\s/g, "") : target.value);
      setError(null);
    },
  };

  return (
    <Page
      title={t(spec.title)}
      onBack={() => back("/me/profile")}
      right={
        <Button
          size="small"
          busy={busy}
          disabled={unchanged || left < 0 || lockedUntil !== null}
          testid="edit-save"
          onClick={() => void save()}
        >
          {t("common.save")}
        </Button>
      }
      testid={`edit-${field}`}
    >
      <form
        class="edit-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void save();
        }}
      >
        <div class={spec.multiline ? "edit-box edit-box--multiline" : "edit-box"}>
          {spec.multiline ? (
            <textarea class="edit-box__input" rows={3} {...common} />
          ) : (
            <input
              class="edit-box__input"
              type="text"
              autoCapitalize={field === "plaza_id" ? "off" : "sentences"}
              spellcheck={field !== "plaza_id"}
              enterKeyHint="done"
              {...common}
            />
          )}
          {spec.multiline && (
            <span class={left < 0 ? "edit-box__count edit-box__count--over" : "edit-box__count"}>
              {t("common.chars_left", { count: left })}
            </span>
          )}
        </div>
        <div class="edit-form__notes">
          <FieldError message={error} />
          {hint && !error && <p class="form-hint">{hint}</p>}
        </div>
      </form>
    </Page>
  );
}
