// The chapter quiz: each `div.quiz` the build wrote becomes a quiz with Submit answers and
// Retake. The course's `grader` scores it in the page's Python worker (the same function
// grades exported work offline). Choices are shuffled per attempt from a seed, in the same
// order as grader.quiz.choice_order; answers name choices by id, so order never matters.
// Saved under the quiz id in the store's `quizzes` section: {seed, answers, attempts, best,
// result}; `answers` (the current attempt) is what Download my work exports.

import * as python from "./python-host.js";
import { courseStore } from "./storage.js";
import { coursePackage } from "./course-package.js";
import { showStoreNotice } from "./notice.js";
import { whenIdle } from "./tasks.js";
import { QuestionView } from "./quiz-question.js";
import { button, element } from "./dom.js";
import { dataScript, pageData } from "./page-data.js";

const sameAnswers = (a, b) => JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
const sortedKeys = (value) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]))
    : value;

const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];
const scoreText = (s) => `${s.score} of ${s.max_score} (${Math.round(s.percent)}%)`;

function bindQuiz(root) {
  if (root.dataset.bound === "true") return;
  const data = pageData(root, "quiz");
  root.dataset.bound = "true";
  const quizId = root.dataset.quizId;
  const store = courseStore();
  const saved = () => store.get("quizzes", quizId) ?? {};
  const remember = (changes) => store.set("quizzes", quizId, { ...saved(), ...changes });
  const questions = data.questions.map((question) => new QuestionView(root, question));

  const result = element("div", "quiz__result");
  result.setAttribute("role", "status");
  result.tabIndex = -1;
  const progress = element("p", "quiz__progress");
  const submitButton = button("Submit answers", "md-button md-button--primary quiz__submit", () => submit());
  const retakeButton = button("Retake the quiz", "md-button quiz__retake", () => retake());
  const actions = element("div", "quiz__actions");
  actions.append(submitButton, retakeButton, progress);
  dataScript(root, "quiz").before(result, actions);

  const readAnswers = () => {
    const answers = {};
    for (const question of questions) {
      const answer = question.read();
      if (answer !== null) answers[question.id] = answer;
    }
    return answers;
  };
  const showProgress = () => {
    const count = Object.keys(readAnswers()).length;
    progress.textContent = `${count} of ${questions.length} answered.`;
  };
  const bestLine = (state) =>
    state.best
      ? `Best score so far: ${scoreText(state.best)} after ${state.attempts} ` +
        `${state.attempts === 1 ? "attempt" : "attempts"}. ` +
        (state.best.passed ? "The chapter is complete." : `Score above ${data.passPercent}% to complete it.`)
      : "";

  function answering(state) {
    root.dataset.quizState = "answering";
    root.dataset.complete = String(Boolean(state.best?.passed));
    for (const question of questions) {
      question.lock(false);
      question.clear();
    }
    submitButton.hidden = false;
    submitButton.disabled = false;
    retakeButton.hidden = true;
    const line = bestLine(state);
    result.replaceChildren(...(line ? [element("p", "quiz__best", line)] : []));
    showProgress();
  }

  function scored(state) {
    const outcome = state.result;
    root.dataset.quizState = "scored";
    root.dataset.complete = String(Boolean(state.best?.passed));
    root.dataset.score = String(outcome.score);
    for (const question of questions) {
      question.lock(true);
      const found = outcome.questions[question.id];
      if (found) question.show(found);
    }
    const summary = element("ol", "quiz__summary");
    questions.forEach((question, index) => {
      const item = element("li", "");
      const link = element("a", "", `Question ${index + 1}`);
      link.href = `#${question.node.id}`;
      const right = outcome.questions[question.id]?.correct;
      item.append(link, `: ${right ? "right" : "not right"}`);
      item.dataset.result = right ? "right" : "wrong";
      summary.append(item);
    });
    const verdict = state.best.passed
      ? outcome.passed
        ? `Chapter complete: you scored above ${data.passPercent}%.`
        : `This attempt is below the mark, but the chapter stays complete: your best score is ${scoreText(state.best)}.`
      : `Not complete yet: the chapter needs a score above ${data.passPercent}%. ` +
        "Read the explanations below each question, then retake the quiz.";
    const parts = [
      element("p", "quiz__score", `You scored ${scoreText(outcome)}.`),
      element("p", `quiz__completion quiz__completion--${state.best.passed ? "done" : "open"}`, verdict),
      summary,
      element("p", "quiz__best", bestLine(state)),
      ...outcome.notes.map((note) => element("p", "quiz__note", note)),
    ];
    result.replaceChildren(...parts);
    submitButton.hidden = true;
    retakeButton.hidden = false;
    progress.textContent = "";
  }

  async function submit() {
    if (root.dataset.quizState !== "answering") return;
    const answers = readAnswers();
    remember({ answers });
    root.dataset.quizState = "scoring";
    submitButton.disabled = true;
    const waiting = python.isStarted() ? "Scoring your answers…" : "Starting Python to score your answers…";
    result.replaceChildren(element("p", "quiz__score", waiting));
    try {
      const outcome = await python.call("grader.quiz", "score_quiz", { quiz_id: quizId, answers }, [coursePackage()]);
      const previous = saved();
      const summary = { score: outcome.score, max_score: outcome.max_score, percent: outcome.percent, passed: outcome.passed };
      const best = previous.best && previous.best.score >= outcome.score ? previous.best : summary;
      remember({
        answers,
        attempts: (previous.attempts ?? 0) + 1,
        best,
        result: { ...summary, questions: outcome.questions, notes: outcome.notes, answers },
      });
      scored(saved());
      result.focus();
    } catch (error) {
      answering(saved());
      result.prepend(element("p", "quiz__score", `The quiz could not be scored: ${error.message}`));
    }
  }

  function retake() {
    remember({ seed: randomSeed(), answers: {}, result: null });
    for (const question of questions) {
      question.write(null);
      question.shuffle(saved().seed);
    }
    answering(saved());
    questions[0].inputs[0].focus();
  }

  root.addEventListener("change", () => {
    if (root.dataset.quizState === "answering") remember({ answers: readAnswers() });
    showProgress();
  });
  root.addEventListener("input", () => {
    if (root.dataset.quizState === "answering") remember({ answers: readAnswers() });
    showProgress();
  });

  let state = saved();
  if (typeof state.seed !== "number") {
    remember({ seed: randomSeed() });
    state = saved();
  }
  const answers = state.answers && typeof state.answers === "object" ? state.answers : {};
  for (const question of questions) {
    question.shuffle(state.seed);
    question.write(answers[question.id] ?? null);
  }
  if (state.result?.questions && state.best && sameAnswers(state.result.answers, answers)) scored(state);
  else answering(state);
}

function bindQuizzes() {
  const quizzes = document.querySelectorAll("div.quiz");
  if (!quizzes.length) return;
  const store = courseStore();
  showStoreNotice(store);
  for (const quiz of quizzes) {
    try {
      bindQuiz(quiz);
    } catch (error) {
      reportError(error); // one broken quiz leaves the others working
    }
  }
  whenIdle(() => python.start([coursePackage()]).catch(() => {}));
}

if (globalThis.document$) globalThis.document$.subscribe(bindQuizzes);
else bindQuizzes();
