// The benchmark's eyes inside a course page, installed as an init script so it runs before the
// page's own scripts. Everything is timed in the page's clock: performance.now(), where 0 is the
// start of the navigation. The benchmark prepends `const BENCH_OPTIONS = {...};`:
//   autoRun      click the first block's Run as soon as the block is bound
//   disableBoot  replace Worker by an inert stub, so the page loads without booting Python
(() => {
  const options = BENCH_OPTIONS;
  const bench = { options, marks: {}, firstBlock: null, longTasks: [], longFrames: [] };
  Object.defineProperty(window, "__bench", { value: bench });

  if (options.disableBoot) {
    window.Worker = class InertWorker {
      postMessage() {}
      addEventListener() {}
      removeEventListener() {}
      terminate() {}
    };
  }

  // Time each function subscribed through Material's global `document$`: that is how the
  // course's script (course.js: the runner binding blocks, the practice and quiz pages) runs on
  // each page.
  // Material's own subscriptions pass Subscriber objects and are left alone.
  bench.callbacks = [];
  const callerScript = (stack) => stack.match(/https?:\/\/[^\s)]+?(?=:\d+:\d+)/)?.[0] ?? "";
  let document$;
  Object.defineProperty(window, "document$", {
    configurable: true,
    get: () => document$,
    set: (subject) => {
      document$ = subject;
      const subscribe = subject.subscribe.bind(subject);
      subject.subscribe = (observer, ...rest) => {
        if (typeof observer !== "function") return subscribe(observer, ...rest);
        const source = callerScript(new Error().stack);
        const timed = (...args) => {
          const start = performance.now();
          try {
            return observer(...args);
          } finally {
            const duration = performance.now() - start;
            bench.callbacks.push({ name: observer.name, source, start, duration });
          }
        };
        return subscribe(timed, ...rest);
      };
    },
  });

  const observe = (type, sink, convert) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) sink.push(convert(entry));
      }).observe({ type, buffered: true });
    } catch {
      bench.marks[`unsupported:${type}`] = 0;
    }
  };
  observe("longtask", bench.longTasks, (entry) => ({
    start: entry.startTime,
    duration: entry.duration,
  }));
  observe("long-animation-frame", bench.longFrames, (entry) => ({
    start: entry.startTime,
    duration: entry.duration,
    blockingDuration: entry.blockingDuration,
    scripts: (entry.scripts ?? []).map((script) => ({
      source: script.sourceURL,
      function: script.sourceFunctionName,
      invoker: script.invoker,
      start: script.startTime,
      duration: script.duration,
      layout: script.forcedStyleAndLayoutDuration,
    })),
  }));

  // The clock runs from the first navigation of this tab, across any reload (the course does not
  // reload a page for isolation; should it ever, the reload is counted and reported).
  let origin = performance.timeOrigin;
  try {
    const saved = sessionStorage.getItem("__bench_origin");
    if (saved) origin = Number(saved);
    else sessionStorage.setItem("__bench_origin", String(origin));
  } catch {
    // no session storage: the page's own clock
  }
  bench.reloaded = origin !== performance.timeOrigin;
  bench.origin = origin;
  const clock = () => performance.timeOrigin + performance.now() - origin;
  const mark = (name) => {
    if (!(name in bench.marks)) bench.marks[name] = clock();
  };
  const button = (block, name) =>
    [...block.querySelectorAll("button")].find((node) => node.textContent.trim() === name);
  const runButton = (block) => button(block, "Run");
  const settled = (state) => ["done", "error", "stopped"].includes(state);

  // Watch only the blocks' attributes (rare changes), and the status line once it exists, so
  // the probe adds next to nothing to the page's own work while it loads.
  let statusLine = null;
  const watchStatus = () => {
    if (statusLine?.textContent.trim() === "Python ready") mark("pythonReady");
  };
  const watch = () => {
    const block = document.querySelector("div.pyrun");
    if (block?.dataset.bound === "true") {
      mark("bound");
      const run = runButton(block);
      if (options.autoRun && run && !("clicked" in bench.marks)) {
        mark("clicked");
        run.click();
      }
    }
    if (block && "clicked" in bench.marks && !bench.firstBlock && settled(block.dataset.runState)) {
      mark("settled");
      bench.firstBlock = { state: block.dataset.runState, outputMatch: block.dataset.outputMatch };
    }
    if (!statusLine && (statusLine = document.querySelector(".course-python-status"))) {
      new MutationObserver(watchStatus).observe(statusLine, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      watchStatus();
    }
  };
  new MutationObserver(watch).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ["data-bound", "data-run-state"],
  });

  const framesDuring = async (work) => {
    const frames = [];
    let counting = true;
    const tick = (time) => {
      frames.push(time);
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const result = await work();
    counting = false;
    return { ...result, frames };
  };

  /** Click the first block's Run as it is and time it to its settled state (ms). */
  bench.runFirst = () =>
    new Promise((resolve) => {
      const block = document.querySelector("div.pyrun");
      let start = 0;
      const done = new MutationObserver(() => {
        if (!settled(block.dataset.runState)) return;
        done.disconnect();
        resolve({ ms: performance.now() - start, state: block.dataset.runState,
                  outputMatch: block.dataset.outputMatch });
      });
      done.observe(block, { attributes: true, attributeFilter: ["data-run-state"] });
      start = performance.now();
      runButton(block).click();
    });

  /** Count animation frames for `ms` milliseconds while the page does nothing. */
  bench.idleFrames = (ms) =>
    framesDuring(async () => {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { start, end: performance.now() };
    });

  /** Put `code` into the first block's editor, then click Run and time it, counting frames. */
  bench.runCode = async (code) => {
    const block = document.querySelector("div.pyrun");
    const course = document.querySelector('script[src*="/js/course.js"]');
    const { editorFor } = await import(course.src); // the page's own module, so its editors
    editorFor(block.querySelector(".course-editor")).setValue(code);
    // Let the edit's own layout and repaint happen before the clock starts.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    return framesDuring(
      () =>
        new Promise((resolve) => {
          let start = 0;
          const done = new MutationObserver(() => {
            if (!settled(block.dataset.runState)) return;
            const end = performance.now();
            done.disconnect();
            button(block, "Reset")?.click(); // leave no edited code behind in the profile
            resolve({ start, end, state: block.dataset.runState });
          });
          done.observe(block, { attributes: true, attributeFilter: ["data-run-state"] });
          start = performance.now();
          runButton(block).click();
        }),
    );
  };
})();
