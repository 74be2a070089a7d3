// Sort a table by a column (click its header) and filter its rows (the selects and the search
// box above it). No network, no library: the report works from a folder opened in a browser.
(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    if (v === null) v = cell.textContent.trim();
    var n = Number(v);
    return v !== "" && !isNaN(n) ? n : v.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          return (x > y ? 1 : x < y ? -1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll(".filters").forEach(function (box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) return;
    function apply() {
      var want = {};
      box.querySelectorAll("[data-filter]").forEach(function (el) { want[el.getAttribute("data-filter")] = el.value.trim().toLowerCase(); });
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true;
        Object.keys(want).forEach(function (k) {
          if (!want[k]) return;
          if (k === "text") ok = ok && row.textContent.toLowerCase().indexOf(want[k]) >= 0;
          else ok = ok && (row.getAttribute("data-" + k) || "").toLowerCase() === want[k];
        });
        row.hidden = !ok;
      });
    }
    box.querySelectorAll("[data-filter]").forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
  });
})();
