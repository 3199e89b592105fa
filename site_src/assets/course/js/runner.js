// Runnable blocks: each `div.pyrun` the build wrote becomes an editor with Run, Stop and Reset,
// and a live output shown beside the expected one. Binding runs on every page Material shows
// (instant navigation included) and is safe to run twice.

import * as python from "./python-host.js";
import { courseStore } from "./storage.js";
import { createEditor } from "./editor.js";
import { showStoreNotice } from "./notice.js";
import { showPythonStatus } from "./status.js";
import { nextTask, whenIdle } from "./tasks.js";
import { button, element } from "./dom.js";

/** Compare outputs the way a reader would: line endings and trailing blanks do not count. */
export function normalizeOutput(text) {
  return text.replace(/\r\n/g, "\n").split("\n").map((line) => line.trimEnd()).join("\n").trimEnd();
}

function renderLive(region, result) {
  region.replaceChildren();
  const parts = [
    ["stdout", result.stdout],
    ["stderr", result.stderr],
    ["error", result.error],
  ];
  for (const [kind, text] of parts) {
    if (text) region.append(element("pre", `pyrun__live-${kind}`, text));
  }
  result.figures.forEach((png, index) => {
    const image = element("img", "pyrun__figure");
    image.alt = `Figure ${index + 1} drawn by your code`;
    image.src = `data:image/png;base64,${png}`;
    region.append(image);
  });
  if (!region.childElementCount) region.append(element("p", "pyrun__empty", "(no output)"));
}

const editors = new WeakMap(); // block element -> its editor

/** The current code of the blocks before `block` on the page that share its session. */
function sessionPrelude(block, session) {
  if (!session) return [];
  const prelude = [];
  for (const other of document.querySelectorAll("div.pyrun")) {
    if (other === block) break;
    const otherData = JSON.parse(other.querySelector("script.pyrun__data").textContent);
    if (otherData.session === session && !otherData.buildOnly) prelude.push(editors.get(other).getValue());
  }
  return prelude;
}

function bindBlock(block, pageKey) {
  if (block.dataset.bound === "true") return;
  block.dataset.bound = "true";
  const data = JSON.parse(block.querySelector("script.pyrun__data").textContent);
  const blockId = block.dataset.blockId;
  const storeKey = `${pageKey}#${blockId}`;
  const store = courseStore();
  const title = block.querySelector(".pyrun__title")?.textContent || blockId;

  const toolbar = element("div", "pyrun__toolbar");
  const status = element("span", "pyrun__status");
  const editorHost = element("div", "pyrun__editor");
  const live = element("div", "pyrun__live");
  live.setAttribute("role", "log"); // a live region may carry a name only with a role
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-label", `Your output: ${title}`);
  const verdict = element("p", "pyrun__verdict");
  verdict.setAttribute("aria-live", "polite");
  const yours = element("div", "pyrun__yours");
  yours.append(element("p", "pyrun__label", "Your output"), live, verdict);
  live.append(element("p", "pyrun__empty", "Press Run (or Ctrl+Enter) to see your output here."));

  let running = null;
  const setState = (state) => {
    block.dataset.runState = state;
  };

  const runBlock = async () => {
    if (running || data.buildOnly) return;
    setState("running");
    block.removeAttribute("data-output-match");
    verdict.textContent = "";
    status.textContent = python.isStarted() ? "Running…" : "Starting Python…";
    stopButton.disabled = false;
    runButton.disabled = true;
    const code = editor.getValue();
    running = python.run(code, sessionPrelude(block, data.session));
    try {
      const result = await running;
      renderLive(live, result);
      const matches =
        result.status === "ok" &&
        normalizeOutput(result.stdout) === normalizeOutput(data.expected) &&
        result.figures.length === data.figures;
      block.dataset.outputMatch = String(matches);
      verdict.textContent = matches
        ? "Matches the expected output."
        : "Differs from the expected output: compare the two.";
      const states = { ok: "done", interrupted: "stopped" };
      setState(states[result.status] ?? "error");
      store.set("runs", storeKey, { at: new Date().toISOString(), matched: matches });
      status.textContent = result.status === "interrupted" ? "Stopped (Python interrupted)." : "";
    } catch (error) {
      live.replaceChildren(element("pre", "pyrun__live-error", error.message));
      setState(error.stopped ? "stopped" : "error");
      status.textContent = error.stopped ? "Stopped: Python was restarted." : "";
    } finally {
      running = null;
      stopButton.disabled = true;
      runButton.disabled = false;
    }
  };

  const runButton = button("Run", "pyrun__button pyrun__button--run", runBlock);
  const stopButton = button("Stop", "pyrun__button pyrun__button--stop", async () => {
    if (!running) return;
    const how = await python.stop(running);
    status.textContent =
      how === "interrupted" ? "Stopped (Python interrupted)." : "Stopped: Python was restarted.";
  });
  stopButton.disabled = true;
  const resetButton = button("Reset", "pyrun__button pyrun__button--reset", () => {
    editor.setValue(data.code);
    store.remove("code", storeKey);
    status.textContent = "Code reset to the original.";
  });
  toolbar.append(runButton, stopButton, resetButton, status);
  if (data.buildOnly) runButton.disabled = true;

  // The editor measures itself when created, so its host must be in the page first.
  const expected = block.querySelector(".pyrun__expected");
  const outputs = element("div", "pyrun__outputs");
  block.querySelector(".pyrun__source").replaceWith(toolbar, editorHost);
  expected.replaceWith(outputs);
  outputs.append(expected, yours);

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

async function bindPage() {
  const blocks = [...document.querySelectorAll("div.pyrun")];
  if (!blocks.length) return;
  const pageKey = location.pathname;
  const store = courseStore();
  showStoreNotice(store);
  showPythonStatus(blocks[0]);
  // One editor per task: creating them all at once would block the page for a long task.
  for (const block of blocks) {
    if (!block.isConnected) return; // the learner navigated away meanwhile
    bindBlock(block, pageKey);
    await nextTask();
  }
  whenIdle(() => python.start().catch(() => {}));
}

if (globalThis.document$) globalThis.document$.subscribe(bindPage);
else bindPage();
