// What a page sends its Python worker to boot it (Request.INIT's fields), in one place for
// python-host.js and for the early start in the page's head (early-start.js). `jsBase` is the
// address of assets/course/js/, which the other addresses are relative to.

import { settings } from "./config.js";

export function initFields(jsBase, packages, isolated) {
  const indexURL = settings.pyodideBaseUrl
    ? new URL(settings.pyodideBaseUrl, location.href).href
    : new URL("../../pyodide/", jsBase).href;
  return {
    indexURL,
    packages: [...packages],
    // Stop writes SIGINT here; only an isolated page can share memory with its worker.
    interruptBuffer: isolated ? new Int32Array(new SharedArrayBuffer(4)) : null,
    blockrunURL: new URL("../py/blockrun.py", jsBase).href,
    sizes: settings.pyodideSizes ?? {},
  };
}
