// Messages between a page and its Python worker. Plain data only: every request carries a
// `type` and an `id`, and gets exactly one reply, a RESULT or an ERROR with the same id.
// STATUS messages carry no id: they narrate loading for the page's status line.

export const Request = Object.freeze({
  INIT: "init", // {indexURL, packages, interruptBuffer?}: boot Pyodide and load numpy
  RUN: "run", // {code, prelude}: a fresh namespace; earlier session blocks run first, silently
  LOAD: "load", // {packages}: load packages (by name or wheel URL) that are not loaded yet
  CALL: "call", // {module, func, args}: call a function of the course's Python code (grader)
});

export const Reply = Object.freeze({
  RESULT: "result",
  ERROR: "error",
  STATUS: "status",
});

export function request(type, id, fields = {}) {
  return { ...fields, type, id };
}

export function isReply(message) {
  return message !== null && typeof message === "object" &&
    Object.values(Reply).includes(message.type);
}
