/* Keep the keyboard where the person was when htmx swaps part of the page.
 *
 * A swap replaces the element that had the focus (a roll-call button, an "Edit"
 * link): without this, focus falls back to the top of the page and a keyboard or
 * screen-reader user loses their place. After each swap we focus, in this order:
 * the same control in the new content (same id, or same name and value), the
 * first field of a form that just opened, or the new content itself. */
(function () {
  "use strict";

  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
  var lost = null;

  function describe(element) {
    if (!element || element === document.body) {
      return null;
    }
    return {
      id: element.id,
      tag: element.tagName,
      name: element.getAttribute("name"),
      value: element.getAttribute("value"),
      text: (element.textContent || "").trim()
    };
  }

  function twin(container, before) {
    if (before.id) {
      var byId = document.getElementById(before.id);
      if (byId && container.contains(byId)) {
        return byId;
      }
    }
    var candidates = container.querySelectorAll(before.tag);
    for (var index = 0; index < candidates.length; index += 1) {
      var candidate = candidates[index];
      if (before.name && candidate.getAttribute("name") === before.name &&
          candidate.getAttribute("value") === before.value) {
        return candidate;
      }
      if (!before.name && (candidate.textContent || "").trim() === before.text && before.text) {
        return candidate;
      }
    }
    return null;
  }

  document.addEventListener("htmx:beforeSwap", function () {
    lost = describe(document.activeElement);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var before = lost;
    if (!before) {
      return;
    }
    var active = document.activeElement;
    if (active && active !== document.body && active.matches(FOCUSABLE)) {
      lost = null;
      return; // the focus survived the swap: leave it
    }
    var container = event.detail.elt;
    if (!container || !document.body.contains(container)) {
      container = event.target;
    }
    if (!container || !container.querySelector) {
      return;
    }
    var target = twin(container, before);
    if (!target && container.matches("[role=status], [aria-live]")) {
      return; // a status swapped out of band: the focus goes with the main swap
    }
    lost = null;
    target = target ||
      container.querySelector("form input:not([type=hidden]), form select, form textarea") ||
      container.querySelector(FOCUSABLE);
    if (!target) {
      target = container;
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });
})();
