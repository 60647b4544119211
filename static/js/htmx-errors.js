/* No htmx request fails silently.
 *
 * htmx swaps nothing when a request is refused (4xx, 5xx) or never answered
 * (offline, timeout), so a click would otherwise seem to do nothing. The page
 * then says so in its alert (#request-problem, in base.html, which holds the
 * translated messages) with a "Try again" button that sends the same request
 * again: same address, method and values (the button that was pressed
 * included), into the same place. The roadmap editor's autosave forms handle
 * their own failures (they retry by themselves and say so beside the text). */
(function () {
  "use strict";

  var failed = null; // the last request that failed: {elt, target, verb, path, values}

  function alertBox() {
    return document.getElementById("request-problem");
  }

  function handledElsewhere(elt) {
    return elt && elt.closest && elt.closest("form[data-autosave]");
  }

  function valuesOf(config) {
    var values = {};
    if (config && config.formData && config.formData.forEach) {
      config.formData.forEach(function (value, name) {
        if (typeof value === "string") {
          values[name] = value;
        }
      });
    }
    return values;
  }

  function show(event, kind) {
    var detail = event.detail || {};
    var config = detail.requestConfig || {};
    var elt = detail.elt || config.elt;
    var box = alertBox();
    if (!box || handledElsewhere(elt)) {
      return;
    }
    var status = detail.xhr ? detail.xhr.status : 0;
    failed = {
      elt: elt,
      target: detail.target || config.target,
      verb: config.verb || "get",
      path: config.path || detail.pathInfo && detail.pathInfo.requestPath,
      values: valuesOf(config)
    };
    var message = box.getAttribute("data-" + kind) || "";
    box.querySelector("[data-message]").textContent = message.replace("{status}", status);
    box.hidden = false;
    box.querySelector("[data-retry]").hidden = !failed.path;
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    show(event, status >= 500 ? "server" : "refused");
  });
  document.addEventListener("htmx:sendError", function (event) {
    show(event, "unreachable");
  });
  document.addEventListener("htmx:timeout", function (event) {
    show(event, "unreachable");
  });
  // The request sent again went through: the alert has said its piece.
  document.addEventListener("htmx:afterRequest", function (event) {
    var box = alertBox();
    if (box && failed && failed.retrying && event.detail.successful) {
      box.hidden = true;
      failed = null;
    }
  });

  document.addEventListener("click", function (event) {
    var box = alertBox();
    if (!box || !box.contains(event.target)) {
      return;
    }
    if (event.target.closest("[data-dismiss]")) {
      box.hidden = true;
    } else if (event.target.closest("[data-retry]") && failed) {
      var again = failed;
      var source = document.body.contains(again.elt) ? again.elt : null;
      var target = again.target && document.body.contains(again.target) ? again.target : null;
      if (!source || !target) {
        window.location.reload(); // what failed has gone from the page: start afresh
        return;
      }
      box.querySelector("[data-message]").textContent = box.getAttribute("data-retrying");
      again.retrying = true;
      window.htmx.ajax(again.verb.toUpperCase(), again.path, {
        source: source,
        target: target,
        values: again.values
      });
    }
  });
})();
