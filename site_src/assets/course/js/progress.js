// The course home's progress panel: per chapter, the blocks run, the exercises passed, the best
// quiz score and whether the chapter is complete (its quiz passed above the mark), read from
// the saved store and the course map the build writes. "Reset my progress" asks first.

import { courseStore } from "./storage.js";
import { showStoreNotice } from "./notice.js";
import { element } from "./dom.js";

const MAP_URL = new URL("../course-map.json", import.meta.url);
const SITE_ROOT = new URL("../../../", import.meta.url);
const CONFIRM =
  "Reset your progress? This deletes everything this course saved in this browser: edited " +
  "code, runs, exercise results, quiz answers and scores, and your name and email. " +
  "Download your work first if you want to keep it.";

let mapRequest = null;

function courseMap() {
  mapRequest ??= fetch(MAP_URL).then((response) => {
    if (!response.ok) throw new Error(`the course map is missing (${response.status})`);
    return response.json();
  });
  mapRequest.catch(() => {
    mapRequest = null;
  });
  return mapRequest;
}

/** A run's key without a trailing index.html, so both spellings of a page's address count. */
const runKey = (path, blockId) => `${path.replace(/index\.html$/, "")}#${blockId}`;

/** One chapter's progress, from the store's state. */
export function chapterProgress(chapter, state, siteRoot = SITE_ROOT) {
  const runs = new Set(
    Object.keys(state.runs).map((key) => {
      const cut = key.lastIndexOf("#");
      return runKey(key.slice(0, cut), key.slice(cut + 1));
    }),
  );
  let blocksRun = 0;
  let blocks = 0;
  for (const page of chapter.pages) {
    const path = new URL(page.url, siteRoot).pathname;
    blocks += page.blocks.length;
    blocksRun += page.blocks.filter((id) => runs.has(runKey(path, id))).length;
  }
  const passed = chapter.exercises.filter((id) => state.exercises[id]?.status === "passed").length;
  const quizzes = chapter.quizzes.map((id) => ({ id, best: state.quizzes[id]?.best ?? null }));
  const complete = quizzes.length > 0 && quizzes.every((quiz) => quiz.best?.passed === true);
  return { blocksRun, blocks, passed, exercises: chapter.exercises.length, quizzes, complete };
}

function quizText(quizzes) {
  if (!quizzes.length) return "No quiz";
  return quizzes
    .map(({ best }) => (best ? `${best.score} of ${best.max_score} (${Math.round(best.percent)}%)` : "Not taken yet"))
    .join("; ");
}

function chapterRow(chapter, progress) {
  const row = element("tr");
  row.dataset.chapter = chapter.title;
  row.dataset.complete = String(progress.complete);
  const heading = element("th");
  heading.scope = "row";
  const link = element("a", "", chapter.title);
  link.href = new URL(chapter.pages[0]?.url ?? "", SITE_ROOT).href;
  heading.append(link);
  const cells = [
    ["blocks", `${progress.blocksRun} of ${progress.blocks}`],
    ["exercises", `${progress.passed} of ${progress.exercises}`],
    ["quiz", quizText(progress.quizzes)],
    ["status", progress.complete ? "Complete" : "Not complete yet"],
  ].map(([field, text]) => {
    const cell = element("td", `course-progress__${field}`, text);
    cell.dataset.field = field;
    return cell;
  });
  row.append(heading, ...cells);
  return row;
}

function progressTable(map, state) {
  const table = element("table");
  table.append(element("caption", "", "Your progress, as saved in this browser"));
  const head = element("tr");
  for (const title of ["Chapter", "Blocks run", "Exercises passed", "Best quiz score", "Status"]) {
    const cell = element("th", "", title);
    cell.scope = "col";
    head.append(cell);
  }
  const body = element("tbody");
  for (const chapter of map.chapters) body.append(chapterRow(chapter, chapterProgress(chapter, state)));
  const thead = element("thead");
  thead.append(head);
  table.append(thead, body);
  return table;
}

async function render(panel) {
  const tableSlot = panel.querySelector(".course-progress__table");
  try {
    const map = await courseMap();
    const wrapper = element("div", "md-typeset__table");
    wrapper.append(progressTable(map, courseStore().state));
    tableSlot.replaceChildren(wrapper);
    panel.dataset.state = "ready";
  } catch (error) {
    tableSlot.replaceChildren(element("p", "", `Your progress could not be shown: ${error.message}.`));
    panel.dataset.state = "error";
  }
}

function buildPanel() {
  const panel = element("div", "course-progress");
  const message = element("p", "course-progress__message");
  message.setAttribute("role", "status");
  const reset = element("button", "md-button course-progress__reset", "Reset my progress");
  reset.type = "button";
  reset.addEventListener("click", async () => {
    if (!globalThis.confirm(CONFIRM)) {
      message.textContent = "Nothing was reset.";
      return;
    }
    courseStore().reset();
    await render(panel);
    message.textContent = "Your progress was reset: this browser now holds no course data.";
  });
  panel.append(element("div", "course-progress__table"), reset, message);
  return panel;
}

function bindProgress() {
  const slot = document.querySelector(".course-progress-slot");
  if (!slot) return;
  const store = courseStore();
  showStoreNotice(store);
  const panel = buildPanel();
  slot.replaceWith(panel);
  render(panel);
}

if (globalThis.document$) globalThis.document$.subscribe(bindProgress);
else bindProgress();
