// The page's Python status line ("Loading Python…" with a progress bar and megabytes while
// Python's files download, "Python ready", a load failure), shown once above the first runnable
// element of a page. The line is a polite live region that changes only with the phase; the
// bar and its megabytes change as bytes arrive, outside the announcements.

import { onStatus } from "./python-host.js";
import { element } from "./dom.js";

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

function render(line, { phase, text, loaded, total }) {
  line.dataset.phase = phase;
  const label = line.querySelector(".course-python-status__text");
  if (label.textContent !== text) label.textContent = text;
  let bar = line.querySelector("progress");
  let amount = line.querySelector(".course-python-status__amount");
  if (phase !== "loading") {
    bar?.remove();
    amount?.remove();
    return;
  }
  if (!bar) {
    bar = element("progress", "course-python-status__bar");
    bar.setAttribute("aria-label", "Python download");
    amount = element("span", "course-python-status__amount");
    amount.setAttribute("aria-hidden", "true"); // the bar itself tells assistive technology
    line.append(bar, amount);
  }
  if (total > 0) {
    bar.max = total;
    bar.value = loaded ?? 0;
    amount.textContent = `${megabytes(loaded ?? 0)} of ${megabytes(total)} MB`;
  } else {
    bar.removeAttribute("value"); // indeterminate: the size is not known
    amount.textContent = "";
  }
}

export function showPythonStatus(first) {
  if (!first || document.querySelector(".course-python-status")) return;
  const line = element("p", "course-python-status");
  line.setAttribute("role", "status");
  line.append(element("span", "course-python-status__text"));
  first.before(line);
  const stop = onStatus((status) => {
    if (!line.isConnected) return stop();
    render(line, status);
    return undefined;
  });
}
