// /official-console/accounts/{id}/menu: the custom menu under the account's chat: up to 3
// items with up to 5 sub-items each; an item opens a link, opens a mini-program page or sends
// a keyword. Mistakes are shown on the field before saving; the server's refusal below.

import { useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t, type MessageKey } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { PlusIcon } from "../../ui/icons";
import { Panel } from "../../miniapps/console/parts";
import { KEYWORD_MAX, MENU_ITEMS, MENU_NAME_MAX, MENU_SUB_ITEMS, saveMenu, type Application, type MenuItem, type MenuKind, type MenuSubItem } from "./api";
import { accountPath, Frame } from "./Console";
import { WithAccount } from "./parts";
import { rememberAccount } from "./store";

const KINDS: MenuKind[] = ["keyword", "link", "miniapp", "submenu"];
const KIND_KEYS: Record<MenuKind, MessageKey> = {
  keyword: "official.console.menu.kind.keyword",
  link: "official.console.menu.kind.link",
  miniapp: "official.console.menu.kind.miniapp",
  submenu: "official.console.menu.kind.submenu",
};

type Problems = Partial<Record<"name" | "url" | "app_id" | "path" | "keyword" | "sub_items", MessageKey>>;

/** What is wrong with one entry, by field, as the server would refuse it. */
function problemsOf(item: MenuItem): Problems {
  const problems: Problems = {};
  if (item.name.trim() === "") problems.name = "official.console.menu.error.name";
  if (item.kind === "link" && !/^https:\/\/[^\s/]+/.test(item.url ?? "")) problems.url = "official.console.menu.error.url";
  if (item.kind === "miniapp" && (item.app_id ?? "").trim() === "") problems.app_id = "official.console.menu.error.app_id";
  const path = (item.path ?? "").trim();
  if (item.kind === "miniapp" && path !== "" && !path.startsWith("/")) problems.path = "official.console.menu.error.path";
  if (item.kind === "keyword" && (item.keyword ?? "").trim() === "") problems.keyword = "official.console.menu.error.keyword";
  if (item.kind === "submenu" && (item.sub_items ?? []).length === 0) problems.sub_items = "official.console.menu.error.sub_items";
  return problems;
}

function hasProblems(items: MenuItem[]): boolean {
  return items.some((item) => Object.keys(problemsOf(item)).length > 0 || (item.sub_items ?? []).some((sub) => Object.keys(problemsOf(sub)).length > 0));
}

/** Only the fields the entry's kind uses, trimmed, as the server wants them. */
function cleaned(item: MenuItem): MenuItem {
  const base = { name: item.name.trim(), kind: item.kind };
  switch (item.kind) {
    case "link":
      return { ...base, url: (item.url ?? "").trim() };
    case "miniapp":
      return { ...base, app_id: (item.app_id ?? "").trim(), path: (item.path ?? "").trim() || null };
    case "keyword":
      return { ...base, keyword: (item.keyword ?? "").trim() };
    case "submenu":
      return { ...base, sub_items: (item.sub_items ?? []).map((sub) => cleaned(sub) as MenuSubItem) };
  }
}

function Field({
  label,
  value,
  problem,
  shown,
  testid,
  placeholder,
  maxLength,
  onInput,
}: {
  label: string;
  value: string;
  problem: MessageKey | undefined;
  shown: boolean;
  testid: string;
  placeholder?: string;
  maxLength?: number;
  onInput: (value: string) => void;
}) {
  const bad = shown && problem !== undefined;
  return (
    <label class="omenu__field">
      <span class="omenu__label">{label}</span>
      <input
        class={bad ? "cinput cinput--error" : "cinput"}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={bad}
        data-testid={testid}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {bad && <FieldError message={t(problem)} />}
    </label>
  );
}

function EntryEditor({
  item,
  top,
  shown,
  testid,
  onChange,
  onRemove,
}: {
  item: MenuItem;
  top: boolean;
  shown: boolean;
  testid: string;
  onChange: (item: MenuItem) => void;
  onRemove: () => void;
}) {
  const problems = problemsOf(item);
  const subs = item.sub_items ?? [];
  return (
    <div class={top ? "omenu__item" : "omenu__item omenu__item--sub"} data-testid={testid}>
      <div class="omenu__row">
        <Field
          label={t("official.console.menu.name")}
          value={item.name}
          problem={problems.name}
          shown={shown}
          maxLength={MENU_NAME_MAX}
          testid={`${testid}-name`}
          onInput={(name) => onChange({ ...item, name })}
        />
        <label class="omenu__field omenu__field--kind">
          <span class="omenu__label">{t("official.console.menu.kind")}</span>
          <select
            class="cinput cselect"
            value={item.kind}
            data-testid={`${testid}-kind`}
            onChange={(event) => onChange({ ...item, kind: event.currentTarget.value as MenuKind })}
          >
            {KINDS.filter((kind) => top || kind !== "submenu").map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_KEYS[kind])}
              </option>
            ))}
          </select>
        </label>
        <Button variant="plain" size="small" testid={`${testid}-remove`} onClick={onRemove}>
          {t("official.console.remove")}
        </Button>
      </div>
      {item.kind === "link" && (
        <Field
          label={t("official.console.menu.url")}
          value={item.url ?? ""}
          problem={problems.url}
          shown={shown}
          placeholder="https://"
          testid={`${testid}-url`}
          onInput={(url) => onChange({ ...item, url })}
        />
      )}
      {item.kind === "miniapp" && (
        <div class="omenu__row">
          <Field
            label={t("official.console.menu.app_id")}
            value={item.app_id ?? ""}
            problem={problems.app_id}
            shown={shown}
            placeholder="px0123456789abcdef"
            testid={`${testid}-app`}
            onInput={(app_id) => onChange({ ...item, app_id })}
          />
          <Field
            label={t("official.console.menu.path")}
            value={item.path ?? ""}
            problem={problems.path}
            shown={shown}
            placeholder="/pages/index/index"
            testid={`${testid}-path`}
            onInput={(path) => onChange({ ...item, path })}
          />
        </div>
      )}
      {item.kind === "keyword" && (
        <Field
          label={t("official.console.menu.keyword")}
          value={item.keyword ?? ""}
          problem={problems.keyword}
          shown={shown}
          maxLength={KEYWORD_MAX}
          testid={`${testid}-keyword`}
          onInput={(keyword) => onChange({ ...item, keyword })}
        />
      )}
      {item.kind === "submenu" && (
        <div class="omenu__subs">
          {subs.map((sub, index) => (
            <EntryEditor
              key={index}
              item={sub}
              top={false}
              shown={shown}
              testid={`${testid}-sub-${index}`}
              onChange={(next) => onChange({ ...item, sub_items: subs.map((other, at) => (at === index ? (next as MenuSubItem) : other)) })}
              onRemove={() => onChange({ ...item, sub_items: subs.filter((_, at) => at !== index) })}
            />
          ))}
          {shown && problems.sub_items && <FieldError message={t(problems.sub_items)} />}
          <button
            type="button"
            class="omenu__add"
            disabled={subs.length >= MENU_SUB_ITEMS}
            data-testid={`${testid}-add-sub`}
            onClick={() => onChange({ ...item, sub_items: [...subs, { name: "", kind: "keyword", keyword: "" }] })}
          >
            <PlusIcon size={16} />
            {t("official.console.menu.add_sub", { count: subs.length, max: MENU_SUB_ITEMS })}
          </button>
        </div>
      )}
    </div>
  );
}

/** The bar followers see under the chat, to check the editing against. */
function MenuPreview({ items }: { items: MenuItem[] }) {
  return (
    <div class="omenu-preview" aria-hidden="true">
      {items.length === 0 ? (
        <span class="cmuted">{t("official.console.menu.preview_empty")}</span>
      ) : (
        items.map((item, index) => (
          <span key={index} class="omenu-preview__item">
            {item.kind === "submenu" && <span class="omenu-preview__lines">≡ </span>}
            {item.name || "…"}
          </span>
        ))
      )}
    </div>
  );
}

function MenuEditor({ account }: { account: Application }) {
  const [items, setItems] = useState<MenuItem[]>(account.menu);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    setShown(true);
    setError(null);
    if (hasProblems(items)) return;
    setBusy(true);
    try {
      const saved = await saveMenu(account.id, items.map(cleaned));
      rememberAccount({ ...account, menu: saved.menu });
      showToast(t("official.console.menu.saved"));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Panel title={t("official.console.menu.items", { count: items.length, max: MENU_ITEMS })} testid="oc-menu">
        <div class="omenu">
          {items.map((item, index) => (
            <EntryEditor
              key={index}
              item={item}
              top
              shown={shown}
              testid={`oc-menu-${index}`}
              onChange={(next) => {
                setItems(items.map((other, at) => (at === index ? next : other)));
                setError(null);
              }}
              onRemove={() => setItems(items.filter((_, at) => at !== index))}
            />
          ))}
          <button
            type="button"
            class="omenu__add"
            disabled={items.length >= MENU_ITEMS}
            data-testid="oc-menu-add"
            onClick={() => setItems([...items, { name: "", kind: "keyword", keyword: "" }])}
          >
            <PlusIcon size={16} />
            {t("official.console.menu.add")}
          </button>
        </div>
      </Panel>
      <Panel title={t("official.console.menu.preview")}>
        <MenuPreview items={items} />
      </Panel>
      <FieldError message={error === null ? null : errorMessage(error)} id="oc-menu-error" />
      <div class="cform__actions">
        <Button busy={busy} testid="oc-menu-save" onClick={() => void save()}>
          {t("official.console.save")}
        </Button>
      </div>
    </>
  );
}

export function MenuPage({ accountId }: { accountId: string }) {
  return (
    <Frame title={t("official.console.nav.menu")} backTo={accountPath(accountId)} place={{ accountId, section: "menu" }} testid="oc-menu-page">
      <p class="cintro">{t("official.console.menu.intro")}</p>
      <WithAccount accountId={accountId}>{(account) => <MenuEditor account={account} />}</WithAccount>
    </Frame>
  );
}
