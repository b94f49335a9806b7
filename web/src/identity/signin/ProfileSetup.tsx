// Step 3 of signing up: a display name and, optionally, a Plaza ID of one's own.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Me, MePatch } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDate } from "../../i18n/format";
import { t } from "../../i18n/t";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { NavBar } from "../../ui/NavBar";
import { checkDisplayName, checkPlazaId, DISPLAY_NAME_MAX, plazaIdLockedUntil } from "../profileRules";
import { updateMe } from "../store";

interface Errors {
  display_name?: string;
  plaza_id?: string;
  form?: string;
}

export function ProfileSetup({ me }: { me: Me }) {
  const [name, setName] = useState(me.display_name);
  const [plazaId, setPlazaId] = useState(me.plaza_id);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const lockedUntil = plazaIdLockedUntil(me);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    const nameProblem = checkDisplayName(name);
    const idProblem = plazaId === me.plaza_id ? null : checkPlazaId(plazaId);
    if (nameProblem || idProblem) {
      setErrors({
        ...(nameProblem ? { display_name: t(nameProblem.key, { max: nameProblem.max ?? 0 }) } : {}),
        ...(idProblem ? { plaza_id: t(idProblem) } : {}),
      });
      return;
    }
    const patch: MePatch = { display_name: name.trim() };
    if (plazaId !== me.plaza_id) patch.plaza_id = plazaId;
    setBusy(true);
    setErrors({});
    try {
      await updateMe(patch);
      // The shell shows the tabs once the profile is complete.
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field : null;
      const message = errorMessage(caught);
      if (field === "display_name" || field === "plaza_id") setErrors({ [field]: message });
      else setErrors({ form: message });
      setBusy(false);
    }
  }

  return (
    <section class="page page--light signin" data-testid="profile-setup">
      <NavBar light />
      <div class="page__body">
        <div class="signin__head">
          <Avatar name={name} seed={me.id} avatar={me.avatar} size={72} large />
          <h1 class="signin__title">{t("setup.title")}</h1>
          <p class="signin__subtitle">{t("setup.subtitle")}</p>
        </div>
        <form class="signin__form" onSubmit={submit} noValidate>
          <div class="form-cells">
            <label class={errors.display_name ? "form-row form-row--invalid" : "form-row"}>
              <span class="form-row__label">{t("profile.name")}</span>
              <input
                ref={nameInput}
                class="form-row__input"
                type="text"
                autoComplete="nickname"
                enterKeyHint="next"
                maxLength={DISPLAY_NAME_MAX * 2}
                placeholder={t("profile.name_placeholder")}
                value={name}
                disabled={busy}
                aria-invalid={errors.display_name !== undefined}
                data-testid="profile-name"
                onInput={(event) => {
                  setName(event.currentTarget.value);
                  setErrors(({ display_name: _, ...rest }) => rest);
                }}
              />
            </label>
          </div>
          <FieldError message={errors.display_name} />
          <div class="form-cells form-cells--spaced">
            <label class={errors.plaza_id ? "form-row form-row--invalid" : "form-row"}>
              <span class="form-row__label">{t("profile.plaza_id")}</span>
              <input
                class="form-row__input"
                type="text"
                autoComplete="username"
                autoCapitalize="off"
                spellcheck={false}
                maxLength={20}
                value={plazaId}
                disabled={busy || lockedUntil !== null}
                aria-invalid={errors.plaza_id !== undefined}
                data-testid="profile-plaza-id"
                onInput={(event) => {
                  setPlazaId(event.currentTarget.value.trim());
                  setErrors(({ plaza_id: _, ...rest }) => rest);
                }}
              />
            </label>
          </div>
          {errors.plaza_id ? (
            <FieldError message={errors.plaza_id} />
          ) : (
            <p class="form-hint">
              {lockedUntil
                ? t("profile.plaza_id_next_change", { date: formatDate(lockedUntil) })
                : t("profile.plaza_id_hint")}
            </p>
          )}
          <FieldError message={errors.form} />
          <div class="signin__actions">
            <Button type="submit" busy={busy} disabled={name.trim() === ""} testid="profile-save">
              {busy ? t("common.saving") : t("setup.continue")}
            </Button>
          </div>
        </form>
      </div>
    </section>
  );
}
