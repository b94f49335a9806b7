import { en, type MessageKey } from "./en";
import { lang, type Lang } from "./store";
import { zhCN } from "./zh-CN";

export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

export type Params = Record<string, string | number>;

function interpolate(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The message for `key` in the current language. Reading it subscribes a component to language changes. */
export function t(key: MessageKey, params?: Params): string {
  return interpolate(catalogues[lang.value][key], params);
}

/** Keys with plural forms: "{key}.one", "{key}.other" (every catalogue has both). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/** The form of `key` for `count` in the current language ("1 friend", "2 friends"), `{count}` filled in. */
export function tCount(key: PluralKey, count: number, params?: Params): string {
  const form = new Intl.PluralRules(lang.value).select(count);
  const wanted = `${key}.${form}`;
  return t(hasMessage(wanted) ? wanted : `${key}.other`, { ...params, count });
}

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
