// Build-time math: read one JSON request per line ({"tex": "...", "display": true}) and answer
// each with one JSON line ({"html": "..."} or {"error": "..."}), rendered by the KaTeX npm
// package. site_src/math_render.py keeps one of these processes for a whole build.

import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(`${process.argv[2]}/`);
const katex = require("katex");

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let reply;
  try {
    const { tex, display } = JSON.parse(line);
    reply = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    reply = { error: String(error.message || error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}
