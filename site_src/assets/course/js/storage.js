// The learner's saved state in localStorage, under one versioned key. A store that cannot be
// read (corrupted, or written by another version) is set aside under a backup key and replaced
// by a fresh one, with a notice for the page; a browser without storage gets a memory store.

const KEY = "linear-models-course/v1";
const BACKUP_KEY = "linear-models-course/v1/unreadable";
const VERSION = 1;

const fresh = () => ({ version: VERSION, code: {}, runs: {}, exercises: {}, quizzes: {}, learner: {} });

function isValid(state) {
  if (state === null || typeof state !== "object" || state.version !== VERSION) return false;
  return ["code", "runs", "exercises", "quizzes", "learner"].every(
    (field) => state[field] !== null && typeof state[field] === "object" && !Array.isArray(state[field]),
  );
}

function readState(storage) {
  let raw;
  try {
    raw = storage.getItem(KEY);
  } catch {
    return { state: fresh(), notice: "Your browser blocks saved data: work on this page is kept only until you leave.", persistent: false };
  }
  if (raw === null) return { state: fresh(), notice: "", persistent: true };
  try {
    const state = JSON.parse(raw);
    if (isValid(state)) return { state, notice: "", persistent: true };
  } catch {
    // fall through: unreadable
  }
  try {
    storage.setItem(BACKUP_KEY, raw);
  } catch {
    // a full store cannot keep the backup; the fresh store below still works
  }
  return {
    state: fresh(),
    notice: "Your saved course progress could not be read, so it was set aside and a fresh record started.",
    persistent: true,
  };
}

export class CourseStore {
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
    const { state, notice, persistent } = readState(storage);
    this.state = state;
    this.notice = notice;
    this.persistent = persistent;
    if (notice && persistent) this.save();
  }

  save() {
    if (!this.persistent) return;
    try {
      this.storage.setItem(KEY, JSON.stringify(this.state));
    } catch {
      this.notice = "Your browser's storage is full: recent changes are not saved.";
    }
  }

  get(section, key) {
    return this.state[section][key];
  }

  set(section, key, value) {
    this.state[section][key] = value;
    this.save();
  }

  remove(section, key) {
    delete this.state[section][key];
    this.save();
  }

  reset() {
    this.state = fresh();
    this.save();
  }
}

let shared = null;

/** The page session's store, read once and re-read only when another tab changed it. */
export function courseStore() {
  shared ??= new CourseStore();
  return shared;
}

globalThis.addEventListener?.("storage", (event) => {
  if (event.key === KEY) shared = null;
});
