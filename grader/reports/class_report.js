// Sort the learners table by a column; the table itself is the data, written by the grader.
(() => {
  const table = document.getElementById("learners");
  if (!table) return;
  const body = table.tBodies[0];
  const headers = [...table.tHead.rows[0].cells];
  const key = (row, index) => row.cells[index].dataset.sort ?? row.cells[index].textContent;
  headers.forEach((header, index) => {
    const button = header.querySelector("button");
    if (!button) return;
    button.addEventListener("click", () => {
      const ascending = header.getAttribute("aria-sort") !== "ascending";
      const numeric = header.classList.contains("num");
      const rows = [...body.rows];
      rows.sort((a, b) => {
        const x = key(a, index), y = key(b, index);
        const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      headers.forEach((other) => other.removeAttribute("aria-sort"));
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      body.append(...rows);
    });
  });
})();
