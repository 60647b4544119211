/* The convening form's time zone: a search box that narrows the ~490 zones as
 * the organizer types (city, region or offset), and the host country's zone
 * chosen when the country changes, unless the organizer picked a zone. Without
 * JS the select still works, and an empty zone means the host country's. */
(function () {
  "use strict";

  function setUp() {
    var select = document.querySelector("select[data-country-zones]");
    if (!select) {
      return;
    }
    var zones = JSON.parse(select.getAttribute("data-country-zones"));
    var country = select.form && select.form.querySelector("select[name=country]");
    // A zone that is just the country's own follows the country.
    var pickedByHand = select.value !== "" && !(country && zones[country.value] === select.value);

    var search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-1";
    search.id = select.id + "_search";
    search.setAttribute("aria-label", select.getAttribute("data-filter-label"));
    search.setAttribute("placeholder", select.getAttribute("data-filter-label"));
    search.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(search, select);

    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var firstMatch = null;
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var shown = 0;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var text = (group.label + " " + option.textContent + " " + option.value).toLowerCase();
          var match = words.every(function (word) { return text.indexOf(word) !== -1; });
          option.hidden = !match;
          if (match) {
            shown += 1;
            firstMatch = firstMatch || option;
          }
        });
        group.hidden = shown === 0;
      });
      if (firstMatch && words.length && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
        select.value = firstMatch.value;
        pickedByHand = true;
      }
    });

    select.addEventListener("change", function () {
      pickedByHand = select.value !== "";
    });

    if (country) {
      country.addEventListener("change", function () {
        var zone = zones[country.value];
        if (zone && !pickedByHand) {
          select.value = zone;
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
