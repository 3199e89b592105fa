// The learner's exported work: one JSON file in the schema the offline grader reads.
// Building and reading it are pure functions of the store's state, so they are easy to test.

export const SCHEMA = "linear-models-course/submission/v1";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** The submission for `state` (the store's state) and the list of exercises on the site. */
export function buildSubmission(state, { version, exerciseKinds, now = new Date() }) {
  const exercises = {};
  for (const [id, kind] of Object.entries(exerciseKinds)) {
    if (kind === "code") {
      const code = state.code[`exercise:${id}`];
      if (typeof code === "string") exercises[id] = { code };
    } else {
      const answer = state.exercises[id]?.answer;
      if (answer !== undefined && answer !== "") exercises[id] = { answer: answerValue(answer) };
    }
  }
  const quizzes = {};
  for (const [quizId, quiz] of Object.entries(state.quizzes)) {
    if (isObject(quiz?.answers)) quizzes[quizId] = quiz.answers;
  }
  return {
    schema: SCHEMA,
    course: { version },
    learner: { name: state.learner.name ?? "", email: state.learner.email ?? "" },
    exported_at: now.toISOString(),
    exercises,
    quizzes,
  };
}

function answerValue(text) {
  const number = Number(text);
  return String(text).trim() !== "" && Number.isFinite(number) ? number : text;
}

/** Read a submission file's text; throws an Error that says what is wrong. */
export function readSubmission(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("this file is not JSON: choose a file saved with Download my work");
  }
  if (!isObject(data) || data.schema !== SCHEMA) {
    throw new Error(`this file is not a course work file (expected schema ${SCHEMA})`);
  }
  for (const field of ["learner", "exercises", "quizzes"]) {
    if (!isObject(data[field])) throw new Error(`the file's "${field}" is not an object`);
  }
  return data;
}

/** Copy a submission's work into the store's state (the caller saves). */
export function restoreInto(state, submission, exerciseKinds) {
  state.learner = { name: String(submission.learner.name ?? ""), email: String(submission.learner.email ?? "") };
  let restored = 0;
  for (const [id, work] of Object.entries(submission.exercises)) {
    if (!isObject(work) || !(id in exerciseKinds)) continue;
    if (typeof work.code === "string") state.code[`exercise:${id}`] = work.code;
    else if ("answer" in work) state.exercises[id] = { ...(state.exercises[id] ?? {}), answer: String(work.answer ?? "") };
    else continue;
    restored += 1;
  }
  for (const [quizId, answers] of Object.entries(submission.quizzes)) {
    if (isObject(answers)) state.quizzes[quizId] = { ...(state.quizzes[quizId] ?? {}), answers };
  }
  return restored;
}
