// The cart's screen: basket, confirmation prompts and questions. Auth is the cart's key, taken from the URL
// fragment (#cart=ID&key=KEY, which browsers never send to a server) or typed into the login form.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let cart = null, key = null;

  function fromFragment() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.get("cart") && p.get("key")) { cart = p.get("cart"); key = p.get("key"); }
  }

  const headers = (json) => Object.assign({ Authorization: "Bearer " + key }, json ? { "Content-Type": "application/json" } : {});
  const money = (v) => Number(v).toFixed(2);
  const el = (tag, props, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    children.forEach((c) => e.append(c));
    return e;
  };

  function renderBasket(b) {
    const body = $("basket-lines");
    body.replaceChildren(...b.lines.map((l) => el("tr", { className: "line" },
      el("td", {}, el("img", { src: l.image_url, alt: "" })),
      el("td", { className: "name" }, l.name),
      el("td", { className: "qty" }, String(l.qty)),
      el("td", {}, money(l.unit_price) + " " + b.currency),
      el("td", {}, money(l.line_total)))));
    $("total").textContent = money(b.total) + " " + b.currency;
    renderPrompts(b.pending || []);
  }

  function renderPrompts(pending) {
    $("confirmations").replaceChildren(...pending.map((p) => {
      const verb = p.type === "add" ? "put in" : "take out";
      const choices = p.candidates.map((c) => {
        const b = el("button", { className: "choice", type: "button", title: c.product_id },
          el("img", { src: c.image_url, alt: c.name }), el("span", {}, c.name));
        b.dataset.product = c.product_id;
        b.addEventListener("click", () => confirm(p.event_id, c.product_id));
        return b;
      });
      const none = el("button", { type: "button", className: "none" }, "None of these");
      none.addEventListener("click", () => confirm(p.event_id, null));
      const box = el("div", { className: "prompt" }, el("p", {}, `Which item did you ${verb}?`), el("div", { className: "choices" }, ...choices), none);
      box.dataset.event = p.event_id;
      return box;
    }));
  }

  async function confirm(eventId, productId) {
    const r = await fetch(`/v1/carts/${encodeURIComponent(cart)}/confirm`, {
      method: "POST", headers: headers(true), body: JSON.stringify({ event_id: eventId, product_id: productId }),
    });
    if (!r.ok) { $("status").textContent = "confirm failed: " + r.status; }
  }

  // Reads a text/event-stream response with fetch (EventSource cannot send an Authorization header).
  async function readSse(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
        let name = "message", data = [];
        frame.split("\n").forEach((line) => {
          if (line.startsWith("event: ")) name = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        });
        onEvent(name, data.join("\n"));
      }
    }
  }

  async function stream() {
    for (;;) {
      try {
        const r = await fetch(`/v1/carts/${encodeURIComponent(cart)}/stream`, { headers: headers(false) });
        if (r.status === 401 || r.status === 403 || r.status === 404) {
          $("status").textContent = "key refused (" + r.status + ")"; $("login").hidden = false; $("main").hidden = true; return;
        }
        $("status").textContent = "live"; $("status").className = "status live";
        await readSse(r, (name, data) => { if (name === "basket") renderBasket(JSON.parse(data)); });
      } catch (e) { /* reconnect below */ }
      $("status").textContent = "reconnecting"; $("status").className = "status";
      await new Promise((res) => setTimeout(res, 1000));
    }
  }

  async function ask(ev) {
    ev.preventDefault();
    const q = $("ask-input").value.trim();
    if (!q) return;
    $("answer").textContent = ""; $("answer").dataset.done = "";
    const r = await fetch(`/v1/carts/${encodeURIComponent(cart)}/ask`, { method: "POST", headers: headers(true), body: JSON.stringify({ question: q }) });
    if (!r.ok) { const p = await r.json().catch(() => ({})); $("answer").textContent = p.detail || ("error " + r.status); $("answer").dataset.done = "error"; return; }
    await readSse(r, (name, data) => {
      const d = JSON.parse(data);
      if (name === "delta") $("answer").textContent += d.text;
      if (name === "answer") { $("answer").textContent = d.text; $("answer").dataset.done = d.kind; }
      if (name === "error") { $("answer").textContent = d.detail; $("answer").dataset.done = "error"; }
    });
  }

  function start() {
    $("cart-name").textContent = cart;
    $("login").hidden = true; $("main").hidden = false;
    stream();
  }

  $("login").addEventListener("submit", (ev) => { ev.preventDefault(); cart = $("login-cart").value; key = $("login-key").value; start(); });
  $("ask").addEventListener("submit", ask);
  fromFragment();
  if (cart && key) start(); else $("login").hidden = false;
})();
