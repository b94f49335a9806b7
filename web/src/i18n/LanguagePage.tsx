// Language choice: English or 简体中文, applied at once and remembered.

import { back } from "../shell/router";
import { Cell, CellGroup } from "../ui/Cell";
import { CheckIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { lang, setLang, type Lang } from "./store";
import { t } from "./t";

const OPTIONS: { lang: Lang; label: "language.en" | "language.zh"; testid: string }[] = [
  { lang: "en", label: "language.en", testid: "language-en" },
  { lang: "zh-CN", label: "language.zh", testid: "language-zh" },
];

export function LanguagePage() {
  return (
    <Page title={t("language.title")} onBack={() => back("/me")} testid="language-page">
      <CellGroup>
        {OPTIONS.map((option) => {
          const selected = lang.value === option.lang;
          return (
            <Cell
              key={option.lang}
              title={<span lang={option.lang}>{t(option.label)}</span>}
              testid={option.testid}
              onClick={() => setLang(option.lang)}
            >
              <span class="cell__check" aria-hidden={!selected} data-selected={selected ? "true" : "false"}>
                {selected && <CheckIcon size={22} />}
              </span>
            </Cell>
          );
        })}
      </CellGroup>
    </Page>
  );
}
