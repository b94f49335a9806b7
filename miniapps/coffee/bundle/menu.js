// The menu, the cart and checkout: sign in on start, subscribe to the "ready" notice and
// pay on the Pay tap, then go to the order's page.
import { api, explain, itemDescription, itemName, money, picture, plaza, showBanner, signIn, t, translate } from "./shop.js";

const cart = new Map(); // item id -> quantity
let menu = [];
let currency = "CNY";
let config = { template_id: null };
let placed = null; // the order made for this cart, kept if payment is cancelled

const $ = (id) => document.getElementById(id);

function total() {
  return menu.reduce((sum, item) => sum + (cart.get(item.id) ?? 0) * item.price, 0);
}

function count() {
  return [...cart.values()].reduce((sum, quantity) => sum + quantity, 0);
}

function change(id, by) {
  const quantity = Math.max(0, Math.min(20, (cart.get(id) ?? 0) + by));
  if (quantity === 0) cart.delete(id);
  else cart.set(id, quantity);
  placed = null; // another cart is another order
  render();
}

function stepper(item) {
  const box = document.createElement("div");
  box.className = "stepper";
  const quantity = cart.get(item.id) ?? 0;
  if (quantity > 0) {
    const minus = document.createElement("button");
    minus.type = "button";
    minus.className = "round minus";
    minus.textContent = "−";
    minus.setAttribute("aria-label", `${t("remove")}: ${itemName(item)}`);
    minus.addEventListener("click", () => change(item.id, -1));
    const shown = document.createElement("span");
    shown.className = "quantity";
    shown.textContent = String(quantity);
    box.append(minus, shown);
  }
  const plus = document.createElement("button");
  plus.type = "button";
  plus.className = "round plus";
  plus.textContent = "+";
  plus.setAttribute("aria-label", `${t("add")}: ${itemName(item)}`);
  plus.addEventListener("click", () => change(item.id, 1));
  box.append(plus);
  return box;
}

function renderMenu() {
  const list = $("menu");
  list.replaceChildren();
  list.removeAttribute("aria-busy");
  for (const item of menu) {
    const row = document.createElement("li");
    row.className = "item";
    const text = document.createElement("div");
    text.className = "item-text";
    const name = document.createElement("h3");
    name.textContent = itemName(item);
    const description = document.createElement("p");
    description.textContent = itemDescription(item);
    const price = document.createElement("span");
    price.className = "price";
    price.textContent = money(item.price, currency);
    text.append(name, description, price);
    row.append(picture(item.art, 76), text, stepper(item));
    list.append(row);
  }
}

function renderCart() {
  const items = count();
  $("cart-bar").hidden = items === 0;
  $("cart-count").textContent = String(items);
  $("cart-total").textContent = money(total(), currency);
  const lines = $("lines");
  lines.replaceChildren();
  for (const item of menu) {
    const quantity = cart.get(item.id);
    if (!quantity) continue;
    const line = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = `${quantity} × ${itemName(item)}`;
    const amount = document.createElement("span");
    amount.textContent = money(quantity * item.price, currency);
    line.append(name, amount);
    lines.append(line);
  }
  $("sheet-total").textContent = money(total(), currency);
  $("pay").textContent = t("pay", { amount: money(total(), currency) });
  if (items === 0) $("sheet").hidden = true;
}

function render() {
  renderMenu();
  renderCart();
}

async function checkout() {
  const button = $("pay");
  button.disabled = true;
  button.textContent = t("paying");
  try {
    // Asked on this tap, as the host requires a gesture; a "no" does not stop the order.
    if (config.template_id && plaza.supports("requestSubscribeMessage")) {
      await plaza.requestSubscribeMessage({ templateIds: [config.template_id] }).catch(() => undefined);
    }
    if (placed === null) {
      const items = [...cart.entries()].map(([id, quantity]) => ({ id, quantity }));
      placed = await api("/orders", { method: "POST", body: { items } });
    }
    await plaza.requestPayment({ prepayId: placed.prepay_id });
    const path = `/order.html?id=${encodeURIComponent(placed.id)}`;
    cart.clear();
    placed = null;
    await plaza.navigateTo({ path });
  } catch (error) {
    if (error && error.code === "payments.cancelled") showBanner(t("cancelled"));
    else showBanner(explain(error), "error");
    $("sheet").hidden = true;
  } finally {
    button.disabled = false;
    renderCart();
  }
}

async function start() {
  translate();
  $("hero-art").append(picture("latte", 112));
  $("open-cart").addEventListener("click", () => ($("sheet").hidden = false));
  $("close-sheet").addEventListener("click", () => ($("sheet").hidden = true));
  $("sheet").addEventListener("click", (event) => {
    if (event.target === $("sheet")) $("sheet").hidden = true;
  });
  $("pay").addEventListener("click", checkout);
  try {
    const [loaded, shop] = await Promise.all([api("/menu"), api("/config")]);
    menu = loaded.items;
    currency = loaded.currency;
    config = shop;
    $("shop-name").textContent = shop.shop_name;
    render();
  } catch (error) {
    showBanner(explain(error), "error");
  }
  plaza.ready();
  plaza.setTitle(t("menu")).catch(() => undefined);
  try {
    await signIn();
  } catch (error) {
    showBanner(explain(error), "error");
    $("pay").disabled = true;
  }
}

start();
