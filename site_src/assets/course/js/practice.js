// Graded exercises: each `div.exercise` the build wrote becomes an editor (or an answer box)
// with Check, Show hint and Show solution. Check runs the course's `grader` in the page's Python
// worker on fresh variant data; status, attempts, hints and code survive a reload.

import * as python from "./python-host.js";
import { courseStore } from "./storage.js";
import { createEditor } from "./editor.js";
import { coursePackage } from "./course-package.js";
import { settings } from "./config.js";
import { showStoreNotice } from "./notice.js";
import { showPythonStatus } from "./status.js";
import { nextTask, whenIdle } from "./tasks.js";
import { button, element } from "./dom.js";
import { pageData } from "./page-data.js";

const STATUS_TEXT = {
  passed: "Passed",
  failed: "Not yet",
  error: "Your code raised an error",
  timeout: "Stopped: it ran too long",
  missing: "Nothing to check yet",
};

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** What the learner typed, as the grader should see it: a number, text, or nothing. */
export function parseAnswer(text) {
  if (text.trim() === "") return null;
  return NUMBER.test(text) ? Number(text) : text;
}

function randomSeed() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

export function codeKey(exerciseId) {
  return `exercise:${exerciseId}`;
}

/**
 * Resolve with the grader's report, or, when the learner's code outlives the limit the offline
 * grader applies, stop it and resolve with the offline grader's timeout report.
 */
async function withinCheckLimit(job, points) {
  const { seconds, feedback } = settings.checkTimeout;
  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(() => resolve("expired"), seconds * 1000);
  });
  const outcome = await Promise.race([job.catch((error) => ({ error })), expired]);
  clearTimeout(timer);
  if (outcome === "expired") {
    await python.stop(job);
    await job.catch(() => {});
    return { status: "timeout", score: 0, max_score: points, feedback };
  }
  if (outcome.error) throw outcome.error;
  return outcome;
}

function renderReport(region, report) {
  region.replaceChildren();
  const heading = element("p", `exercise__verdict exercise__verdict--${report.status}`);
  heading.textContent = `${STATUS_TEXT[report.status] ?? report.status} (${report.score} of ${report.max_score})`;
  region.append(heading);
  if (report.feedback.length) {
    const list = element("ul", "exercise__feedback-list");
    for (const line of report.feedback) list.append(element("li", "", line));
    region.append(list);
  }
}

function bindExercise(root) {
  if (root.dataset.bound === "true") return;
  const data = pageData(root, "exercise");
  root.dataset.bound = "true";
  const id = root.dataset.exerciseId;
  const title = root.querySelector(".exercise__title").textContent;
  const store = courseStore();
  const saved = () => store.get("exercises", id) ?? { attempts: 0, hints: 0 };
  const remember = (changes) => store.set("exercises", id, { ...saved(), ...changes });

  const toolbar = element("div", "pyrun__toolbar");
  const work = element("div", "exercise__work");
  const output = element("div", "pyrun__live exercise__output");
  output.setAttribute("role", "log"); // a live region may carry a name only with a role
  output.setAttribute("aria-live", "polite");
  output.setAttribute("aria-label", `Output: ${title}`);
  const feedback = element("div", "exercise__feedback");
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  feedback.setAttribute("aria-label", `Feedback: ${title}`);
  const hintList = element("ol", "exercise__hints");
  const solution = element("div", "exercise__solution");
  root.append(work, toolbar, output, feedback, hintList, solution);

  let readWork;
  let editor = null;
  if (data.kind === "code") {
    const storedCode = store.get("code", codeKey(id));
    editor = createEditor(work, {
      value: typeof storedCode === "string" ? storedCode : data.starter,
      label: `Code: ${title}`,
      onRun: () => runCode(),
      onChange: (text) => store.set("code", codeKey(id), text),
    });
    readWork = () => ({ code: editor.getValue() });
  } else {
    const inputId = `answer-${id}`;
    const label = element("label", "exercise__answer-label", "Your answer");
    label.htmlFor = inputId;
    const input = element("input", "exercise__answer");
    input.id = inputId;
    input.type = "text";
    input.inputMode = "decimal";
    input.autocomplete = "off";
    input.value = saved().answer ?? "";
    input.addEventListener("input", () => remember({ answer: input.value }));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") check();
    });
    work.append(label, input);
    readWork = () => ({ answer: parseAnswer(input.value) });
  }

  let busy = null;
  const setBusy = (promise) => {
    busy = promise;
    for (const node of [runButton, checkButton]) if (node) node.disabled = Boolean(promise);
    if (stopButton) stopButton.disabled = !promise;
  };

  async function runCode() {
    if (busy) return;
    const job = python.run(editor.getValue());
    setBusy(job);
    try {
      const result = await job;
      output.replaceChildren(
        ...["stdout", "stderr", "error"]
          .filter((part) => result[part])
          .map((part) => element("pre", `pyrun__live-${part}`, result[part])),
      );
      if (!output.childElementCount) output.append(element("p", "pyrun__empty", "(no output)"));
    } catch (error) {
      output.replaceChildren(element("pre", "pyrun__live-error", error.message));
    } finally {
      setBusy(null);
    }
  }

  async function check() {
    if (busy) return;
    root.dataset.checkState = "checking";
    feedback.replaceChildren(element("p", "exercise__verdict", "Checking…"));
    const args = { exercise_id: id, work: readWork(), seed: randomSeed() };
    const loading = python.load([coursePackage()]);
    setBusy(loading);
    try {
      await loading; // booting Python does not count against the learner's time limit
      const job = python.call("grader", "check_in_process", args);
      setBusy(job);
      const report = await withinCheckLimit(job, data.points);
      renderReport(feedback, report);
      root.dataset.checkState = report.status;
      const previous = saved();
      remember({
        status: previous.status === "passed" ? "passed" : report.status,
        lastStatus: report.status,
        attempts: (previous.attempts ?? 0) + 1,
        feedback: report.feedback,
      });
      solutionButton.disabled = false;
    } catch (error) {
      root.dataset.checkState = error.stopped ? "stopped" : "error";
      const text = error.stopped ? "Stopped before the check finished." : error.message;
      feedback.replaceChildren(element("p", "exercise__verdict", text));
    } finally {
      setBusy(null);
    }
  }

  const showHints = (count) => {
    hintList.replaceChildren(...data.hints.slice(0, count).map((hint) => element("li", "", hint)));
    const left = data.hints.length - count;
    hintButton.textContent = left ? `Show hint (${count + 1} of ${data.hints.length})` : "No more hints";
    hintButton.disabled = left === 0;
  };
  const showSolution = () => {
    solution.replaceChildren(
      element("p", "pyrun__label", "A reference solution"),
      element("pre", "exercise__solution-code", data.solution),
    );
    solutionButton.disabled = true;
  };

  const runButton = data.kind === "code" ? button("Run", "pyrun__button pyrun__button--run", runCode) : null;
  const stopButton = data.kind === "code"
    ? button("Stop", "pyrun__button pyrun__button--stop", async () => busy && python.stop(busy))
    : null;
  const checkButton = button("Check", "pyrun__button pyrun__button--check", check);
  const hintButton = button("Show hint", "pyrun__button pyrun__button--hint", () => {
    const count = Math.min((saved().hints ?? 0) + 1, data.hints.length);
    remember({ hints: count });
    showHints(count);
  });
  const solutionButton = button("Show solution", "pyrun__button pyrun__button--solution", () => {
    remember({ solutionShown: true });
    showSolution();
  });
  const resetButton = data.kind === "code"
    ? button("Reset", "pyrun__button pyrun__button--reset", () => {
        editor.setValue(data.starter);
        store.remove("code", codeKey(id));
      })
    : null;
  toolbar.append(...[runButton, stopButton, checkButton, hintButton, solutionButton, resetButton].filter(Boolean));
  if (stopButton) stopButton.disabled = true;

  const state = saved();
  showHints(state.hints ?? 0);
  solutionButton.disabled = !(state.attempts > 0);
  if (state.solutionShown) showSolution();
  if (state.lastStatus) {
    root.dataset.checkState = state.lastStatus;
    renderReport(feedback, {
      status: state.lastStatus,
      score: state.lastStatus === "passed" ? data.points : 0,
      max_score: data.points,
      feedback: state.feedback ?? [],
    });
    const attempts = element("p", "exercise__attempts", `Attempts so far: ${state.attempts}.`);
    feedback.append(attempts);
  }
}

async function bindExercises() {
  const exercises = [...document.querySelectorAll("div.exercise")];
  if (!exercises.length) return;
  showStoreNotice(courseStore());
  showPythonStatus(exercises[0]);
  for (const exercise of exercises) {
    if (!exercise.isConnected) return; // the learner navigated away meanwhile
    try {
      bindExercise(exercise);
    } catch (error) {
      reportError(error); // one broken exercise leaves the others working
    }
    await nextTask(); // one editor per task keeps the page responsive
  }
  whenIdle(() => python.start([coursePackage()]).catch(() => {}));
}

if (globalThis.document$) globalThis.document$.subscribe(bindExercises);
else bindExercises();
