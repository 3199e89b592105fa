// The page's Python: one Pyodide per worker, never on the main thread.
// `handle` turns one request into exactly one reply; the listener at the bottom is the only
// place that touches `self`.

import { Reply, Request } from "./protocol.js";

let pyodide = null;
let booting = null;
let callJson = null;
let fontCacheBuilt = false;

const notify = (text, phase = "loading", fields = {}) =>
  self.postMessage({ type: Reply.STATUS, phase, text, ...fields });

// ---- download progress: bytes of Pyodide's files as they arrive, against the build's sizes ----

const PROGRESS_EVERY_MS = 100;
const CORE_FILES = ["pyodide-lock.json", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"];
const downloads = { index: "", sizes: {}, label: "", loaded: 0, total: 0, planned: new Set(), told: 0, failed: [] };
let downloadFailed = () => {};

function tell(force = false) {
  const now = performance.now();
  if (!force && now - downloads.told < PROGRESS_EVERY_MS) return;
  downloads.told = now;
  const { label, loaded, total } = downloads;
  notify(label, "loading", { loaded: Math.min(loaded, total || loaded), total });
}

/** Start counting a new download phase; `names` are the files it will fetch, if known. */
function beginDownloads(label, names = []) {
  Object.assign(downloads, { label, loaded: 0, total: 0, planned: new Set() });
  for (const name of names) plan(name, downloads.sizes[name]);
  tell(true);
}

function plan(name, size) {
  if (downloads.planned.has(name) || !size) return;
  downloads.planned.add(name);
  downloads.total += size;
}

/** Count `response`'s bytes as they arrive; resolve with them (as chunks). */
async function count(name, response) {
  plan(name, downloads.sizes[name] ?? Number(response.headers.get("content-length")));
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    downloads.loaded += value.byteLength;
    tell();
  }
  tell(true);
  return chunks;
}

const DIGESTS = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

/** Whether `bytes` match one of the `integrity` metadata ("sha256-<base64>" ...), as SRI checks. */
async function matchesIntegrity(bytes, integrity) {
  for (const item of integrity.trim().split(/\s+/)) {
    const cut = item.indexOf("-");
    const algorithm = DIGESTS[item.slice(0, cut)];
    if (!algorithm) continue;
    const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
    if (btoa(String.fromCharCode(...digest)) === item.slice(cut + 1)) return true;
  }
  return false;
}

/**
 * Fetch a package Pyodide checks by its lock's sha256. With `integrity` the browser releases no
 * byte before the last has arrived and been checked, so NumPy's 3 MB reached the bar at once:
 * the bytes are fetched without it, counted as they come, and checked here the same way.
 */
async function fetchChecked(fetchFile, input, { integrity, ...init }, name) {
  const response = await fetchFile(input, init);
  if (!response.ok || !response.body) return response;
  const bytes = await new Blob(await count(name, response)).arrayBuffer();
  if (!(await matchesIntegrity(bytes, integrity))) {
    throw new TypeError(`${name} does not match the checksum in pyodide-lock.json`);
  }
  const { status, statusText, headers } = response;
  return new Response(bytes, { status, statusText, headers });
}

/** Count the bytes of every fetch of Pyodide's files on a copy of the response. */
function countDownloads(index, sizes) {
  Object.assign(downloads, { index, sizes });
  const fetchFile = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const href = new URL(input instanceof globalThis.Request ? input.url : input, self.location.href).href;
    const name = href.startsWith(index) ? href.slice(index.length) : null;
    const checked = Boolean(name && init?.integrity);
    let response;
    try {
      response = await (checked ? fetchChecked(fetchFile, input, init, name) : fetchFile(input, init));
    } catch (error) {
      if (name) failed(`${name} (${error.message})`);
      throw error;
    }
    if (name && !response.ok) failed(`${name} (HTTP ${response.status})`);
    // Otherwise the original goes to Pyodide untouched (its URL keeps the compiled-code cache
    // working for the runtime's wasm), and a copy is counted.
    if (name && !checked && response.ok && response.body) count(name, response.clone()).catch(() => {});
    return response;
  };
}

function failed(what) {
  downloads.failed.push(what);
  downloadFailed(downloadFailure(null));
}

function closure(lock, names) {
  const files = new Set();
  const seen = new Set();
  const todo = [...names];
  while (todo.length) {
    const name = todo.pop();
    const entry = lock.packages?.[name];
    if (!entry || seen.has(name)) continue;
    seen.add(name);
    files.add(entry.file_name);
    todo.push(...(entry.depends ?? []));
  }
  return [...files];
}

function downloadFailure(error) {
  if (!downloads.failed.length) return error;
  const files = downloads.failed.join(", ");
  return new Error(`could not download ${files}. Check the connection and reload the page.`);
}

async function loadPackages(py, names) {
  const failures = [];
  await py.loadPackage(names, {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(message),
  });
  if (failures.length) throw new Error(`could not load ${names.join(", ")}: ${failures.join("; ")}`);
}

/** Import NumPy and the course's runner code now, so the learner's first Run costs a rerun. */
async function warmUp(py, packages) {
  await py.loadPackagesFromImports("import numpy", { messageCallback: () => {} });
  const blockrun = py.pyimport("blockrun");
  const namespace = blockrun.new_namespace();
  // What the pages' first blocks do: arrays of floats and ints printed, rounded, formatted.
  const code = [
    "import numpy as np",
    "x = np.linspace(0.0, 1.0, 5)",
    'print(x, np.diff(x * 10).astype(int), np.round(x.mean(), 3), f"{x @ x:.2f}")',
  ].join("\n");
  const result = blockrun.run_block(code, namespace);
  result.toJs({ dict_converter: Object.fromEntries }); // the reply's conversion, warmed too
  result.destroy();
  namespace.destroy();
  blockrun.destroy();
  if (packages.some((name) => name === "linear-models-course" || name.endsWith(".whl"))) {
    py.runPython("import grader");
  }
}

async function boot(message) {
  try {
    return await bootPython(message);
  } catch (error) {
    throw downloadFailure(error);
  }
}

async function bootPython({ indexURL, packages, interruptBuffer, blockrunURL, sizes = {} }) {
  countDownloads(indexURL, sizes);
  beginDownloads("Loading Python…", CORE_FILES);
  // The packages' share of the download, from the lock (Pyodide reads it again from the cache).
  const lock = fetch(new URL("pyodide-lock.json", indexURL).href)
    .then((response) => (response.ok ? response.json() : {}), () => ({}))
    .then((found) => closure(found, packages).forEach((name) => plan(name, downloads.sizes[name])));
  const asm = fetch(new URL("pyodide.asm.js", indexURL).href).catch(() => {}); // counted; cached
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  await Promise.all([asm, lock]);
  // Pyodide only logs a failed runtime download and waits: fail at once, saying which file.
  const failure = new Promise((_, reject) => {
    downloadFailed = reject;
  });
  failure.catch(() => {});
  const py = await Promise.race([loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} }), failure]);
  downloadFailed = () => {};
  if (interruptBuffer) py.setInterruptBuffer(interruptBuffer);
  await loadPackages(py, packages);
  notify("Starting Python…");
  const response = await fetch(blockrunURL);
  if (!response.ok) throw new Error(`could not fetch the block runner (${response.status})`);
  py.FS.mkdirTree("/course");
  py.FS.writeFile("/course/blockrun.py", await response.text());
  callJson = py.runPython(`
import importlib, json, sys
sys.path.insert(0, "/course")
import blockrun

def _call_json(module, func, args_json):
    target = getattr(importlib.import_module(module), func)
    return json.dumps(target(**json.loads(args_json)))
_call_json
`);
  await warmUp(py, packages);
  pyodide = py;
  notify("Python ready", "ready");
  return py;
}

function ready(message) {
  if (pyodide) return Promise.resolve(pyodide);
  booting ??= boot(message).catch((error) => {
    booting = null;
    throw error;
  });
  return booting;
}

async function run({ code, prelude = [] }) {
  const py = await ready();
  let loaded = false;
  await py.loadPackagesFromImports([...prelude, code].join("\n"), {
    messageCallback: (text) => {
      if (!text.startsWith("Loading") || loaded) return;
      loaded = true;
      beginDownloads(`${text.replace(/[.…]*$/, "")}…`);
    },
    errorCallback: () => {},
  });
  if (loaded) notify("Python ready", "ready");
  const blockrun = py.pyimport("blockrun");
  try {
    if (!fontCacheBuilt && "matplotlib" in py.loadedPackages) {
      blockrun.build_font_cache(); // before the learner's run, so its warning is not theirs
      fontCacheBuilt = true;
    }
    // A shared session is rebuilt on each run, as the build ran it: earlier blocks, then this.
    const namespace = blockrun.new_namespace();
    for (const [index, earlier] of prelude.entries()) {
      const result = blockrun.run_block(earlier, namespace);
      const status = result.get("status");
      const error = result.get("error");
      result.destroy();
      if (status !== "ok") {
        return {
          status: "error", stdout: "", stderr: "", figures: [],
          error: `Block ${index + 1} of this session failed before this one could run:\n${error}`,
        };
      }
    }
    const result = blockrun.run_block(code, namespace);
    const plain = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
    namespace.destroy();
    return plain;
  } finally {
    blockrun.destroy();
  }
}

async function call({ module, func, args, packages = [] }) {
  const py = await ready();
  if (packages.length) await loadPackages(py, packages);
  return JSON.parse(callJson(module, func, JSON.stringify(args ?? {})));
}

const handlers = {
  [Request.INIT]: async (message) => {
    await ready(message);
    return { ready: true };
  },
  [Request.RUN]: run,
  [Request.LOAD]: async ({ packages }) => {
    await loadPackages(await ready(), packages);
    return { loaded: packages };
  },
  [Request.CALL]: call,
};

export async function handle(message) {
  const handler = handlers[message?.type];
  if (!handler) {
    return { type: Reply.ERROR, id: message?.id, message: `unknown request type ${message?.type}` };
  }
  try {
    return { type: Reply.RESULT, id: message.id, payload: await handler(message) };
  } catch (error) {
    // Python's own errors are caught inside blockrun and the grader, so any other error that
    // reaches here means the runtime itself failed (os._exit, a fatal error): the page
    // replaces this worker.
    const text = String(error?.message ?? error);
    // Stop during a grader call surfaces as KeyboardInterrupt: Python itself is fine.
    const interrupted = text.includes("KeyboardInterrupt");
    return { type: Reply.ERROR, id: message.id, message: text, interrupted };
  }
}

self.addEventListener("message", async (event) => {
  self.postMessage(await handle(event.data));
});
