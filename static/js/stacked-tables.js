// Tables become stacked cards on a narrow screen (static/css/knooppunt.css). This script gives
// each cell the text of its column header as data-label, which the CSS shows before the value
// on a narrow screen, and wraps the value, so label and value form two columns. It also states
// the table's roles in ARIA, because a table shown as blocks loses them in some browsers.
// Without this script a wide table scrolls inside its own container instead.
(function () {
  "use strict";

  function setRole(element, role) {
    if (!element.hasAttribute("role")) {
      element.setAttribute("role", role);
    }
  }

  function stack(table) {
    if (
      table.classList.contains("knooppunt-table--stacked") ||
      table.closest(".knooppunt-table-scroll") ||
      table.hasAttribute("data-no-stack")
    ) {
      return;  // done already, or a matrix that only reads as a grid
    }
    const headers = Array.from(table.querySelectorAll("thead th")).map(function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    if (headers.length === 0) {
      return;
    }
    setRole(table, "table");
    table.querySelectorAll("thead, tbody").forEach(function (group) {
      setRole(group, "rowgroup");
    });
    table.querySelectorAll("thead th").forEach(function (th) {
      setRole(th, "columnheader");
    });
    table.querySelectorAll("tr").forEach(function (row) {
      setRole(row, "row");
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      let column = 0;
      Array.from(row.cells).forEach(function (cell) {
        const span = cell.colSpan || 1;
        const label = headers[column];
        column += span;
        setRole(cell, cell.tagName === "TH" ? "rowheader" : "cell");
        if (!label || span > 1) {
          return;  // a row that spans the table ("nothing yet") needs no label
        }
        // The label is CSS content (not in the text of the cell); the value is wrapped, so
        // label and value form two columns.
        cell.setAttribute("data-label", label);
        const value = document.createElement("span");
        value.className = "knooppunt-cell__value";
        while (cell.firstChild) {
          value.appendChild(cell.firstChild);
        }
        cell.append(value);
        cell.classList.add("knooppunt-cell");
      });
    });
    table.classList.add("knooppunt-table--stacked");
  }

  function stackAll(root) {
    root.querySelectorAll("table.utrecht-table").forEach(stack);
  }

  stackAll(document);
  // Tables that htmx swaps into the page later.
  document.addEventListener("htmx:load", function (event) {
    stackAll(event.target.parentElement || document);
  });
})();
