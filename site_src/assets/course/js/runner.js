// Runnable blocks: each `div.pyrun` the build wrote becomes an editor with Run, Stop and Reset,
// and the live output is compared with the expected one below it (shown once when they match,
// as a line-by-line diff when they differ). Binding runs on every page Material shows
// (instant navigation included) and is safe to run twice.

import * as python from "./python-host.js";
import { courseStore } from "./storage.js";
import { createEditor } from "./editor.js";
import { showStoreNotice } from "./notice.js";
import { showPythonStatus } from "./status.js";
import { nextTask, whenIdle } from "./tasks.js";
import { button, element } from "./dom.js";
import { collapse, lineDiff } from "./diff.js";
import { pageData } from "./page-data.js";

/** Compare outputs the way a reader would: line endings and trailing blanks do not count. */
export function normalizeOutput(text) {
  return text.replace(/\r\n/g, "\n").split("\n").map((line) => line.trimEnd()).join("\n").trimEnd();
}

const MARKS = { same: "  ", expected: "− ", yours: "+ " };

/** The diff of two outputs as a <pre>: one line per row, marked − (expected only) or + (yours). */
function diffView(expected, yours) {
  const split = (text) => (text ? normalizeOutput(text).split("\n") : []);
  const pre = element("pre", "pyrun__diff");
  const code = element("code");
  for (const op of collapse(lineDiff(split(expected), split(yours)))) {
    const text = op.kind === "skip"
      ? `  … ${op.count} matching line${op.count === 1 ? "" : "s"} …`
      : MARKS[op.kind] + op.text;
    code.append(element("span", `pyrun__diff-line pyrun__diff-line--${op.kind}`, text));
  }
  pre.append(code);
  return pre;
}

function outputText(kind, text) {
  const pre = element("pre", `pyrun__live-${kind}`);
  pre.append(element("code", "", text));
  return pre;
}

function figureImage(figure, index) {
  const image = element("img", "pyrun__figure");
  image.alt = figure.alt || `Figure ${index + 1} drawn by your code`;
  image.src = figure.src;
  return image;
}

/** What differs, in words: the verdict line. */
function differences(result, data, sameText) {
  if (result.status !== "ok") return "Your code did not finish: see the message below.";
  const parts = [];
  if (!sameText) parts.push("the printed lines differ (− expected, + yours)");
  if (result.figures.length !== data.figures) {
    parts.push(`it drew ${result.figures.length} figure(s) where ${data.figures} are expected`);
  }
  return `Differs from the expected output: ${parts.join("; ")}.`;
}

/**
 * Show a run's result. Output equal to the expected one is shown once (the expected text, with
 * the verdict, and the learner's own figures in place of the expected ones); a differing output
 * is shown as a line-by-line diff, with any error below it.
 */
function renderLive(region, verdict, result, data) {
  region.replaceChildren();
  const sameText = normalizeOutput(result.stdout) === normalizeOutput(data.expected);
  const matches = result.status === "ok" && sameText && result.figures.length === data.figures;
  verdict.textContent = matches
    ? "Matches the expected output."
    : differences(result, data, sameText);
  if (!matches && (!sameText || result.stdout)) {
    if (sameText) region.append(outputText("stdout", result.stdout));
    else region.append(diffLegend(), diffView(data.expected, result.stdout));
  }
  if (result.stderr) region.append(outputText("stderr", result.stderr));
  if (result.error) region.append(outputText("error", result.error));
  result.figures.forEach((figure, index) => region.append(figureImage(figure, index)));
  return matches;
}

function diffLegend() {
  return element(
    "p",
    "pyrun__diff-legend",
    "Lines marked − are in the expected output only; lines marked + are in yours only.",
  );
}

const editors = new WeakMap(); // block element -> its editor

/** The current code of the blocks before `block` on the page that share its session. */
function sessionPrelude(block, session) {
  if (!session) return [];
  const prelude = [];
  for (const other of document.querySelectorAll("div.pyrun")) {
    if (other === block) break;
    const otherData = pageData(other, "pyrun");
    if (otherData.session === session && !otherData.buildOnly) prelude.push(editors.get(other)?.getValue() ?? otherData.code);
  }
  return prelude;
}

function bindBlock(block, pageKey) {
  if (block.dataset.bound === "true") return;
  const data = pageData(block, "pyrun"); // before marking it bound: a block without data stays unbound
  block.dataset.bound = "true";
  const blockId = block.dataset.blockId;
  const storeKey = `${pageKey}#${blockId}`;
  const store = courseStore();
  const title = block.querySelector(".pyrun__title")?.textContent || blockId;

  // The build wrote the toolbar's and the outputs' boxes, so binding shifts nothing on the page.
  const toolbar = block.querySelector(".pyrun__toolbar") ?? element("div", "pyrun__toolbar");
  const status = element("span", "pyrun__status");
  const editorHost = element("div", "pyrun__editor");
  const live = element("div", "pyrun__live");
  live.setAttribute("role", "log"); // a live region may carry a name only with a role
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-label", `Your output: ${title}`);
  const verdict = element("p", "pyrun__verdict");
  verdict.setAttribute("aria-live", "polite");
  const yours = block.querySelector(".pyrun__yours") ?? element("div", "pyrun__yours");
  yours.replaceChildren(verdict, live);
  verdict.textContent = "Press Run (or Ctrl+Enter in the code) to compare your output with this.";

  let running = null;
  const setState = (state) => {
    block.dataset.runState = state;
  };
  // Run and Stop stay focusable while they cannot act (aria-disabled, not disabled), so a
  // keyboard user's focus is never dropped to the page when a run starts or ends.
  const enable = (node, on) => node.setAttribute("aria-disabled", String(!on));

  const runBlock = async () => {
    if (running || data.buildOnly) return;
    setState("running");
    block.removeAttribute("data-output-match");
    verdict.textContent = "Running…";
    status.textContent = python.isStarted() ? "Running…" : "Starting Python…";
    enable(stopButton, true);
    enable(runButton, false);
    const code = editor.getValue();
    running = python.run(code, sessionPrelude(block, data.session));
    try {
      const result = await running;
      const matches = renderLive(live, verdict, result, data);
      block.dataset.outputMatch = String(matches);
      const states = { ok: "done", interrupted: "stopped" };
      setState(states[result.status] ?? "error");
      store.set("runs", storeKey, { at: new Date().toISOString(), matched: matches });
      status.textContent = result.status === "interrupted" ? "Stopped (Python interrupted)." : "";
    } catch (error) {
      live.replaceChildren(outputText("error", error.message));
      verdict.textContent = error.stopped ? "Stopped." : "Your code could not run.";
      setState(error.stopped ? "stopped" : "error");
      status.textContent = error.stopped ? "Stopped: Python was restarted." : "";
    } finally {
      running = null;
      enable(stopButton, false);
      enable(runButton, !data.buildOnly);
    }
  };

  const runButton = button("Run", "pyrun__button pyrun__button--run", runBlock);
  const stopButton = button("Stop", "pyrun__button pyrun__button--stop", async () => {
    if (!running) return;
    const how = await python.stop(running);
    status.textContent =
      how === "interrupted" ? "Stopped (Python interrupted)." : "Stopped: Python was restarted.";
  });
  enable(stopButton, false);
  enable(runButton, !data.buildOnly);
  const resetButton = button("Reset", "pyrun__button pyrun__button--reset", () => {
    editor.setValue(data.code);
    store.remove("code", storeKey);
    status.textContent = "Code reset to the original.";
  });
  status.setAttribute("role", "status");
  toolbar.replaceChildren(runButton, stopButton, resetButton, status);

  const expected = block.querySelector(".pyrun__expected");
  let outputs = block.querySelector(".pyrun__outputs");
  if (!outputs) {
    outputs = element("div", "pyrun__outputs");
    expected.replaceWith(outputs);
    outputs.append(expected);
  }
  if (!yours.isConnected && !data.buildOnly) outputs.append(yours);
  if (!toolbar.isConnected) block.querySelector(".pyrun__source").before(toolbar);
  block.querySelector(".pyrun__source").replaceWith(editorHost);

  const saved = store.get("code", storeKey);
  const editor = createEditor(editorHost, {
    value: typeof saved === "string" ? saved : data.code,
    label: `Code: ${title}`,
    readOnly: Boolean(data.buildOnly),
    onRun: runBlock,
    onChange: (text) => {
      if (text === data.code) store.remove("code", storeKey);
      else store.set("code", storeKey, text);
    },
  });
  editors.set(block, editor);
  if (typeof saved === "string" && saved !== data.code) {
    status.textContent = "Your edited code was restored. Reset brings back the original.";
  }
}

async function bindBlocks() {
  const blocks = [...document.querySelectorAll("div.pyrun")];
  if (!blocks.length) return;
  const pageKey = location.pathname;
  const store = courseStore();
  showStoreNotice(store);
  showPythonStatus(blocks[0]);
  // One editor per task: creating them all at once would block the page for a long task.
  for (const block of blocks) {
    if (!block.isConnected) return; // the learner navigated away meanwhile
    try {
      bindBlock(block, pageKey);
    } catch (error) {
      reportError(error); // one broken block leaves the others working
    }
    await nextTask();
  }
  whenIdle(() => python.start().catch(() => {}));
}

if (globalThis.document$) globalThis.document$.subscribe(bindBlocks);
else bindBlocks();
