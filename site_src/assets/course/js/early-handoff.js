// Where early-start.js leaves the worker it started for python-host.js to adopt: a global, since
// the two are separate scripts. python-host.js sets it to null once it has booted Python either
// way, so a later page's early start (the key present) starts nothing.
export const EARLY_KEY = "__courseEarlyPython";
export const EARLY_ID = 0; // python-host.js numbers its own requests from 1
