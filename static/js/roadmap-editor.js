/* Roadmap editor: save state of the autosaving texts, retry, and the merge view.
 *
 * The texts are posted by htmx (hx-trigger="input delay:800ms" on the form); this
 * file only tells the person what is happening, in the aria-live region the
 * server rendered with translated messages in data attributes. */
(function () {
  "use strict";

  var RETRY_MS = 5000;

  function statusOf(form) {
    return form.querySelector(".save-status");
  }

  function say(form, key) {
    var status = statusOf(form);
    if (status && status.dataset[key]) {
      status.textContent = status.dataset[key];
      status.classList.toggle("text-danger", key === "retrying" || key === "failed");
    }
  }

  function isAutosave(event) {
    var form = event.detail && event.detail.elt;
    return form && form.matches && form.matches("form[data-autosave]") ? form : null;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    if (form) {
      say(form, "unsaved");
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = isAutosave(event);
    if (form) {
      say(form, "saving");
    }
  });

  // A refused save (409) carries the merge view: show it instead of dropping it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function retryLater(event) {
    var form = isAutosave(event);
    if (!form) {
      return;
    }
    say(form, "retrying");
    window.setTimeout(function () {
      if (document.body.contains(form)) {
        window.htmx.trigger(form, "retry");
      }
    }, RETRY_MS);
  }

  document.addEventListener("htmx:sendError", retryLater);
  document.addEventListener("htmx:timeout", retryLater);
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status >= 500) {
      retryLater(event);
    } else if (isAutosave(event)) {
      // Refused for good (the roadmap became final, the session ended…).
      say(isAutosave(event), "failed");
    }
  });
})();
