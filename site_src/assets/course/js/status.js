// The page's Python status line ("Loading Python…", "Python ready", a load failure), shown
// once above the first runnable element of a page, with role="status" for screen readers.

import { onStatus } from "./python-host.js";

export function showPythonStatus(first) {
  if (!first || document.querySelector(".course-python-status")) return;
  const line = document.createElement("p");
  line.className = "course-python-status";
  line.setAttribute("role", "status");
  first.before(line);
  const stop = onStatus(({ phase, text }) => {
    if (!line.isConnected) return stop();
    line.dataset.phase = phase;
    line.textContent = text;
    return undefined;
  });
}
