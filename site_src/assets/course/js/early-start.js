// Inlined at the top of the head of every page that runs Python (a classic script, so it runs at
// once, while the page is still parsing). On a page the service worker served, Python's runtime
// comes from its cache (once the first visit has saved the course): start the worker now, not
// after the page is parsed and Material has started. python-host.js adopts the worker, and the
// replies that came meanwhile, when the page's script runs. A first visit starts nothing here:
// its download waits, so the page paints first.

import { Request, request } from "./protocol.js";
import { initFields } from "./python-init.js";
import { coursePackage } from "./course-package.js";
import { EARLY_ID, EARLY_KEY } from "./early-handoff.js";

(function startEarly(script) {
  if (EARLY_KEY in globalThis || !globalThis.navigator?.serviceWorker?.controller) return;
  const jsBase = new URL(script.dataset.base, location.href).href;
  const extra = script.dataset.needs === "grader" ? [coursePackage(jsBase)] : [];
  const worker = new Worker(new URL("worker.js", jsBase), { type: "module" });
  const early = { worker, id: EARLY_ID, messages: [], failure: "" };
  const keep = (event) => early.messages.push(event.data);
  const fail = (event) => {
    event.preventDefault();
    early.failure = event.message || "script error";
  };
  worker.addEventListener("message", keep);
  worker.addEventListener("error", fail);
  early.fields = initFields(jsBase, ["numpy", ...extra], self.crossOriginIsolated);
  worker.postMessage(request(Request.INIT, EARLY_ID, early.fields));
  /** Stop buffering; return what the worker said so far. */
  early.release = () => {
    worker.removeEventListener("message", keep);
    worker.removeEventListener("error", fail);
    return early.messages;
  };
  globalThis[EARLY_KEY] = early;
})(document.currentScript);
