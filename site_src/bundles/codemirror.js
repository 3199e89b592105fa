// The editor the course self-hosts: CodeMirror 6, only the parts the blocks use. esbuild bundles
// this file at build time (site_src/bundle.py) into one ES module, assets/vendor/codemirror.js.

export { EditorState } from "@codemirror/state";
export {
  EditorView,
  keymap,
  lineNumbers,
  drawSelection,
  highlightActiveLine,
  highlightSpecialChars,
} from "@codemirror/view";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
export { classHighlighter } from "@lezer/highlight";
export { pythonLanguage } from "@codemirror/lang-python";
