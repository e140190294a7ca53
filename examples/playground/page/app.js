"use strict";

// The requests a browser typically makes, and what the default policy
// should do with them.
const scenarios = [
  { id: "simple", title: "Simple GET", note: "no preflight, no cookies", init: {} },
  { id: "credentialed", title: "Credentialed GET", note: "credentials: \"include\" sends the page's cookie",
    init: { credentials: "include" } },
  { id: "preflighted", title: "PUT with X-Custom", note: "a custom header and method: preflighted",
    init: { method: "PUT", headers: { "X-Custom": "42", "Content-Type": "application/json" }, body: "{}" } },
  { id: "method", title: "DELETE", note: "a method the policy does not list", init: { method: "DELETE" } },
  { id: "header", title: "GET with X-Other", note: "a request header the policy does not list",
    init: { headers: { "X-Other": "1" } } },
  { id: "origin", title: "GET from a third origin", note: "sent by a frame on an origin the policy does not list",
    init: {}, fromOther: true },
  { id: "forged", title: "Form POST from a third origin", note: "what a forging page does: a form needs no CORS permission, only ForgeryProtection stops it",
    init: { form: true }, fromOther: true },
  { id: "form", title: "Form POST from this page", note: "an allowed origin may send",
    init: { form: true } },
];

let info = null;
let counter = 0;
let frameReady = null;
const pending = new Map(); // probe -> resolve, for the third-origin frame

async function getJSON(url, init) {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json() };
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// fetchHere makes the request from this page's origin.
async function fetchHere(url, init) {
  if (init.form) return formPost(url);
  try {
    const r = await fetch(url, init);
    return { ok: true, status: r.status, stack: r.headers.get("X-Stack"), body: await r.text() };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

// fetchOther asks the frame on the third origin to make the request.
async function fetchOther(probe, url, init) {
  await frameReady;
  const frame = document.getElementById("other-frame");
  return new Promise((resolve) => {
    pending.set(probe, resolve);
    frame.contentWindow.postMessage({ id: probe, url, init }, info.other);
  });
}

window.addEventListener("message", (ev) => {
  if (!info || ev.origin !== info.other || !ev.data) return;
  if (ev.data.ready && frameReady) frameReady.resolve();
  const resolve = pending.get(ev.data.id);
  if (resolve) {
    pending.delete(ev.data.id);
    resolve(ev.data.result);
  }
});

// formPost submits a form to url into a hidden frame, as a forging page
// would; the page cannot read the answer, only the server knows.
function formPost(url) {
  return new Promise((resolve) => {
    const name = "sink-" + Math.random().toString(36).slice(2);
    const sink = el("iframe", { name, hidden: "" });
    const form = el("form", { method: "post", action: url, target: name },
      el("input", { type: "hidden", name: "amount", value: "100" }));
    sink.addEventListener("load", () => {
      try { if (sink.contentWindow.location.href === "about:blank") return; } catch (e) { /* the API's origin: the post was answered */ }
      sink.remove(); form.remove(); resolve({ ok: true, form: true });
    });
    document.body.append(sink, form);
    form.submit();
  });
}

function describeBrowser(res) {
  if (res.form) return [el("span", { class: "verdict" }, "sent"), el("span", { class: "detail" }, "a form post: the page cannot read the answer")];
  if (!res.ok) return [el("span", { class: "verdict" }, "blocked"), el("span", { class: "detail" }, res.error + " (see the console for why)")];
  let detail = "status " + res.status;
  if (res.stack) detail += ", X-Stack readable: " + res.stack;
  try {
    const b = JSON.parse(res.body);
    detail += ", cookie sent: " + (b.cookie ? "yes" : "no");
    if (b.custom) detail += ", X-Custom: " + b.custom;
  } catch (e) { /* not JSON */ }
  return [el("span", { class: "verdict" }, "allowed"), el("span", { class: "detail" }, detail)];
}

function describeServer(records) {
  if (records.length === 0) return [el("span", { class: "detail" }, "the request never reached the server")];
  return records.map((r) => {
    let status = " → passed to the app";
    if (r.status === 403 && r.kind !== "preflight") status = " → refused with 403 by the middleware: the API never ran";
    else if (r.status) status = ` → answered ${r.status} by the middleware`;
    else if (!r.allowed) status = " → the app ran, no CORS headers: the browser hides the answer";
    const reportOnly = r.reportOnly ? ` (report-only candidate: ${r.reportOnly})` : "";
    return el("span", { class: "decision " + (r.allowed ? "allowed" : "denied") },
      `${r.kind} ${r.method}: ${r.allowed ? "allowed" : "denied"} — ${r.reason}${status}${reportOnly}`);
  });
}

async function fire(s) {
  const row = document.getElementById("row-" + s.id);
  const probe = `${s.id}-${++counter}-${Date.now()}`;
  const url = `${info.api}/api/hello?probe=${encodeURIComponent(probe)}`;
  row.dataset.browser = "pending";
  row.dataset.probe = probe;
  delete row.dataset.server;
  row.querySelector(".browser").replaceChildren("…");
  row.querySelector(".server").replaceChildren("…");
  const res = s.fromOther ? await fetchOther(probe, url, s.init) : await fetchHere(url, s.init);
  const { body: records } = await getJSON("/playground/decisions?probe=" + encodeURIComponent(probe));
  row.querySelector(".browser").replaceChildren(...describeBrowser(res));
  row.querySelector(".server").replaceChildren(...describeServer(records));
  row.dataset.server = records.length > 0 && records.every((r) => r.allowed) ? "allowed" : "denied";
  row.dataset.reasons = records.map((r) => r.reason).join(" | ");
  row.dataset.reportOnly = records.map((r) => r.reportOnly || "").join(" | ");
  await loadCounters();
  row.dataset.browser = res.form ? "sent" : res.ok ? "allowed" : "blocked";
}

async function runAll() {
  for (const s of scenarios) await fire(s);
  document.body.dataset.ran = String(counter);
}

function list(v) {
  return v.split(",").map((x) => x.trim()).filter((x) => x !== "");
}

function showPolicy(p) {
  fillForm(document.getElementById("policy-form"), p);
}

async function loadPolicy() {
  showPolicy((await getJSON("/playground/policy")).body);
}

async function applyPolicy(ev) {
  ev.preventDefault();
  const f = document.getElementById("policy-form");
  const errBox = document.getElementById("policy-error");
  const status = document.getElementById("policy-status");
  const { status: code, body: res } = await getJSON("/playground/policy",
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(formPolicy(f)) });
  if (code === 200) {
    errBox.hidden = true;
    errBox.textContent = "";
    status.textContent = "applied";
    showPolicy(res);
  } else {
    errBox.hidden = false;
    errBox.textContent = res.error; // the configuration error, verbatim
    status.textContent = "rejected; the previous policy stays in force";
  }
}

// formPolicy reads a policy form.
function formPolicy(f) {
  return { origins: list(f.origins.value), methods: list(f.methods.value),
    headers: list(f.headers.value), credentials: f.credentials.checked, forgery: Boolean(f.forgery && f.forgery.checked) };
}

function fillForm(f, p) {
  f.origins.value = p.origins.join(", ");
  f.methods.value = p.methods.join(", ");
  f.headers.value = p.headers.join(", ");
  f.credentials.checked = p.credentials;
  if (f.forgery) f.forgery.checked = p.forgery;
}

async function setCandidate(ev) {
  if (ev) ev.preventDefault();
  const f = document.getElementById("candidate-form");
  const errBox = document.getElementById("candidate-error");
  const status = document.getElementById("candidate-status");
  const { status: code, body: res } = await getJSON("/playground/candidate",
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(formPolicy(f)) });
  errBox.hidden = code === 200;
  errBox.textContent = code === 200 ? "" : res.error;
  status.textContent = code === 200 ? "candidate set: requests are judged by both" : "rejected; the previous candidate stays";
  document.body.dataset.candidate = code === 200 ? "set" : "rejected";
}

async function removeCandidate() {
  await getJSON("/playground/candidate", { method: "DELETE" });
  document.getElementById("candidate-status").textContent = "no candidate";
  document.body.dataset.candidate = "none";
}

// loadCounters shows every series the SDK collected.
async function loadCounters() {
  const { body: counters } = await getJSON("/playground/counters");
  const rows = counters.map((c) => el("tr", { "data-name": c.name },
    el("td", {}, c.name), el("td", {}, c.attributes["cors.kind"] || ""),
    el("td", {}, c.attributes["cors.outcome"] || ""), el("td", {}, c.attributes["cors.reason"] || ""),
    el("td", { class: "count" }, String(c.value))));
  document.querySelector("#counters tbody").replaceChildren(...rows);
}

async function init() {
  info = (await getJSON("/playground/info")).body;
  document.getElementById("page-origin").textContent = self.origin;
  document.getElementById("api-origin").textContent = info.api;
  document.getElementById("stack").textContent = info.stack;
  if (info.localNetwork) {
    const note = document.getElementById("local-network");
    note.textContent = info.localNetwork;
    note.hidden = false;
  }

  let resolveReady;
  frameReady = new Promise((r) => { resolveReady = r; });
  frameReady.resolve = resolveReady;
  document.getElementById("other-frame").src = `${info.other}/frame.html?parent=${encodeURIComponent(self.origin)}`;

  const tbody = document.querySelector("#scenarios tbody");
  for (const s of scenarios) {
    const button = el("button", { type: "button" }, "Send");
    button.addEventListener("click", () => fire(s));
    const what = el("td", { class: "what" }, s.title, el("small", {}, s.note));
    tbody.append(el("tr", { id: "row-" + s.id, "data-browser": "idle" },
      what, el("td", {}, button), el("td", { class: "browser" }, "—"), el("td", { class: "server" }, "—")));
  }
  document.getElementById("run-all").addEventListener("click", runAll);
  document.getElementById("policy-form").addEventListener("submit", applyPolicy);
  document.getElementById("reload").addEventListener("click", loadPolicy);
  document.getElementById("candidate-form").addEventListener("submit", setCandidate);
  document.getElementById("remove-candidate").addEventListener("click", removeCandidate);
  await loadPolicy();
  const candidate = (await getJSON("/playground/candidate")).body;
  fillForm(document.getElementById("candidate-form"), candidate || (await getJSON("/playground/policy")).body);
  await loadCounters();
  setInterval(loadCounters, 1000);
  document.body.dataset.ready = "true";
}

window.playground = { runAll, fire: (id) => fire(scenarios.find((s) => s.id === id)), setCandidate, removeCandidate, loadCounters };
init();
