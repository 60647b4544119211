/* Tables wider than the screen scroll inside their box (.table-responsive), not
 * the page. On a phone that box would hide its last columns without a word, so a
 * box whose table overflows gets a visible hint (the words come from the page, in
 * its language), keeps its first column in view, and can be scrolled from the
 * keyboard (focusable region named by the table's caption). */
(function () {
  "use strict";

  function mark(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    box.toggleAttribute("data-overflows", overflows);
    if (overflows && !box.hasAttribute("tabindex")) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (caption) {
        box.setAttribute("aria-label", caption.textContent.trim());
      }
    }
  }

  function markAll() {
    var hint = document.body.getAttribute("data-wide-table-hint");
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (hint && !box.hasAttribute("data-hint")) {
        box.setAttribute("data-hint", hint);
      }
      mark(box);
    });
  }

  document.addEventListener("DOMContentLoaded", markAll);
  window.addEventListener("resize", markAll);
  document.addEventListener("htmx:afterSettle", markAll);
})();
