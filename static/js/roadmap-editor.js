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

  function fieldsOf(form) {
    return form.querySelectorAll("textarea[name], input[name]:not([type=hidden]), select[name]");
  }

  function valuesOf(form) {
    var values = {};
    fieldsOf(form).forEach(function (field) {
      values[field.name] = field.value;
    });
    return values;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.tagName === "FORM") {
      // What this request carries: whatever is typed after it left must survive
      // its answer, even a refusal that redraws the form.
      form.sentValues = valuesOf(form);
    }
    if (isAutosave(event)) {
      say(form, "saving");
    }
  });

  // A refused save (409) carries the merge view: show it instead of dropping it,
  // and carry into it what the person typed while the save was on its way.
  var typedMeanwhile = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      var form = event.detail.elt;
      var sent = (form && form.sentValues) || {};
      typedMeanwhile = {id: form && form.id, values: {}, focused: null};
      if (form && form.tagName === "FORM") {
        fieldsOf(form).forEach(function (field) {
          if (field.name in sent && field.value !== sent[field.name]) {
            typedMeanwhile.values[field.name] = field.value;
          }
          if (field === document.activeElement) {
            typedMeanwhile.focused = field.name;
          }
        });
      }
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!typedMeanwhile) {
      return;
    }
    var kept = typedMeanwhile;
    typedMeanwhile = null;
    var merge = kept.id && document.getElementById(kept.id);
    if (!merge) {
      return;
    }
    fieldsOf(merge).forEach(function (field) {
      if (field.name in kept.values) {
        field.value = kept.values[field.name];
        field.classList.add("kept-typing");
      }
      if (field.name === kept.focused) {
        field.focus();
        if (field.tagName === "TEXTAREA") {
          field.setSelectionRange(field.value.length, field.value.length);
        }
      }
    });
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
