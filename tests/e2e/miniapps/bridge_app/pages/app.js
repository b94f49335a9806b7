// The bridge test mini-program: each button makes one plaza.js call on a real tap and writes
// what came back into [data-result=<name>] as JSON ({"ok": true, "value": ...} or
// {"ok": false, "code": ...}), for tests/e2e/test_miniapp_host.py to read.
import plaza from "/__plaza__/plaza.js";

const launch = new URLSearchParams(location.hash.slice(1));
const host = launch.get("plaza-host");
const session = launch.get("plaza-session");
let rawId = 100000;

/** A request plaza.js would never send, posted by hand; settles with the host's answer. */
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

function value(id) {
  return document.getElementById(id)?.value ?? "";
}

const calls = {
  login: () => plaza.login(),
  profile: () => plaza.getUserProfile(),
  phone: () => plaza.getPhoneNumber(),
  setTitle: () => plaza.setTitle(document.title === "Second" ? "Second title" : "Menu"),
  storageSet: () => plaza.storage.set("greeting", "你好, plaza"),
  storageGet: () => plaza.storage.get("greeting"),
  storageRemove: () => plaza.storage.remove("greeting"),
  modal: () => plaza.showModal({ title: "Order a flat white?", content: "It will be ready in 5 minutes." }),
  toast: () => plaza.showToast({ title: "Saved" }),
  subscribe: () => plaza.requestSubscribeMessage({ templateIds: value("templates").split(",").filter(Boolean) }),
  navigate: () => plaza.navigateTo({ path: "/pages/second.html?from=navigate" }),
  back: () => plaza.navigateBack(),
  pay: () => plaza.requestPayment({ prepayId: value("prepay") }),
  unknown: () => raw("teleport", {}),
  malformed: async () => {
    for (const junk of [null, "login", { plaza: 2, id: 1, method: "login", session }, { plaza: 1, id: "x", method: "login", session },
      { plaza: 1, id: 2, method: "login" }, { plaza: 1, id: 3, method: "login", session: "wrong" }]) {
      parent.postMessage(junk, host);
    }
    return plaza.login();
  },
  profileLater: () => new Promise((resolve) => setTimeout(resolve, 6000)).then(() => plaza.getUserProfile()),
  location: () => plaza.getLocation(),
  image: () =>
    plaza.chooseImage().then(({ images }) =>
      images.map((image) => ({
        name: image.name,
        type: image.type,
        size: image.size,
        blob: image.blob instanceof Blob,
        dataUrl: image.dataUrl.slice(0, 22),
      })),
    ),
  close: () => plaza.close(),
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

const scene = document.getElementById("scene");
if (scene) scene.textContent = `scene=${plaza.scene} supports(login)=${plaza.supports("login")} v${plaza.version}`;
const where = document.getElementById("where");
if (where) where.textContent = location.pathname + location.search;
plaza.ready();
