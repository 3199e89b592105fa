// The page's course script (beside the small inline early start of early-start.js). The build
// bundles this module and everything it imports into this file's place (site_src/bundle.py), so a
// page makes one request for the course's code, not twenty in a chain. The imports run in this
// order, as the separate module scripts once did.
//
// What it exports is for tests and benchmark probes: importing this file's address from the page
// gives the page's own module instances (its editors, its Python worker), not new ones.

import "./runner.js";
import "./practice.js";
import "./work.js";
import "./quiz.js";
import "./progress.js";
import "./theme-a11y.js";
import "./offline.js";

export { editorFor } from "./editor.js";
export * as python from "./python-host.js";
export { coursePackage } from "./course-package.js";
