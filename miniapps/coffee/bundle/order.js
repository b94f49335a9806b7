// One order's page: where it is (paid, being made, ready), updated every two seconds until
// it is ready. Service Notifications open it with ?id=<order>.
import { api, explain, itemName, money, picture, plaza, showBanner, signIn, t, translate } from "./shop.js";

const $ = (id) => document.getElementById(id);
const POLL_MS = 2000;
const STEPS = ["unpaid", "paid", "ready"];

function render(order) {
  const card = $("order-card");
  card.removeAttribute("aria-busy");
  card.dataset.status = order.status;
  $("order-number").textContent = t("orderNumber", { number: order.number });
  const headline = { unpaid: "headlineUnpaid", paid: "headlinePaid", ready: "headlineReady" }[order.status];
  const sub = { unpaid: "subUnpaid", paid: "subPaid", ready: "subReady" }[order.status];
  $("order-headline").textContent = t(headline);
  $("order-sub").textContent = t(sub);
  const reached = STEPS.indexOf(order.status);
  for (const step of $("steps").children) {
    const index = STEPS.indexOf(step.dataset.step);
    step.classList.toggle("done", index < reached || order.status === "ready");
    step.classList.toggle("current", index === reached && order.status !== "ready");
  }
  const lines = $("lines");
  lines.replaceChildren();
  for (const line of order.lines) {
    const row = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = `${line.quantity} × ${itemName(line)}`;
    const amount = document.createElement("span");
    amount.textContent = money(line.quantity * line.price, order.currency);
    row.append(name, amount);
    lines.append(row);
  }
  $("order-total").textContent = money(order.total, order.currency);
}

async function follow(id) {
  for (;;) {
    const order = await api(`/orders/${encodeURIComponent(id)}`);
    render(order);
    if (order.status === "ready") return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function start() {
  translate();
  $("order-art").append(picture("foam", 96));
  plaza.ready();
  plaza.setTitle(t("receipt")).catch(() => undefined);
  const id = new URLSearchParams(location.search).get("id");
  try {
    await signIn();
    if (!id) throw Object.assign(new Error(t("notFound")), { status: 404 });
    await follow(id);
  } catch (error) {
    $("order-card").removeAttribute("aria-busy");
    $("order-headline").textContent = error && error.status === 404 ? t("notFound") : t("loading");
    showBanner(error && error.status === 404 ? t("notFound") : explain(error), "error");
  }
}

start();
