// The page's side of the site's service worker (sw.js at the site's root): register it, make
// the next page cross-origin isolated on hosts that send no COOP/COEP headers, save the course
// for offline use once the page's Python is up, and say so in a quiet status line at the foot of
// every page. Loaded once per page session (Material's instant navigation keeps it); binding the
// status line is safe to run twice.

import { OfflineReply, OfflineRequest } from "./protocol.js";
import { settings } from "./config.js";
import { button, element } from "./dom.js";

const ROOT = new URL("../../../", import.meta.url); // the site's root, with its subpath
const SAVE_DELAY_MS = 1_500;
// Whether the service worker served this document (and so could add the isolation headers).
const servedByWorker = Boolean(globalThis.navigator?.serviceWorker?.controller);

const holds = new Set();
const waiting = new Map();
let nextId = 1;
let state = { phase: "idle", text: "" };
let line = null;

/** Saving for offline use waits for `promise` (Python's first boot), so the two share no link. */
export function deferSaving(promise) {
  holds.add(promise);
  promise.then(() => {}, () => {}).finally(() => holds.delete(promise));
}

function show(phase, text, action = null) {
  state = { phase, text, action };
  render();
}

function render() {
  if (!line?.isConnected) return;
  line.dataset.phase = state.phase;
  line.replaceChildren(element("span", "course-offline-status__text", state.text));
  if (state.action) line.append(" ", button(state.action.label, "course-offline-status__action", state.action.run));
}

function bindLine() {
  if (line?.isConnected) return;
  const host = document.querySelector(".md-footer-meta__inner") ?? document.querySelector("main");
  if (!host) return;
  line = element("p", "course-offline-status");
  line.setAttribute("role", "status");
  host.append(line);
  render();
}

function ask(type) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    navigator.serviceWorker.controller.postMessage({ type, id });
  });
}

function onMessage({ data }) {
  if (data?.type === OfflineReply.PROGRESS) {
    if (data.done < data.total) {
      const percent = Math.floor((100 * data.done) / data.total);
      show("saving", `Saving the course for offline use… ${percent}%`);
    }
    return;
  }
  const request = waiting.get(data?.id);
  if (!request) return;
  waiting.delete(data.id);
  if (data.type === OfflineReply.RESULT) request.resolve(data.payload);
  else request.reject(new Error(data.message));
}

/**
 * The link a click follows within the course, to another page, as a plain navigation would;
 * null for anything else (a fragment of this page, a new tab, a download, another site).
 */
function coursePageLink(event) {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) return null;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.href.startsWith(ROOT.href)) return null;
  if (url.pathname === location.pathname && url.search === location.search) return null;
  return link;
}

/**
 * Let the next course link load its page in full, once the service worker can serve it.
 *
 * A page the service worker did not serve (a first visit) lacks the isolation headers it adds.
 * Reloading at once would isolate this page too, but costs a first visit about 2 s before the
 * text shows (Lighthouse counts it as a redirect) and loses the place the learner was reading.
 * So this page keeps its restart-on-Stop, and the next page the learner opens comes through the
 * service worker, isolated, instead of being swapped in by Material's instant navigation (which
 * would keep this document, headers and all).
 */
function isolateTheNextPage() {
  const container = navigator.serviceWorker;
  globalThis.addEventListener("click", (event) => {
    if (self.crossOriginIsolated || !container.controller || !coursePageLink(event)) return;
    event.stopImmediatePropagation(); // Material's handler never sees it: the browser navigates
  }, { capture: true });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHolds() {
  await pause(SAVE_DELAY_MS);
  while (holds.size) {
    await Promise.allSettled([...holds]);
    await pause(SAVE_DELAY_MS);
  }
}

function describe(status) {
  if (status.page && status.page !== status.build) {
    show("update", "A new version of the course is saved for offline use.", {
      label: "Reload to use it",
      run: () => location.reload(),
    });
  } else if (status.complete) {
    show("ready", "Ready for offline use.");
  }
}

async function keepOffline() {
  const container = navigator.serviceWorker;
  container.addEventListener("message", onMessage);
  container.startMessages();
  await container.ready;
  if (!container.controller) await new Promise((resolve) => container.addEventListener("controllerchange", resolve, { once: true }));
  // A new build's service worker takes over once it has saved the whole build: say so.
  container.addEventListener("controllerchange", async () => describe(await ask(OfflineRequest.STATUS)));
  const status = await ask(OfflineRequest.STATUS);
  describe(status);
  if (status.complete) return;
  show("saving", "Saving the course for offline use…");
  await waitForHolds();
  describe(await ask(OfflineRequest.SAVE));
}

async function unregisterOld() {
  // `mkdocs serve` (live preview) must not be served from a cache a built site left behind.
  for (const registration of await navigator.serviceWorker.getRegistrations()) {
    if (registration.scope === ROOT.href) await registration.unregister();
  }
}

async function start() {
  if (!("serviceWorker" in navigator)) {
    const why = self.isSecureContext ? "this browser cannot keep it" : "the site is not on HTTPS";
    show("unsupported", `The course is not kept for offline use here: ${why}.`);
    return;
  }
  if (!settings.offline) {
    await unregisterOld();
    return;
  }
  try {
    await navigator.serviceWorker.register(new URL("sw.js", ROOT), { scope: ROOT.href });
  } catch (error) {
    show("failed", `The course cannot be kept for offline use here (${error.message}).`);
    return;
  }
  // A page the service worker served and that is still not isolated cannot be: Stop restarts.
  if (!self.crossOriginIsolated && !servedByWorker) isolateTheNextPage();
  await keepOffline();
}

start().catch((error) => show("failed", `Could not save the course for offline use: ${error.message}. It tries again on your next visit.`));

if (globalThis.document$) globalThis.document$.subscribe(bindLine);
else bindLine();
