// Tables become stacked cards on a narrow screen: every cell gets the text of its column header
// as data-label, which static/css/knooppunt.css shows before the cell's value. Without this
// script a wide table scrolls inside its own container instead.
(function () {
  "use strict";
  document.querySelectorAll("table.utrecht-table").forEach(function (table) {
    if (table.closest(".knooppunt-table-scroll") || table.hasAttribute("data-no-stack")) {
      return;  // a matrix that only reads as a grid
    }
    const headers = Array.from(table.querySelectorAll("thead th")).map(function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    if (headers.length === 0) {
      return;
    }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      let column = 0;
      Array.from(row.cells).forEach(function (cell) {
        const label = headers[column];
        if (label && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", label);
        }
        column += cell.colSpan || 1;
      });
    });
    table.classList.add("knooppunt-table--stacked");
  });
})();
