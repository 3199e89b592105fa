// Render the pages' math with the site's own KaTeX, again after each instant navigation.

const delimiters = [
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];

function renderMath() {
  const render = globalThis.renderMathInElement;
  if (!render) return;
  for (const element of document.querySelectorAll(".arithmatex")) {
    render(element, { delimiters, throwOnError: false });
  }
}

if (globalThis.document$) globalThis.document$.subscribe(renderMath);
else renderMath();
