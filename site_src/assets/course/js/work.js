// "Your work" panel on practice and quiz pages: the learner's name and email (asked once),
// Download my work (one JSON file the instructor grades offline) and Load work (another device).

import { settings } from "./config.js";
import { courseStore } from "./storage.js";
import { buildSubmission, readSubmission, restoreInto } from "./submission.js";
import { element } from "./dom.js";

function labelledInput(id, label, type, value, onInput) {
  const wrapper = element("p", "course-work__field");
  const labelNode = element("label", "", label);
  labelNode.htmlFor = id;
  const input = element("input");
  Object.assign(input, { id, type, value, autocomplete: type === "email" ? "email" : "name" });
  input.addEventListener("change", () => onInput(input.value.trim()));
  wrapper.append(labelNode, input);
  return wrapper;
}

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

function buildPanel() {
  const store = courseStore();
  const panel = element("fieldset", "course-work");
  panel.append(element("legend", "", "Your work"));
  const message = element("p", "course-work__message");
  message.setAttribute("role", "status");
  const remember = (field) => (value) => {
    store.set("learner", field, value);
  };
  panel.append(
    labelledInput("learner-name", "Name", "text", store.get("learner", "name") ?? "", remember("name")),
    labelledInput("learner-email", "Email", "email", store.get("learner", "email") ?? "", remember("email")),
  );
  const actions = element("p", "course-work__actions");
  const downloadButton = element("button", "md-button md-button--primary", "Download my work");
  downloadButton.type = "button";
  downloadButton.addEventListener("click", () => {
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
  const loadInput = element("input", "course-work__file");
  loadInput.type = "file";
  loadInput.accept = "application/json,.json";
  loadInput.id = "course-work-file";
  loadInput.tabIndex = -1; // reached through the Load work button
  loadInput.setAttribute("aria-label", "Work file to load");
  const loadButton = element("button", "md-button", "Load work");
  loadButton.type = "button";
  loadButton.addEventListener("click", () => loadInput.click());
  loadInput.addEventListener("change", async () => {
    const [file] = loadInput.files;
    if (!file) return;
    try {
      const submission = readSubmission(await file.text());
      const store = courseStore();
      const count = restoreInto(store.state, submission, settings.exercises);
      store.save();
      message.textContent = `Loaded ${count} exercises from ${file.name}. Reloading the page…`;
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      message.textContent = `Could not load ${file.name}: ${error.message}. Nothing was changed.`;
    } finally {
      loadInput.value = "";
    }
  });
  actions.append(downloadButton, loadButton, loadInput);
  panel.append(actions, message);
  return panel;
}

function bindPage() {
  const first = document.querySelector("div.exercise, .quiz");
  if (!first || document.querySelector(".course-work")) return;
  const slot = document.querySelector(".course-work-slot");
  if (slot) slot.replaceWith(buildPanel());
  else first.before(buildPanel());
}

if (globalThis.document$) globalThis.document$.subscribe(bindPage);
else bindPage();
