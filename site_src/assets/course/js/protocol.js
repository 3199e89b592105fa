// Messages between a page and its Python worker. Plain data only: every request carries a
// `type` and an `id`, and gets exactly one reply, a RESULT or an ERROR with the same id.
// STATUS messages carry no id: they narrate loading for the page's status line.

export const Request = Object.freeze({
  INIT: "init", // {indexURL, packages, interruptBuffer?, sizes?}: boot Pyodide, load and import numpy
  RUN: "run", // {code, prelude}: a fresh namespace; earlier session blocks run first, silently
  LOAD: "load", // {packages}: load packages (by name or wheel URL) that are not loaded yet
  CALL: "call", // {module, func, args}: call a function of the course's Python code (grader)
});

export const Reply = Object.freeze({
  RESULT: "result",
  ERROR: "error",
  STATUS: "status", // {phase, text, loaded?, total?}: bytes of Python's files downloaded so far
});

// Messages between a page and the site's service worker (site_src/service-worker.js keeps the
// same names): a request with a type and an id gets one RESULT or ERROR with that id; PROGRESS
// ({build, done, total} bytes) narrates saving the course for offline use, to every page.
export const OfflineRequest = Object.freeze({
  STATUS: "offline-status", // -> {build, page, complete}: the newest build, this page's, saved?
  SAVE: "offline-save", // save the newest build for offline use; -> the status when done
});

export const OfflineReply = Object.freeze({
  RESULT: "result",
  ERROR: "error",
  PROGRESS: "offline-progress",
});

export function request(type, id, fields = {}) {
  return { ...fields, type, id };
}

export function isReply(message) {
  return message !== null && typeof message === "object" &&
    Object.values(Reply).includes(message.type);
}
