// A code editor for one block: CodeMirror 5 (vendored, self-hosted) with Python highlighting.
// Ctrl/Cmd-Enter runs. Tab indents; Escape then Tab leaves the editor, so keyboard users are
// never trapped. Without CodeMirror the block falls back to a plain textarea.

export function createEditor(container, { value, label, onChange, onRun, readOnly = false }) {
  const CodeMirror = globalThis.CodeMirror;
  if (!CodeMirror) return textareaEditor(container, { value, label, onChange, onRun, readOnly });

  let leaving = false;
  const editor = CodeMirror(container, {
    value,
    mode: "python",
    lineNumbers: true,
    indentUnit: 4,
    matchBrackets: true,
    readOnly,
    viewportMargin: Infinity,
    // Long lines wrap instead of scrolling sideways: CodeMirror's scroller holds no focusable
    // element, so a sideways scroll would be out of keyboard reach (axe: scrollable-region).
    lineWrapping: true,
    extraKeys: {
      "Ctrl-Enter": () => onRun(),
      "Cmd-Enter": () => onRun(),
      Esc: () => {
        leaving = true;
      },
      Tab: (cm) => {
        if (leaving) return CodeMirror.Pass;
        if (cm.somethingSelected()) cm.indentSelection("add");
        else cm.replaceSelection(" ".repeat(cm.getOption("indentUnit")), "end");
        return undefined;
      },
      "Shift-Tab": (cm) => (leaving ? CodeMirror.Pass : cm.indentSelection("subtract")),
    },
  });
  editor.on("keydown", (_, event) => {
    if (event.key !== "Escape" && event.key !== "Tab") leaving = false;
  });
  editor.on("blur", () => {
    leaving = false;
  });
  editor.on("changes", () => onChange(editor.getValue()));
  const input = editor.getInputField();
  input.setAttribute("aria-label", label);
  return {
    getValue: () => editor.getValue(),
    setValue: (text) => editor.setValue(text),
    focus: () => editor.focus(),
    refresh: () => editor.refresh(),
  };
}

function textareaEditor(container, { value, label, onChange, onRun, readOnly }) {
  const area = document.createElement("textarea");
  area.className = "pyrun__textarea";
  area.value = value;
  area.readOnly = readOnly;
  area.spellcheck = false;
  area.rows = Math.max(4, value.split("\n").length + 1);
  area.setAttribute("aria-label", label);
  area.addEventListener("input", () => onChange(area.value));
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });
  container.append(area);
  return {
    getValue: () => area.value,
    setValue: (text) => {
      area.value = text;
    },
    focus: () => area.focus(),
    refresh: () => {},
  };
}
