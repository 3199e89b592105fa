// A code editor for one block: CodeMirror 6 (bundled from npm at build time, self-hosted) with
// Python highlighting. Ctrl/Cmd-Enter runs. Tab indents; Escape then Tab (within two seconds)
// moves focus on, and Ctrl-M switches Tab to moving focus until pressed again, so keyboard users
// are never trapped (WCAG 2.1.2). The page says so once, above its first editor.
//
// Editors are created as their blocks come near the viewport: until then (and if the editor
// cannot load) the block shows its code as plain text, so the page's text paints first and a long
// page does not build every editor at once. Focusing the placeholder creates the editor at once.

const BUNDLE = new URL("../../vendor/codemirror.js", import.meta.url).href;
const NEAR = "600px 0px"; // how close to the viewport a block is when its editor is built
const KEYS_ID = "course-editor-keys";
const KEYS_TEXT =
  "Keyboard: in a code editor Tab indents; press Escape, then Tab, to move on " +
  "(Ctrl+M makes Tab move on until pressed again). Ctrl+Enter (⌘+Enter on a Mac) runs the code.";

const handles = new WeakMap(); // editor host element -> its editor
let codemirror = null;

function loadCodeMirror() {
  codemirror ??= import(BUNDLE);
  return codemirror;
}

let observer = null;
const onNear = new WeakMap(); // observed host -> what to do when it comes near

function whenNear(host, mount) {
  if (!("IntersectionObserver" in globalThis)) return void mount();
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        onNear.get(entry.target)?.();
      }
    },
    { rootMargin: NEAR },
  );
  onNear.set(host, mount);
  observer.observe(host);
}

/** The editor created in `host`, for code that holds only the page element (tests, probes). */
export function editorFor(host) {
  return handles.get(host);
}

/** One visible note per page on the editors' keys, which every editor names as its description. */
function keyboardNote(container) {
  let note = document.getElementById(KEYS_ID);
  if (!note) {
    note = document.createElement("p");
    note.id = KEYS_ID;
    note.className = "course-editor-keys";
    note.textContent = KEYS_TEXT;
    const first = container.closest(".pyrun, .exercise") ?? container;
    first.before(note);
  }
  return note.id;
}

export function createEditor(container, { value, label, onChange, onRun, readOnly = false }) {
  let text = value;
  let view = null; // the CodeMirror view, once mounted
  let area = null; // the plain textarea, if CodeMirror could not load
  let mounting = null;
  const describedBy = keyboardNote(container);
  container.classList.add("course-editor");
  container.dataset.editor = "placeholder";

  const placeholder = document.createElement("pre");
  placeholder.className = "course-editor__placeholder";
  placeholder.textContent = text;
  placeholder.tabIndex = 0;
  placeholder.setAttribute("role", "textbox");
  placeholder.setAttribute("aria-multiline", "true");
  placeholder.setAttribute("aria-label", label);
  placeholder.setAttribute("aria-describedby", describedBy);
  container.append(placeholder);

  const changed = (next) => {
    text = next;
    onChange(next);
  };
  const mount = () => {
    mounting ??= loadCodeMirror()
      .then((cm) => {
        view = codeMirrorView(cm, { text, label, describedBy, readOnly, onRun, changed });
        placeholder.replaceWith(view.dom);
        container.dataset.editor = "ready";
      })
      .catch(() => {
        area = textarea({ text, label, describedBy, readOnly, onRun, changed });
        placeholder.replaceWith(area);
        container.dataset.editor = "plain";
      });
    return mounting;
  };
  placeholder.addEventListener("focus", () => mount().then(() => handle.focus()), { once: true });
  whenNear(container, mount);

  const handle = {
    getValue: () => text,
    // Like an edit, a new value is reported through onChange (the view reports its own).
    setValue: (next) => {
      if (view) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
        return;
      }
      if (area) area.value = next;
      else placeholder.textContent = next;
      changed(next);
    },
    focus: () => (view ?? area ?? placeholder).focus(),
    refresh: () => view?.requestMeasure(),
  };
  handles.set(container, handle);
  return handle;
}

function codeMirrorView(cm, { text, label, describedBy, readOnly, onRun, changed }) {
  const run = () => {
    onRun();
    return true;
  };
  return new cm.EditorView({
    state: cm.EditorState.create({
      doc: text,
      extensions: [
        cm.lineNumbers(),
        cm.highlightSpecialChars(),
        cm.history(),
        cm.drawSelection(),
        cm.indentOnInput(),
        cm.bracketMatching(),
        cm.pythonLanguage.extension,
        cm.syntaxHighlighting(cm.classHighlighter),
        cm.indentUnit.of("    "),
        // Long lines wrap instead of scrolling sideways, out of a keyboard's reach.
        cm.EditorView.lineWrapping,
        cm.EditorState.readOnly.of(readOnly),
        cm.keymap.of([
          { key: "Ctrl-Enter", run },
          { key: "Mod-Enter", run },
          ...cm.defaultKeymap,
          ...cm.historyKeymap,
          cm.indentWithTab,
        ]),
        cm.EditorView.contentAttributes.of({
          "aria-label": label,
          "aria-describedby": describedBy,
        }),
        cm.EditorView.updateListener.of((update) => {
          if (update.docChanged) changed(update.state.doc.toString());
        }),
      ],
    }),
  });
}

function textarea({ text, label, describedBy, readOnly, onRun, changed }) {
  const area = document.createElement("textarea");
  area.className = "course-editor__textarea";
  area.value = text;
  area.readOnly = readOnly;
  area.spellcheck = false;
  area.rows = Math.max(4, text.split("\n").length + 1);
  area.setAttribute("aria-label", label);
  area.setAttribute("aria-describedby", describedBy);
  area.addEventListener("input", () => changed(area.value));
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });
  return area;
}
