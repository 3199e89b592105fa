// Where the worker gets the course's own Python (grader + exercises): by name from the site's
// Pyodide lock, or, when Pyodide comes from a CDN, as a wheel URL on this site.

import { settings } from "./config.js";

/** `base`: the address of assets/course/js/ (this module's own, unless bundled elsewhere). */
export function coursePackage(base = import.meta.url) {
  return settings.courseWheel
    ? new URL(settings.courseWheel, base).href
    : settings.coursePackage;
}
