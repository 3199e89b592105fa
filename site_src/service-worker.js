// The course's service worker, served as `sw.js` from the site's root (its scope is the whole
// site, under whatever subpath the site lives). The build prepends `const MANIFEST = {...}`: the
// build id and every file with its size, content revision and group (see service_worker.py).
//
// - One cache per build. A page is served entirely from the build it was first served from
//   (its navigation, its fetches, its workers' fetches, Material's instant navigation too), so a
//   page never mixes builds. An update fills the new build's cache completely (copying files
//   that did not change from the old cache) before it takes over; an old cache is deleted once
//   no open page uses it. Only this site's caches are ever deleted: saved work lives in
//   localStorage and is never touched.
// - Every response it serves carries COOP/COEP/CORP, so the page is cross-origin isolated on
//   hosts that cannot send those headers (the coi-serviceworker approach). A first visit's page
//   came from the network without them; the next page the learner opens comes through here
//   (offline.js turns that one link into a full load), isolated.
// - Files are stored only when their content matches the manifest's revision.
/* global MANIFEST */
"use strict";

const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const PREFIX = `course:${SCOPE_PATH}:`;
const BUILD_PREFIX = `${PREFIX}build:`;
const BUILD = MANIFEST.build;
const META = `${PREFIX}meta`;
const COMPLETE_KEY = "__course/complete";
const REVISIONS_KEY = "__course/revisions";
const CLIENTS_KEY = "__course/clients";
const SAVE_CONCURRENCY = 3;
const PROGRESS_EVERY_MS = 250;
const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};
// The same names as protocol.js's OfflineRequest and OfflineReply (a test checks they agree).
const OfflineRequest = Object.freeze({ STATUS: "offline-status", SAVE: "offline-save" });
const OfflineReply = Object.freeze({ RESULT: "result", ERROR: "error", PROGRESS: "offline-progress" });

const entries = new Map(MANIFEST.files.map((entry) => [entry.url, entry]));
const cacheName = (build) => `${BUILD_PREFIX}${build}`;
const urlOf = (key) => new URL(key, SCOPE).href;
const inflight = new Map(); // url -> promise of its verified copy in this build's cache
let saving = null;

/** The manifest key of a URL of this site (`x/index.html` is `x/`), or null. */
function keyOf(href) {
  const url = new URL(href);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE_PATH)) return null;
  let path = url.pathname.slice(SCOPE_PATH.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (path === "" || path === "index.html") return "./";
  if (path.endsWith("/index.html")) return path.slice(0, -"index.html".length);
  return path;
}

function isolatedHeaders(source) {
  const headers = new Headers(source);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return headers;
}

/** The response as it is, plus the isolation headers. */
function withIsolation(response) {
  if (response.status === 0) return response; // opaque or a navigation's redirect: leave it
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: isolatedHeaders(response.headers),
  });
}

async function revisionOf(body) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  const hex = [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return hex.slice(0, 20);
}

/** Store `response` as `entry` of this build, if its content is the build's. */
async function storeVerified(entry, response) {
  const body = await response.arrayBuffer();
  if ((await revisionOf(body)) !== entry.revision) {
    throw Object.assign(new Error(`${entry.url} on the server is not this build's`), { stale: true });
  }
  const headers = isolatedHeaders(response.headers);
  for (const name of ["content-encoding", "content-length", "transfer-encoding"]) headers.delete(name);
  const cache = await caches.open(cacheName(BUILD));
  await cache.put(urlOf(entry.url), new Response(body, { status: 200, statusText: "OK", headers }));
}

function track(url, job) {
  inflight.set(url, job);
  job.then(() => {}, () => {}).finally(() => inflight.delete(url));
  return job;
}

// ---- which build serves which page ----

let owners = null; // client id -> { build, window: the id of the page it belongs to }

function loadOwners() {
  owners ??= (async () => {
    const found = await (await caches.open(META)).match(CLIENTS_KEY);
    return new Map(found ? Object.entries(await found.json()) : []);
  })();
  return owners;
}

async function saveOwners() {
  const map = await loadOwners();
  const body = JSON.stringify(Object.fromEntries(map));
  await (await caches.open(META)).put(CLIENTS_KEY, new Response(body));
}

async function buildFor(event) {
  const map = await loadOwners();
  const { request } = event;
  if (request.mode === "navigate") {
    if (event.resultingClientId) {
      map.set(event.resultingClientId, { build: BUILD, window: event.resultingClientId });
      event.waitUntil(saveOwners());
    }
    return BUILD;
  }
  const owner = map.get(event.clientId);
  const build = owner?.build ?? BUILD;
  if (event.resultingClientId) { // a worker's script: the worker belongs to its page's build
    map.set(event.resultingClientId, { build, window: owner?.window ?? event.clientId });
    event.waitUntil(saveOwners());
  }
  return build;
}

/** Forget pages that are closed; delete this site's caches of builds no open page uses. */
async function cleanup() {
  const map = await loadOwners();
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = new Set(windows.map((client) => client.id));
  for (const [id, owner] of map) if (!open.has(owner.window)) map.delete(id);
  await saveOwners();
  const used = new Set([BUILD, ...[...map.values()].map((owner) => owner.build)]);
  for (const name of await caches.keys()) {
    if (name.startsWith(BUILD_PREFIX) && !used.has(name.slice(BUILD_PREFIX.length))) {
      await caches.delete(name);
    }
  }
}

// ---- serving ----

async function respond(event) {
  const { request } = event;
  const key = keyOf(request.url);
  const build = await buildFor(event);
  if (request.mode === "navigate" && key && !entries.has(key) && entries.has(`${key}/`)) {
    return Response.redirect(urlOf(`${key}/`), 301);
  }
  const cache = await caches.open(cacheName(build));
  // The key has no query (keyOf reads the path), nor has any stored entry: an exact match. With
  // ignoreSearch, Cache Storage compares every entry instead of looking one up, and warm visits
  // were 12 % slower (benchmarks/README.md).
  const found = await cache.match(urlOf(key));
  if (found) return found;
  const entry = build === BUILD && key ? entries.get(key) : undefined;
  if (entry && inflight.has(urlOf(key))) {
    await inflight.get(urlOf(key)).catch(() => {});
    const stored = await cache.match(urlOf(key));
    if (stored) return stored;
  }
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const missing = await cache.match(urlOf("404.html"));
      if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    }
    throw error;
  }
  if (entry && response.ok && !inflight.has(urlOf(key))) {
    // Cache it on the way (a heavier package the first time a page uses it; a runtime file
    // before the saving has reached it), if it is this build's.
    event.waitUntil(track(urlOf(key), storeVerified(entry, response.clone())).catch(() => {}));
  }
  return withIsolation(response);
}

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET" || keyOf(event.request.url) === null) return;
  event.respondWith(respond(event));
});

// ---- saving the build for offline use ----

async function olderCopies() {
  const copies = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(BUILD_PREFIX) || name === cacheName(BUILD)) continue;
    const cache = await caches.open(name);
    const revisions = await cache.match(REVISIONS_KEY);
    if (revisions) copies.push({ cache, revisions: new Map(Object.entries(await revisions.json())) });
  }
  return copies;
}

async function fetchInto(entry) {
  const url = urlOf(entry.url);
  for (const mode of ["no-cache", "reload"]) { // revalidate; then, if stale, bypass the cache
    const response = await fetch(new Request(url, { cache: mode }));
    if (!response.ok) throw new Error(`${entry.url} could not be downloaded (HTTP ${response.status})`);
    try {
      await track(url, storeVerified(entry, response));
      return;
    } catch (error) {
      if (!error.stale || mode === "reload") throw error;
    }
  }
}

async function ensure(cache, entry, older) {
  const url = urlOf(entry.url);
  if (inflight.has(url)) await inflight.get(url).catch(() => {});
  if (await cache.match(url)) return;
  for (const copy of older) {
    if (copy.revisions.get(entry.url) !== entry.revision) continue;
    const same = await copy.cache.match(url);
    if (same) {
      await cache.put(url, same);
      return;
    }
  }
  if (!entry.lazy) await fetchInto(entry);
}

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

async function saveBuild() {
  const cache = await caches.open(cacheName(BUILD));
  if (await cache.match(COMPLETE_KEY)) return;
  const revisions = Object.fromEntries(MANIFEST.files.map((entry) => [entry.url, entry.revision]));
  await cache.put(REVISIONS_KEY, new Response(JSON.stringify(revisions)));
  const older = await olderCopies();
  const wanted = MANIFEST.files.filter((entry) => !entry.lazy);
  wanted.sort((a, b) => Number(Boolean(b.runtime)) - Number(Boolean(a.runtime)));
  const total = wanted.reduce((sum, entry) => sum + entry.size, 0);
  let done = 0;
  let told = 0;
  const queue = [...wanted];
  const work = async () => {
    while (queue.length) {
      const entry = queue.shift();
      await ensure(cache, entry, older);
      done += entry.size;
      if (Date.now() - told > PROGRESS_EVERY_MS) {
        told = Date.now();
        broadcast({ type: OfflineReply.PROGRESS, build: BUILD, done, total });
      }
    }
  };
  await Promise.all(Array.from({ length: SAVE_CONCURRENCY }, work));
  // Heavier packages an older build already holds, unchanged, stay available offline.
  for (const entry of MANIFEST.files) if (entry.lazy) await ensure(cache, entry, older);
  await cache.put(COMPLETE_KEY, new Response(BUILD));
  broadcast({ type: OfflineReply.PROGRESS, build: BUILD, done: total, total });
}

function save() {
  saving ??= saveBuild().finally(() => {
    saving = null;
  });
  return saving;
}

async function status(clientId) {
  const map = await loadOwners();
  const cache = await caches.open(cacheName(BUILD));
  return {
    build: BUILD,
    page: map.get(clientId)?.build ?? null,
    complete: Boolean(await cache.match(COMPLETE_KEY)),
  };
}

const handlers = {
  [OfflineRequest.STATUS]: async (_, source) => {
    await cleanup();
    return status(source?.id);
  },
  [OfflineRequest.SAVE]: async (_, source) => {
    await save();
    return status(source?.id);
  },
};

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  const handler = handlers[message.type];
  const reply = (fields) => event.source?.postMessage({ ...fields, id: message.id });
  const job = handler
    ? handler(message, event.source)
    : Promise.reject(new Error(`unknown request type ${message.type}`));
  event.waitUntil(
    job.then(
      (payload) => reply({ type: OfflineReply.RESULT, payload }),
      (error) => reply({ type: OfflineReply.ERROR, message: String(error?.message ?? error) }),
    ),
  );
});

// ---- lifecycle ----

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const earlier = names.some((name) => name.startsWith(BUILD_PREFIX) && name !== cacheName(BUILD));
    // An update is complete before it takes over; a first install takes over at once and saves
    // the build when the page asks (after its Python is up, so the two do not share the link).
    if (earlier) await save();
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await self.clients.claim();
    await cleanup();
  })());
});
