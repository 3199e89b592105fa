// A dismissible notice at the top of the page's content, for things the learner must know
// (saved data that could not be read, storage that is full). Shown once per page view.

export function showNotice(text) {
  const article = document.querySelector("article") ?? document.body;
  const existing = [...article.querySelectorAll(".course-notice")].find(
    (node) => node.dataset.text === text,
  );
  if (existing) return existing;
  const notice = document.createElement("div");
  notice.className = "course-notice admonition warning";
  notice.setAttribute("role", "status");
  notice.dataset.text = text;
  const message = document.createElement("p");
  message.textContent = text;
  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.className = "md-button";
  dismiss.textContent = "Dismiss";
  dismiss.addEventListener("click", () => notice.remove());
  notice.append(message, dismiss);
  article.prepend(notice);
  return notice;
}

/** Show the store's notice (unreadable or full storage), if it has one. */
export function showStoreNotice(store) {
  if (store.notice) showNotice(store.notice);
}
