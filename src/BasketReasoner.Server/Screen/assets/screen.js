// The cart's screen: basket, confirmation prompts and questions. Auth is the cart's key, taken from the URL
// fragment (#cart=ID&key=KEY, which browsers never send to a server) or typed into the login form.
// Prices are the API's: the screen formats them and never computes one.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let cart = null, key = null;
  let basket = null;          // the last BasketView
  let shown = null;           // the pending event the prompt shows
  let picking = false;        // the prompt shows the store picker instead of the tiles
  let category = null;        // the picker's chosen category
  let outbox = [];            // answers not yet acknowledged: [{event_id, product_id}]
  let flushing = false;
  const delivered = new Set(); // acknowledged answers whose event the basket may still list for a moment
  const refused = new Map();   // event id -> why the server refused the last answer (e.g. the weight does not fit)

  function fromFragment() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.get("cart") && p.get("key")) { cart = p.get("cart"); key = p.get("key"); }
  }

  const api = (path) => `/v1/carts/${encodeURIComponent(cart)}/${path}`;
  const headers = (json) => Object.assign({ Authorization: "Bearer " + key }, json ? { "Content-Type": "application/json" } : {});
  const money = (v) => Number(v).toFixed(2);
  const price = (amount, currency) => money(amount) + " " + currency;
  const perKg = (item) => (item.per === "kilogram" ? price(item.list_price, item.currency) + "/kg" : "");
  // Several packs the scale weighed at once: the tile is for all of them.
  const units = (item) => (item.quantity > 1 ? `${item.quantity} × ` : "");
  const perText = (item) => perKg(item) || (item.quantity > 1 ? `${item.quantity} packs` : "each");
  const el = (tag, props, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    children.forEach((c) => e.append(c));
    return e;
  };

  // ---- basket ----------------------------------------------------------------------------------------------------

  // Loose produce is charged by what the scale measured: show it beside the name.
  const formatGrams = (g) => (g >= 1000 ? (g / 1000).toFixed(2) + " kg" : Math.round(g) + " g");

  function renderBasket(b) {
    basket = b;
    $("basket-lines").replaceChildren(...b.lines.map((l) => {
      const tr = el("tr", { className: "line" },
        el("td", { className: "pic" }, el("img", { src: l.image_url, alt: "" })),
        el("td", { className: "name" }, el("span", { className: "lname" }, l.name),
          l.pack_name ? el("small", { className: "pack", lang: "sv" }, l.pack_name) : "",
          l.grams != null ? el("small", { className: "grams" }, ` ${formatGrams(l.grams)}${l.grams_estimated ? " (est.)" : ""}`) : ""),
        el("td", { className: "num qty" }, String(l.qty)),
        el("td", { className: "num unit" }, price(l.unit_price, b.currency) + (l.per === "kilogram" ? "/kg" : "")),
        el("td", { className: "num line-total" }, price(l.line_total, b.currency)));
      tr.dataset.product = l.product_id;
      return tr;
    }));
    if (!b.lines.length) $("basket-lines").append(el("tr", { className: "empty" }, el("td", { colSpan: 5 }, "Your basket is empty.")));
    $("total").textContent = price(b.total, b.currency);
    // Items answered "none of these" are in the cart but not on the bill: said plainly, so nobody is surprised at the exit.
    const unbilled = b.unbilled || [];
    // Removals that weighed more than they took off the bill: the rest is said too, so a billed item that left with it
    // is found at the exit rather than charged.
    const unreconciled = b.unreconciled || [];
    const leftOver = unreconciled.reduce((g, u) => g + u.grams, 0);
    $("unbilled").hidden = !unbilled.length && !unreconciled.length;
    $("unbilled").textContent = [
      !unbilled.length ? "" : (unbilled.length === 1
        ? `1 item in your cart is not on your bill${unbilled[0].grams != null ? ` (${formatGrams(unbilled[0].grams)})` : ""}. Staff will check it at the exit.`
        : `${unbilled.length} items in your cart are not on your bill. Staff will check them at the exit.`),
      !unreconciled.length ? "" : `${formatGrams(leftOver)} more left your cart than your bill took off. Staff will check it at the exit.`,
    ].filter(Boolean).join(" ");
    renderPrompt();
  }

  // ---- the prompt: one pending event at a time, the rest counted ---------------------------------------------------

  function waitingPrompts() {
    const answered = new Set(outbox.map((o) => o.event_id));
    return ((basket && basket.pending) || []).filter((p) => !answered.has(p.event_id) && !delivered.has(p.event_id));
  }

  function renderPrompt() {
    const pending = waitingPrompts();
    const p = pending[0] || null;
    if (!p) { shown = null; picking = false; $("prompt").hidden = true; document.body.classList.remove("prompting"); return; }
    if (!shown || shown.event_id !== p.event_id) { picking = false; category = null; $("picker-q").value = ""; $("picks").replaceChildren(); markCategory(); }
    shown = p;
    document.body.classList.add("prompting");
    const box = $("prompt");
    box.hidden = false;
    box.dataset.event = p.event_id;
    const add = p.type === "add";
    const still = noChange(p);
    const others = add ? [] : otherLines(p);
    $("prompt-title").textContent = add ? (still ? "Did you put an item in?" : "Which item did you put in?") : "Which item did you take out?";
    const grams = p.weight_delta_g == null ? null : Math.round(Math.abs(p.weight_delta_g));
    $("prompt-detail").textContent = (grams == null ? "The scale did not settle." : still ? "The scale measured no change." : `The scale measured ${grams} g.`)
      + (picking ? (add ? " Search or browse the store, then tap the item." : " Tap the item you took out.")
        // Nothing moved on the scale: the item was put back, or seen twice, or it went in with another item, whose
        // weight the scale gave to that one. The shopper says which; every tile can be tapped.
        : add && still ? " If you put it back, or it is already in your basket, tap Nothing was added. If it went in together with another item, tap it."
        : add ? " Tap the item, or None of these to find it."
        : !p.candidates.length ? " Nothing in your basket weighs that. Tap Another item to pick it, or Nothing was taken out."
        : others.length ? " Tap the item you took out, or Another item." : " Tap the item you took out.");
    // A refused answer leaves the prompt open: say why beside it, so the shopper can pick again.
    $("prompt-error").textContent = refused.get(p.event_id) || "";
    $("prompt-error").hidden = !refused.has(p.event_id);
    const more = pending.length - 1;
    $("prompt-waiting").hidden = more === 0;
    $("prompt-waiting").textContent = more === 1 ? "1 more waiting" : `${more} more waiting`;

    $("choices").replaceChildren(...p.candidates.map((c) => {
      const per = perKg(c);
      const b = el("button", { className: "choice", type: "button" },
        el("img", { src: c.image_url, alt: "" }),
        el("span", { className: "cname" }, c.name),
        c.pack_name ? el("span", { className: "pack", lang: "sv" }, c.pack_name) : "",
        el("span", { className: "cprice" }, price(c.price, c.currency)),
        el("span", { className: "cper" }, perText(c)),
        // On a "no change" add, a product already in the basket may be the same item seen again: say so on its tile.
        add && still && inBasket(c.product_id) ? el("span", { className: "cin" }, `In your basket: ${inBasket(c.product_id)}`) : "");
      b.dataset.product = c.product_id;
      b.setAttribute("aria-label", `${units(c)}${c.name}, ${price(c.price, c.currency)}${per ? ", " + per.replace("/kg", " per kilogram") : c.quantity > 1 ? " for " + c.quantity : " each"}`);
      b.addEventListener("click", () => answer(p.event_id, c.product_id));
      return b;
    }));
    $("choices").hidden = picking;
    $("picker").hidden = !picking;
    // An add may be anything the store sells: "None of these" opens the picker; on a "no change" add the first answer
    // is that nothing went in, and "Another item" opens the picker. A removal's tiles are the basket lines its weight
    // fits; "Another item" lists the others, and "none" means nothing was taken out.
    $("none").textContent = add ? (still ? "Nothing was added" : "None of these") : "Nothing was taken out";
    $("none").hidden = picking;
    $("other").hidden = picking || !(add ? still : others.length);
    $("picker-back").hidden = !picking;
    $("nothing").textContent = add ? "Not in the store" : "Nothing was taken out";
    $("nothing").hidden = !picking;
    $("picker-search").hidden = !add;
    $("categories").hidden = !add;
    if (picking && !add) renderOthers(p, others);
  }

  // The scale settled on no change (0 g): it cannot say what moved, nor rule a product out.
  const noChange = (p) => p.weight_delta_g != null && Math.round(Math.abs(p.weight_delta_g)) === 0;
  const inBasket = (productId) => ((basket && basket.lines) || []).filter((l) => l.product_id === productId).reduce((n, l) => n + l.qty, 0);
  // A removal's other path: the basket's lines its tiles left out (their weight does not fit what the scale measured).
  // Tapping one still asks the server, which takes it out or says why not.
  const otherLines = (p) => ((basket && basket.lines) || []).filter((l) => !p.candidates.some((c) => c.product_id === l.product_id));

  function renderOthers(p, others) {
    $("picks").replaceChildren(...(others.length ? others.map((l) => {
      const b = el("button", { className: "pick", type: "button" },
        el("img", { src: l.image_url, alt: "" }),
        el("span", { className: "pname" }, l.name, l.pack_name ? el("span", { className: "pack", lang: "sv" }, l.pack_name) : "",
          el("span", { className: "pcat" }, `In your basket: ${l.qty}`)),
        el("span", { className: "pprice" }));
      b.dataset.product = l.product_id;
      b.setAttribute("aria-label", `${l.name}, ${l.qty} in your basket`);
      b.addEventListener("click", () => answer(p.event_id, l.product_id));
      return el("li", {}, b);
    }) : [el("li", {}, "Your basket holds nothing else.")]));
  }

  async function openPicker() {
    picking = true;
    renderPrompt();
    if (shown.type !== "add") return; // a removal's other lines are the basket's, already drawn
    $("picker-q").focus();
    await Promise.all([loadCategories(), search()]);
  }

  async function products(q, cat) {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (cat) u.set("category", cat);
    // Priced for the add the picker answers, as its tiles are: loose produce by what the scale weighed, packs by how many.
    if (shown && shown.type === "add" && shown.weight_delta_g > 0) u.set("grams", String(shown.weight_delta_g));
    const r = await fetch("/v1/products?" + u.toString());
    if (!r.ok) throw new Error("products: " + r.status);
    return r.json();
  }

  let categoriesLoaded = false;
  async function loadCategories() {
    if (categoriesLoaded) return;
    const list = await products("", "").catch(() => null);
    if (!list) return;
    categoriesLoaded = true;
    $("categories").replaceChildren(...[{ name: null, label: "All" }].concat(list.categories.map((c) => ({ name: c.name, label: c.name }))).map((c) => {
      const b = el("button", { type: "button" }, c.label);
      b.dataset.category = c.name || "";
      b.setAttribute("aria-pressed", String(c.name === category));
      b.addEventListener("click", () => { category = c.name; markCategory(); search(); });
      return b;
    }));
  }

  function markCategory() {
    $("categories").querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String((b.dataset.category || null) === category)));
  }

  let searches = 0;
  async function search(ev) {
    if (ev) ev.preventDefault();
    const eventId = shown && shown.event_id;
    const mine = ++searches; // a slower, older answer must not replace a newer one
    const picks = $("picks");
    picks.setAttribute("aria-busy", "true");
    let list;
    try { list = await products($("picker-q").value.trim(), category); } catch (e) { if (mine === searches) picks.replaceChildren(el("li", {}, "The store's list cannot be reached.")); return; }
    finally { if (mine === searches) picks.setAttribute("aria-busy", "false"); }
    if (!shown || shown.event_id !== eventId || mine !== searches) return;
    picks.replaceChildren(...(list.products.length ? list.products.map((p) => {
      const per = perKg(p);
      const b = el("button", { className: "pick", type: "button" },
        el("img", { src: p.image_url, alt: "" }),
        el("span", { className: "pname" }, p.name, p.pack_name ? el("span", { className: "pack", lang: "sv" }, p.pack_name) : "",
          el("span", { className: "pcat" }, p.category)),
        el("span", { className: "pprice" }, price(p.price, p.currency), el("small", {}, perText(p))));
      b.dataset.product = p.product_id;
      b.setAttribute("aria-label", `${units(p)}${p.name}, ${p.category}, ${price(p.price, p.currency)}${per ? ", " + per.replace("/kg", " per kilogram") : p.quantity > 1 ? " for " + p.quantity : " each"}`);
      b.addEventListener("click", () => answer(eventId, p.product_id));
      return el("li", {}, b);
    }) : [el("li", {}, "Nothing found.")]));
  }

  // ---- answers: queued (memory + localStorage) and sent until acknowledged -----------------------------------------

  const outboxKey = () => "basket-outbox:" + cart;
  function loadOutbox() { try { outbox = JSON.parse(localStorage.getItem(outboxKey()) || "[]"); } catch (e) { outbox = []; } }
  function saveOutbox() { localStorage.setItem(outboxKey(), JSON.stringify(outbox)); renderOutbox(); }
  function renderOutbox() {
    $("outbox").hidden = outbox.length === 0;
    $("outbox").textContent = outbox.length === 1 ? "1 answer waiting to be sent" : `${outbox.length} answers waiting to be sent`;
  }

  function answer(eventId, productId) {
    // One answer per event: the event id is the confirmation's idempotency key, so a retry repeats the same answer.
    if (delivered.has(eventId) || outbox.some((o) => o.event_id === eventId)) return;
    outbox.push({ event_id: eventId, product_id: productId });
    saveOutbox();
    renderPrompt();
    flush();
  }

  async function flush() {
    if (flushing || !cart) return;
    flushing = true;
    try {
      while (outbox.length) {
        const o = outbox[0];
        let r;
        try {
          r = await fetch(api("confirm"), { method: "POST", headers: headers(true), body: JSON.stringify(o) });
        } catch (e) {
          return; // offline: kept, retried when the connection returns
        }
        if (r.status === 429 || r.status >= 500) return; // the server asks for a later retry
        const p = await r.json().catch(() => ({}));
        outbox.shift();
        if (r.ok) {
          delivered.add(o.event_id);
          refused.delete(o.event_id);
          // "Nothing removed: it is no longer in the basket", "the add was taken back out": said, not silent.
          if (p.detail) $("status").textContent = p.detail;
        }
        saveOutbox();
        if (!r.ok) {
          // The event is still pending (e.g. 422: the product cannot weigh what the scale measured): its prompt comes
          // back with the server's reason in it.
          refused.set(o.event_id, p.detail || ("The answer was refused (" + r.status + ")."));
          if (r.status !== 422) $("status").textContent = "answer refused: " + (p.detail || r.status);
          renderPrompt();
        }
      }
    } finally {
      flushing = false;
    }
  }

  // ---- the basket's event stream -----------------------------------------------------------------------------------

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

  let connected = false;
  // The browser may know it is offline before the open stream fails: say so at once.
  function showConnection() {
    const live = connected && navigator.onLine;
    $("status").textContent = live ? "live" : "offline";
    $("status").className = live ? "status live" : "status";
  }

  async function stream() {
    for (;;) {
      try {
        const r = await fetch(api("stream"), { headers: headers(false) });
        if (r.status === 401 || r.status === 403 || r.status === 404) {
          $("status").textContent = "key refused (" + r.status + ")"; $("login").hidden = false; $("main").hidden = true; return;
        }
        connected = true;
        showConnection();
        flush();
        await readSse(r, (name, data) => { if (name === "basket") renderBasket(JSON.parse(data)); });
      } catch (e) { /* reconnect below */ }
      connected = false;
      $("status").textContent = navigator.onLine ? "reconnecting" : "offline"; $("status").className = "status";
      await new Promise((res) => setTimeout(res, 1000));
    }
  }

  // ---- questions ---------------------------------------------------------------------------------------------------

  function busy(on) {
    $("answer").setAttribute("aria-busy", String(on));
    $("ask-busy").hidden = !on;
    $("ask-button").disabled = on;
  }

  async function ask(ev) {
    ev.preventDefault();
    const q = $("ask-input").value.trim();
    if (!q || $("ask-button").disabled) return;
    $("answer").textContent = ""; $("answer").dataset.done = "";
    busy(true);
    try {
      const r = await fetch(api("ask"), { method: "POST", headers: headers(true), body: JSON.stringify({ question: q }) });
      if (!r.ok) { const p = await r.json().catch(() => ({})); $("answer").textContent = p.detail || ("error " + r.status); $("answer").dataset.done = "error"; return; }
      await readSse(r, (name, data) => {
        const d = JSON.parse(data);
        if (name === "restart") $("answer").textContent = "";
        if (name === "delta") $("answer").textContent += d.text;
        if (name === "answer") { $("answer").textContent = d.text; $("answer").dataset.done = d.kind; }
        if (name === "error") { $("answer").textContent = d.detail; $("answer").dataset.done = "error"; }
      });
    } catch (e) {
      $("answer").textContent = "The answer was cut off: the connection dropped."; $("answer").dataset.done = "error";
    } finally {
      busy(false);
    }
  }

  function start() {
    $("cart-name").textContent = cart;
    $("login").hidden = true; $("main").hidden = false;
    loadOutbox();
    renderOutbox();
    stream();
  }

  $("login").addEventListener("submit", (ev) => { ev.preventDefault(); cart = $("login-cart").value; key = $("login-key").value; start(); });
  $("ask").addEventListener("submit", ask);
  $("none").addEventListener("click", () => { if (!shown) return; if (shown.type === "add" && !noChange(shown)) openPicker(); else answer(shown.event_id, null); });
  $("other").addEventListener("click", () => { if (shown) openPicker(); });
  $("picker-back").addEventListener("click", () => { picking = false; renderPrompt(); });
  $("nothing").addEventListener("click", () => { if (shown) answer(shown.event_id, null); });
  $("picker-search").addEventListener("submit", search);
  window.addEventListener("online", () => { showConnection(); flush(); });
  window.addEventListener("offline", showConnection);
  setInterval(() => { if (outbox.length) flush(); }, 2000);
  fromFragment();
  if (cart && key) start(); else $("login").hidden = false;
})();
