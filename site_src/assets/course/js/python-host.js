// The page's side of the Python worker: one worker per page session, created lazily (or taken
// over from the head's early start) and kept across Material's instant navigation (this module
// is loaded once). Requests are promises; Stop interrupts Python when the page is cross-origin
// isolated and otherwise replaces the worker, and says which it did.

import { Reply, Request, request } from "./protocol.js";
import { initFields } from "./python-init.js";
import { deferSaving } from "./offline.js";
import { EARLY_KEY } from "./early-handoff.js";

const BOOT_TIMEOUT_MS = 180_000;
// An interrupt lands in 0.05-0.3 s here (2 shared cores, load 6 to 13); 1.5 s once fell short
// while the service worker saved the course beside a busy machine, and a restart loses the
// page's Python state: wait longer before replacing the worker.
const INTERRUPT_GRACE_MS = 3_000;

const statusListeners = new Set();
const pending = new Map();
const packages = new Set(["numpy"]);
let worker = null;
let booted = null;
let interruptBuffer = null;
let nextId = 1;
let lastStatus = { phase: "idle", text: "Python loads when the page is idle." };

function setStatus(phase, text, progress = {}) {
  lastStatus = { phase, text, loaded: progress.loaded, total: progress.total };
  for (const listener of statusListeners) listener(lastStatus);
}

function settle(message) {
  if (message.type === Reply.STATUS) {
    setStatus(message.phase, message.text, message);
    return;
  }
  const waiting = pending.get(message.id);
  if (!waiting) return;
  pending.delete(message.id);
  if (message.type === Reply.RESULT) waiting.resolve(message.payload);
  else waiting.reject(Object.assign(new Error(message.message), { stopped: Boolean(message.interrupted) }));
}

function send(type, fields = {}) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage(request(type, id, fields));
  });
}

function discardWorker(reason, { stopped = false } = {}) {
  worker?.terminate();
  worker = null;
  booted = null;
  for (const waiting of pending.values()) {
    waiting.reject(Object.assign(new Error(reason), { stopped }));
  }
  pending.clear();
}

function withTimeout(promise, ms, message) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const workerFailed = (message) => `the Python worker could not start (${message})`;

function listen() {
  worker.addEventListener("message", (event) => settle(event.data));
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    discardWorker(workerFailed(event.message || "script error"));
  });
}

/** Take over the worker the head's early-start.js booted; replay what it said meanwhile. */
function adopt(early) {
  worker = early.worker;
  interruptBuffer = early.fields.interruptBuffer;
  const init = new Promise((resolve, reject) => pending.set(early.id, { resolve, reject }));
  listen();
  const said = early.release();
  if (early.failure) discardWorker(workerFailed(early.failure));
  else said.forEach(settle);
  return init;
}

function boot() {
  const early = globalThis[EARLY_KEY];
  globalThis[EARLY_KEY] = null; // taken, or never started: no later early start
  if (early) return adopt(early);
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  listen();
  const fields = initFields(import.meta.url, packages, self.crossOriginIsolated);
  interruptBuffer = fields.interruptBuffer;
  return send(Request.INIT, fields);
}

/** Start Python (once) and resolve when numpy and `extra` packages are loaded and imported. */
export function start(extra = []) {
  extra.forEach((name) => packages.add(name));
  if (booted) return booted;
  setStatus("loading", "Loading Python…");
  booted = withTimeout(Promise.resolve().then(boot), BOOT_TIMEOUT_MS, "Python took too long to load").then(
    () => setStatus("ready", "Python ready"),
    (error) => {
      const failure = new Error(`Python could not load: ${error.message}`);
      discardWorker(failure.message);
      setStatus("failed", failure.message);
      throw failure;
    },
  );
  deferSaving(booted);
  return booted;
}

async function ask(type, fields) {
  await start();
  try {
    return await send(type, fields);
  } catch (error) {
    if (worker && !error.stopped) discardWorker(error.message); // a dead runtime is replaced
    throw error;
  }
}

/** Run one block after `prelude` (earlier blocks of its session); resolves with blockrun's result. */
export function run(code, prelude = []) {
  if (interruptBuffer) interruptBuffer[0] = 0;
  return ask(Request.RUN, { code, prelude });
}

/** Load packages (names in the lock, or wheel URLs) before something needs them. */
export function load(names) {
  return ask(Request.LOAD, { packages: names });
}

/** Call `module.func(**args)` in the worker's Python, loading `needs` first. */
export function call(module, func, args, needs = []) {
  if (interruptBuffer) interruptBuffer[0] = 0;
  return ask(Request.CALL, { module, func, args, packages: needs });
}

/**
 * Stop whatever Python is doing. Resolves to "interrupted" when Python raised
 * KeyboardInterrupt and keeps its state, or "restarted" when the worker was replaced.
 */
export async function stop(running) {
  if (interruptBuffer && running) {
    interruptBuffer[0] = 2; // SIGINT: Python raises KeyboardInterrupt at the next bytecode
    const finished = await Promise.race([
      running.then(() => true, () => true),
      new Promise((resolve) => setTimeout(() => resolve(false), INTERRUPT_GRACE_MS)),
    ]);
    if (finished) return "interrupted";
  }
  discardWorker("Stopped: Python was restarted.", { stopped: true });
  setStatus("idle", "Python stopped; it restarts on the next Run.");
  return "restarted";
}

export function onStatus(listener) {
  statusListeners.add(listener);
  listener(lastStatus);
  return () => statusListeners.delete(listener);
}

export function isStarted() {
  return booted !== null;
}

// A Python the head already started (early-start.js) is this page's: adopt it at once, so the
// status line follows its loading from the start.
if (globalThis[EARLY_KEY]) start().catch(() => {});
