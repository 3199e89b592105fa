// Small scheduling helpers shared by the page modules.

/** Let the browser paint and handle input before the next piece of work. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Run `boot` once the page is idle (or after `timeout` ms at the latest). */
export function whenIdle(boot, timeout = 2_000) {
  if ("requestIdleCallback" in globalThis) requestIdleCallback(boot, { timeout });
  else setTimeout(boot, 0);
}
