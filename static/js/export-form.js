/* The export form: "Both languages as" matters only when both languages are
   chosen, so it shows only then. Without JavaScript it always shows (and is
   ignored for one language). */
(function () {
  "use strict";
  function sync(form) {
    var bundle = form.querySelector(".export-bundle");
    var chosen = form.querySelector("input[name=language]:checked");
    if (bundle) {
      bundle.hidden = !(chosen && chosen.value.indexOf(",") !== -1);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.export-request").forEach(function (form) {
      sync(form);
      form.addEventListener("change", function () { sync(form); });
    });
  });
})();
