// Accessibility fixes for markup the theme (Material for MkDocs) writes, found by axe-core:
// its search overlay has role="dialog" but no name. Safe to run on every page, any number of
// times.

function nameSearchDialog() {
  const dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
}

if (globalThis.document$) globalThis.document$.subscribe(nameSearchDialog);
else nameSearchDialog();
