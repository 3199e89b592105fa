// The build's data for each block, exercise and quiz: a `<script type="application/json"
// class="<kind>__data">` that is a direct child of its `div.pyrun`, `div.exercise` or `div.quiz`.
//
// Material's instant navigation re-creates every inline <script> of the page it swaps in, as a bare
// classic script with the same text and none of the attributes: no type (so the browser runs the
// JSON as JavaScript, a SyntaxError "Unexpected token ':'" reported from Material's replaceWith),
// and no class (so `script.pyrun__data` no longer matches). Both are handled here:
//  - a SyntaxError raised by such a re-created data script is recognised (document.currentScript
//    is that script, a direct child of a course block) and cancelled, and the script gets its type
//    and class back, as the build wrote them;
//  - `pageData` reads a root's data script by position as well as by class, and keeps the parsed
//    data per root, so a page bound after instant navigation reads the same data as a full load.

const KINDS = ["pyrun", "exercise", "quiz"];

function ownerKind(script) {
  const root = script.parentElement;
  if (root?.tagName !== "DIV") return null;
  return KINDS.find((kind) => root.classList.contains(kind)) ?? null;
}

function restoreDataScript(event) {
  const script = document.currentScript;
  if (!(event.error instanceof SyntaxError) || !(script instanceof HTMLScriptElement)) return;
  if (script.src || script.type) return; // not what Material makes of an inline script
  const kind = ownerKind(script);
  if (!kind) return;
  script.type = "application/json";
  script.className = `${kind}__data`;
  event.preventDefault(); // data, not a program: nothing ran, nothing to report
}

// Once per window (modules are evaluated once; the flag guards a second copy of this file).
if (!globalThis.__courseDataGuard) {
  globalThis.__courseDataGuard = true;
  globalThis.addEventListener("error", restoreDataScript);
}

const parsed = new WeakMap(); // root element -> its data

/** The data script of `root` (a `div.<kind>`), as the build wrote it or as Material re-made it. */
export function dataScript(root, kind) {
  return (
    root.querySelector(`:scope > script.${kind}__data`) ??
    root.querySelector(":scope > script:not([src])")
  );
}

/** The parsed data of `root` (a `div.<kind>`); it throws if the page carries none. */
export function pageData(root, kind) {
  if (parsed.has(root)) return parsed.get(root);
  const script = dataScript(root, kind);
  if (!script) throw new Error(`no ${kind} data in this ${kind} block`);
  const data = JSON.parse(script.textContent);
  parsed.set(root, data);
  return data;
}
