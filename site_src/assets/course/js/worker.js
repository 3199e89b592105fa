// The page's Python: one Pyodide per worker, never on the main thread.
// `handle` turns one request into exactly one reply; the listener at the bottom is the only
// place that touches `self`.

import { Reply, Request } from "./protocol.js";

let pyodide = null;
let booting = null;
let callJson = null;
let fontCacheBuilt = false;

const notify = (text, phase = "loading") => self.postMessage({ type: Reply.STATUS, phase, text });

async function loadPackages(py, names) {
  const failures = [];
  await py.loadPackage(names, {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(message),
  });
  if (failures.length) throw new Error(`could not load ${names.join(", ")}: ${failures.join("; ")}`);
}

async function boot({ indexURL, packages, interruptBuffer, blockrunURL }) {
  notify("Loading Python…");
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const py = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  if (interruptBuffer) py.setInterruptBuffer(interruptBuffer);
  notify(`Loading ${packages.join(", ")}…`);
  await loadPackages(py, packages);
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
      if (!text.startsWith("Loading")) return;
      loaded = true;
      notify(text);
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
