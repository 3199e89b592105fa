// "Your work" panel on practice and quiz pages (written by the build, site_src/work_panel.py):
// the learner's name and email (asked once), Download my work (one JSON file the instructor
// grades offline) and Load work (from another device).

import { settings } from "./config.js";
import { courseStore } from "./storage.js";
import { buildSubmission, readSubmission, restoreInto } from "./submission.js";
import { element } from "./dom.js";

function fileName(learner) {
  const who = (learner.name || "learner").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `linear-models-work-${who || "learner"}.json`;
}

function download(submission) {
  const blob = new Blob([JSON.stringify(submission, null, 2)], { type: "application/json" });
  const link = element("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName(submission.learner);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Make the build's panel work: the saved name and email, Download my work and Load work. */
function bindPanel(panel) {
  panel.dataset.bound = "true";
  const store = courseStore();
  const message = panel.querySelector(".course-work__message");
  for (const field of ["name", "email"]) {
    const input = panel.querySelector(`#learner-${field}`);
    input.value = store.get("learner", field) ?? "";
    input.addEventListener("change", () => store.set("learner", field, input.value.trim()));
  }
  panel.querySelector(".course-work__download").addEventListener("click", () => {
    const state = courseStore().state;
    if (!state.learner.name || !state.learner.email) {
      message.textContent = "Enter your name and email first: your instructor needs them.";
      return;
    }
    const submission = buildSubmission(state, {
      version: settings.courseVersion,
      exerciseKinds: settings.exercises,
    });
    download(submission);
    message.textContent = `Saved ${Object.keys(submission.exercises).length} exercises and ` +
      `${Object.keys(submission.quizzes).length} quizzes to ${fileName(submission.learner)}.`;
  });
  const loadInput = panel.querySelector(".course-work__file");
  panel.querySelector(".course-work__load").addEventListener("click", () => loadInput.click());
  loadInput.addEventListener("change", async () => {
    const [file] = loadInput.files;
    if (!file) return;
    try {
      const submission = readSubmission(await file.text());
      const current = courseStore();
      const count = restoreInto(current.state, submission, settings.exercises);
      current.save();
      message.textContent = `Loaded ${count} exercises from ${file.name}. Reloading the page…`;
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      message.textContent = `Could not load ${file.name}: ${error.message}. Nothing was changed.`;
    } finally {
      loadInput.value = "";
    }
  });
}

function bindWorkPanels() {
  const panel = document.querySelector(".course-work");
  if (panel && panel.dataset.bound !== "true") bindPanel(panel);
}

if (globalThis.document$) globalThis.document$.subscribe(bindWorkPanels);
else bindWorkPanels();
