// What both pages share: the shop's server, sign-in, words in English and Chinese, prices
// and the pictures. Everything the shop knows lives on its server; this page only shows it.
import plaza from "/__plaza__/plaza.js";

/** The shop's server: the one domain the manifest declares, so the page's CSP allows it. */
export const SERVER = "http://127.0.0.1:8010";

const WORDS = {
  en: {
    eyebrow: "Freshly roasted · Since this morning",
    tagline: "Order ahead, pay with Plaza, and we will tell you when it is ready.",
    menu: "Menu",
    viewCart: "View order",
    yourOrder: "Your order",
    total: "Total",
    notifyHint: "We will send a note to your Service Notifications when it is ready.",
    keepBrowsing: "Keep browsing",
    pay: "Pay {amount}",
    paying: "Paying…",
    add: "Add",
    remove: "Remove one",
    cancelled: "Payment cancelled. Your order is kept: pay when you are ready.",
    failed: "Something went wrong: {message}",
    outside: "Open this mini-program inside Plaza to order.",
    signingIn: "Signing you in…",
    loading: "Loading your order…",
    stepOrdered: "Ordered",
    stepPaid: "Paid · being made",
    stepReady: "Ready to pick up",
    headlineUnpaid: "Waiting for payment",
    headlinePaid: "Your coffee is being made",
    headlineReady: "Your coffee is ready",
    subUnpaid: "Pay in Plaza to send it to the barista.",
    subPaid: "The barista is on it. This page updates by itself.",
    subReady: "Pick it up at the counter. We also told you in Service Notifications.",
    orderNumber: "Order #{number}",
    receipt: "Receipt",
    orderAgain: "Order something else",
    notFound: "We could not find that order.",
  },
  zh: {
    eyebrow: "今日新鲜烘焙",
    tagline: "提前下单，用 Plaza 支付，做好了我们会通知你。",
    menu: "菜单",
    viewCart: "查看订单",
    yourOrder: "你的订单",
    total: "合计",
    notifyHint: "做好后，我们会在“服务通知”里告诉你。",
    keepBrowsing: "继续选购",
    pay: "支付 {amount}",
    paying: "支付中…",
    add: "加一份",
    remove: "减一份",
    cancelled: "已取消支付。订单已保留，随时可以继续支付。",
    failed: "出了点问题：{message}",
    outside: "请在 Plaza 里打开这个小程序下单。",
    signingIn: "正在登录…",
    loading: "正在加载订单…",
    stepOrdered: "已下单",
    stepPaid: "已支付 · 制作中",
    stepReady: "可以取餐了",
    headlineUnpaid: "等待支付",
    headlinePaid: "咖啡制作中",
    headlineReady: "你的咖啡好了",
    subUnpaid: "在 Plaza 中支付后，订单会交给咖啡师。",
    subPaid: "咖啡师正在制作，本页会自动更新。",
    subReady: "请到柜台取餐。我们也在“服务通知”里告诉你了。",
    orderNumber: "订单 #{number}",
    receipt: "小票",
    orderAgain: "再点一单",
    notFound: "找不到这个订单。",
  },
};

export const lang = (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";

/** A phrase in the reader's language, with {placeholders} filled. */
export function t(key, values = {}) {
  const text = WORDS[lang][key] ?? WORDS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Puts the translations into every element marked data-t. */
export function translate(root = document) {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const element of root.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
}

/** Minor units as money: 2800 CNY is ¥28.00. */
export function money(minor, currency) {
  return new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en", { style: "currency", currency, currencyDisplay: "narrowSymbol" }).format(minor / 100);
}

export function itemName(item) {
  return lang === "zh" && item.name_zh ? item.name_zh : item.name;
}

export function itemDescription(item) {
  return lang === "zh" && item.description_zh ? item.description_zh : item.description;
}

let token = null;

/** A call to the shop's server, with its session once signed in. */
export async function api(path, { method = "GET", body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(SERVER + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(typeof data.detail === "string" ? data.detail : `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

/** One tap, no form: Plaza gives a one-time code and the shop's server exchanges it. */
export async function signIn() {
  const { code } = await plaza.login();
  token = (await api("/login", { method: "POST", body: { code } })).token;
}

export function showBanner(text, kind = "info") {
  const banner = document.getElementById("banner");
  banner.textContent = text;
  banner.dataset.kind = kind;
  banner.hidden = false;
}

export function explain(error) {
  if (error && error.code === "bridge.unavailable") return t("outside");
  return t("failed", { message: (error && error.message) || String(error) });
}

const CUP = '<path d="M16 34h48v8c0 15-11 26-24 26S16 57 16 42z" fill="#fbf5ec"/><path d="M64 38h4a8 8 0 0 1 0 16h-6" fill="none" stroke="#fbf5ec" stroke-width="4"/><rect x="10" y="68" width="60" height="5" rx="2.5" fill="#fbf5ec"/>';
const STEAM = '<path class="steam" d="M30 12c-3 4 3 7 0 11M40 8c-3 4 3 7 0 11M50 12c-3 4 3 7 0 11" fill="none" stroke="#fbf5ec" stroke-width="2.5" stroke-linecap="round"/>';

/** Drawn pictures, so the bundle needs no image files and no other server. */
export const ART = {
  espresso: { bg: "#6b3a22", svg: `${STEAM}<path d="M24 40h32v6c0 10-7 16-16 16s-16-6-16-16z" fill="#fbf5ec"/><ellipse cx="40" cy="40" rx="15" ry="3" fill="#3b2418"/><path d="M56 43h3a6 6 0 0 1 0 12h-4" fill="none" stroke="#fbf5ec" stroke-width="3"/><ellipse cx="40" cy="65" rx="24" ry="4" fill="#fbf5ec"/>` },
  black: { bg: "#8a4b2a", svg: `${STEAM}${CUP}<ellipse cx="40" cy="34" rx="24" ry="4" fill="#3b2418"/>` },
  latte: { bg: "#c8763a", svg: `${STEAM}${CUP}<ellipse cx="40" cy="34" rx="24" ry="4" fill="#b07a4f"/><path d="M34 33c3-3 9-3 12 0-3 2-9 2-12 0z" fill="#fbf5ec"/>` },
  foam: { bg: "#b5532c", svg: `${STEAM}${CUP}<path d="M17 34c2-9 44-9 46 0z" fill="#f3e3cc"/><circle cx="32" cy="29" r="1.6" fill="#8a4b2a"/><circle cx="44" cy="27" r="1.6" fill="#8a4b2a"/><circle cx="50" cy="31" r="1.4" fill="#8a4b2a"/>` },
  matcha: { bg: "#6f8a3c", svg: `${STEAM}${CUP}<ellipse cx="40" cy="34" rx="24" ry="4" fill="#a9c26b"/><path d="M36 33c2-2 6-2 8 0-2 1.5-6 1.5-8 0z" fill="#fbf5ec"/>` },
  croissant: { bg: "#d08c45", svg: '<path d="M12 52c6-18 20-28 28-28s22 10 28 28c-6 2-10-2-12-6-3 6-8 9-16 9s-13-3-16-9c-2 4-6 8-12 6z" fill="#fbe3b8"/><path d="M30 30c2 8 2 16 0 24M40 26v29M50 30c-2 8-2 16 0 24" fill="none" stroke="#c8763a" stroke-width="2.5" stroke-linecap="round"/>' },
  bun: { bg: "#9c5a34", svg: '<circle cx="40" cy="44" r="24" fill="#f1cf9c"/><path d="M40 44m-3 0a3 3 0 1 1 6 0a8 8 0 1 1-14 0a13 13 0 1 1 24 0a18 18 0 1 1-34 0" fill="none" stroke="#8a4b2a" stroke-width="3" stroke-linecap="round"/><path d="M22 30l4 2M56 26l-3 3M60 52l-4-1" stroke="#fbf5ec" stroke-width="2" stroke-linecap="round"/>' },
};

/** An SVG picture as an element (our own markup only, never the server's text). */
export function picture(kind, size = 80) {
  const art = ART[kind] ?? ART.latte;
  const holder = document.createElement("div");
  holder.className = "art";
  holder.innerHTML = `<svg viewBox="0 0 80 80" width="${size}" height="${size}" role="img"><rect width="80" height="80" rx="20" fill="${art.bg}"/>${art.svg}</svg>`;
  return holder;
}

export { plaza };
