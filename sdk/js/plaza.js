// plaza.js: the mini-program's side of the Plaza host bridge.
//
// A mini-program runs in a sandboxed iframe on an origin of its own, so it cannot reach the
// host's token, storage or API. Everything it needs from the host (a login code, the
// person's consent, a payment) it asks for here: each call is a postMessage request with an
// id to the host page, answered by one response with the same id. The host puts its own
// origin and a launch session in the frame's URL hash (#plaza-host=...&plaza-session=...);
// requests go to that origin only, and only answers from the parent window at that origin
// are read. Reference: docs/open-platform/plaza-js.md.
//
// Include it with `import plaza from "/__plaza__/plaza.js"` (every mini-program origin
// serves it) or `<script type="module" src="/__plaza__/plaza.js">`, which also sets
// `window.plaza`.

const PROTOCOL = 1;
const VERSION = "1.0.0";

/** Every method this version can call; `plaza.supports(name)` answers from it. */
const METHODS = [
  "login",
  "getUserProfile",
  "getPhoneNumber",
  "getLocation",
  "chooseImage",
  "scanCode",
  "requestPayment",
  "shareToChat",
  "requestSubscribeMessage",
  "storage.get",
  "storage.set",
  "storage.remove",
  "navigateTo",
  "navigateBack",
  "setTitle",
  "showToast",
  "showModal",
  "openMiniProgram",
  "close",
];

/** A refused call: `code` is stable ("consent.denied", "payments.cancelled", ...). */
export class PlazaError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message || code);
    this.name = "PlazaError";
    this.code = code;
  }
}

const launch = new URLSearchParams(location.hash.slice(1));

/**
 * The host's origin from the hash, if it is one (scheme://host[:port] and nothing else).
 * @returns {string | null}
 */
function hostOrigin() {
  const value = launch.get("plaza-host");
  if (!value) return null;
  try {
    return new URL(value).origin === value ? value : null;
  } catch {
    return null;
  }
}

const host = hostOrigin();
const session = launch.get("plaza-session") ?? "";
let nextId = 1;
let readySent = false;

/** @type {Map<number, {resolve: (value: any) => void, reject: (error: PlazaError) => void}>} */
const pending = new Map();

window.addEventListener("message", (event) => {
  if (event.source !== window.parent || event.origin !== host) return;
  const data = event.data;
  if (typeof data !== "object" || data === null || data.plaza !== PROTOCOL) return;
  const waiting = typeof data.id === "number" ? pending.get(data.id) : undefined;
  if (!waiting) return;
  pending.delete(data.id);
  if (data.ok === true) {
    waiting.resolve(data.result);
  } else {
    const error = typeof data.error === "object" && data.error !== null ? data.error : {};
    waiting.reject(new PlazaError(String(error.code ?? "bridge.error"), String(error.message ?? "")));
  }
});

/**
 * Sends one request to the host; settles with its answer.
 * @param {string} method
 * @param {Record<string, unknown>} [params]
 * @returns {Promise<any>}
 */
function call(method, params = {}) {
  if (host === null || window.parent === window) {
    return Promise.reject(new PlazaError("bridge.unavailable", "Not running inside Plaza"));
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    window.parent.postMessage({ plaza: PROTOCOL, id, method, params, session }, host);
  });
}

/** @returns {void} */
function ready() {
  if (readySent || host === null || window.parent === window) return;
  readySent = true;
  window.parent.postMessage({ plaza: PROTOCOL, event: "ready", session }, host);
}

/** @type {import("./plaza").Plaza} */
const plaza = {
  version: VERSION,
  scene: launch.get("scene"),
  supports: (method) => METHODS.includes(method),
  ready,
  login: () => call("login"),
  getUserProfile: () => call("getUserProfile"),
  getPhoneNumber: () => call("getPhoneNumber"),
  getLocation: () => call("getLocation"),
  chooseImage: (options = {}) => call("chooseImage", { ...options }),
  scanCode: () => call("scanCode"),
  requestPayment: ({ prepayId }) => call("requestPayment", { prepayId }),
  shareToChat: (options = {}) => call("shareToChat", { ...options }),
  requestSubscribeMessage: ({ templateIds }) => call("requestSubscribeMessage", { templateIds }),
  storage: {
    get: (key) => call("storage.get", { key }).then((result) => result.value),
    set: (key, value) => call("storage.set", { key, value }).then(() => undefined),
    remove: (key) => call("storage.remove", { key }).then(() => undefined),
  },
  navigateTo: ({ path }) => call("navigateTo", { path }).then(() => undefined),
  navigateBack: () => call("navigateBack").then(() => undefined),
  setTitle: (title) => call("setTitle", { title }).then(() => undefined),
  showToast: ({ title, icon }) => call("showToast", icon === undefined ? { title } : { title, icon }).then(() => undefined),
  showModal: ({ title, content, confirmText }) =>
    call("showModal", confirmText === undefined ? { title, content } : { title, content, confirmText }),
  openMiniProgram: ({ appId, path }) => call("openMiniProgram", path === undefined ? { appId } : { appId, path }).then(() => undefined),
  close: () => call("close").then(() => undefined),
};

// A plain link to another page of the same mini-program would load it without the launch
// hash, and that page could no longer reach the host: such clicks become navigateTo, which
// also puts the page on the host's stack so that Back returns to this one.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
  if (link.target && link.target !== "_self") return;
  const url = new URL(link.href, location.href);
  if (url.protocol !== location.protocol || url.host !== location.host) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  plaza.navigateTo({ path: url.pathname + url.search }).catch(() => undefined);
});

Object.defineProperty(window, "plaza", { value: plaza, configurable: true });

export default plaza;
