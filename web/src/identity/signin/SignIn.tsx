// The sign-in screen: phone number, then the code. Profile setup follows in the shell
// when the new account's profile is not complete.

import { useState } from "preact/hooks";
import type { CodeSent } from "../../api/types";
import { t } from "../../i18n/t";
import { NavBar } from "../../ui/NavBar";
import { PlazaLogo } from "../../ui/icons";
import { defaultDial } from "../phone";
import { signInNotice } from "../store";
import { CodeStep } from "./CodeStep";
import { DevOutboxHint } from "./DevOutboxHint";
import { PhoneStep, type PhoneEntry } from "./PhoneStep";

type Step = { step: "phone" } | { step: "code"; sent: CodeSent };

export function SignIn() {
  const [entry, setEntry] = useState<PhoneEntry>(() => ({ dial: defaultDial(), national: "" }));
  const [step, setStep] = useState<Step>({ step: "phone" });
  const changeNumber = () => setStep({ step: "phone" });

  return (
    <section class="page page--light signin" data-testid={`signin-${step.step}`}>
      <NavBar light onBack={step.step === "code" ? changeNumber : undefined} />
      <div class="page__body">
        <div class="signin__head">
          <PlazaLogo size={56} />
          <h1 class="signin__title">{step.step === "phone" ? t("signin.title") : t("code.title")}</h1>
          {step.step === "phone" && <p class="signin__subtitle">{t("signin.subtitle")}</p>}
        </div>
        {step.step === "phone" && signInNotice.value === "deleted" && (
          <p class="notice" role="status">
            {t("signin.deleted")}
          </p>
        )}
        {step.step === "phone" ? (
          <PhoneStep
            initial={entry}
            onSent={(next, sent) => {
              setEntry(next);
              setStep({ step: "code", sent });
            }}
          />
        ) : (
          <CodeStep
            entry={entry}
            sent={step.sent}
            onResent={(sent) => setStep({ step: "code", sent })}
            onChangeNumber={changeNumber}
          />
        )}
        <DevOutboxHint />
      </div>
    </section>
  );
}
