// Where the worker gets the course's own Python (grader + exercises): by name from the site's
// Pyodide lock, or, when Pyodide comes from a CDN, as a wheel URL on this site.

import { settings } from "./config.js";

export function coursePackage() {
  return settings.courseWheel
    ? new URL(settings.courseWheel, import.meta.url).href
    : settings.coursePackage;
}
