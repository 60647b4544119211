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

  // The page says "Press Save" for whoever has no JavaScript; with it, texts
  // save themselves, and the page says so.
  function sayIdle() {
    document.querySelectorAll("form[data-autosave] .save-status .save-idle").forEach(function (idle) {
      idle.textContent = idle.parentElement.dataset.idle;
    });
  }
  document.addEventListener("DOMContentLoaded", sayIdle);
  document.addEventListener("htmx:afterSettle", sayIdle);

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

/* Open forms survive redraws, and leaving with unsaved text asks first.
 *
 * Moving an item or saving another one redraws the whole structure
 * (#roadmap-structure): any other edit or add form open in it, with what was
 * typed, is carried over into the new structure in place of the item or the
 * "add" slot it had replaced. */
(function () {
  "use strict";

  var OPEN_FORMS = "form.item-form, form.conflict, .save-refused";
  var carried = null;

  function slotOf(form) {
    var parent = form.parentElement;
    if (parent && parent.id && parent.id.indexOf("add-") === 0) {
      return {id: parent.id, inner: true};
    }
    // form-outcome-12 stands where item-outcome-12 was.
    return {id: "item-" + form.id.replace(/^form-/, ""), inner: false};
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "roadmap-structure" || !event.detail.shouldSwap) {
      return;
    }
    var sender = event.detail.requestConfig && event.detail.requestConfig.elt;
    carried = [];
    target.querySelectorAll(OPEN_FORMS).forEach(function (form) {
      if (form === sender || form.contains(sender) || !form.id) {
        return; // the form that was just saved closes
      }
      carried.push({form: form, slot: slotOf(form), focused: form.contains(document.activeElement) ? document.activeElement : null});
    });
  });

  document.addEventListener("htmx:afterSwap", function () {
    if (!carried) {
      return;
    }
    var forms = carried;
    carried = null;
    forms.forEach(function (kept) {
      var slot = document.getElementById(kept.slot.id);
      if (!slot) {
        return; // its item is gone (deleted meanwhile): nowhere to put it
      }
      if (kept.slot.inner) {
        slot.replaceChildren(kept.form);
      } else {
        slot.replaceWith(kept.form);
      }
      window.htmx.process(kept.form);
      if (kept.focused) {
        kept.focused.focus();
      }
    });
  });

  // Unsaved text: a field of an open form that differs from what it was drawn
  // with, or an autosaving text not saved yet.
  function unsaved() {
    if (document.querySelector("form.conflict")) {
      return true; // a merge waiting to be saved
    }
    var forms = document.querySelectorAll("form.item-form, form[data-autosave]");
    for (var index = 0; index < forms.length; index += 1) {
      var form = forms[index];
      if (form.matches("form[data-autosave]")) {
        if (form.dataset.dirty === "true") {
          return true;
        }
        continue;
      }
      var fields = form.querySelectorAll("textarea, input:not([type=hidden])");
      for (var f = 0; f < fields.length; f += 1) {
        if (fields[f].value !== fields[f].defaultValue && !fields[f].readOnly) {
          return true;
        }
      }
    }
    return false;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    if (form) {
      form.dataset.dirty = "true";
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form[data-autosave]")) {
      form.dataset.sending = form.dataset.dirty || "false";
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form[data-autosave]") && event.detail.successful) {
      // Typed after the request left: still unsaved (the next autosave takes it).
      var sent = form.sentValues || {};
      var changed = Array.prototype.some.call(
        form.querySelectorAll("textarea[name], input[name]:not([type=hidden]), select[name]"),
        function (field) { return field.name in sent && field.value !== sent[field.name]; }
      );
      form.dataset.dirty = changed ? "true" : "false";
    }
  });

  var leaving = false;
  document.addEventListener("click", function (event) {
    // "Discard my text" means it.
    if (event.target.closest && event.target.closest("[data-discard]")) {
      leaving = true;
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (!leaving && unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

/* Presence: the heartbeat (#presence, polled by htmx) says which section this
 * person is reading and which item's form is open; the answer lists the others,
 * and the items they are editing are marked. */
(function () {
  "use strict";

  var last = "";

  function currentSection() {
    var sections = document.querySelectorAll(".roadmap-section[id]");
    var line = window.innerHeight * 0.4;
    var found = "";
    sections.forEach(function (section) {
      if (section.getBoundingClientRect().top <= line) {
        found = section.id;
      }
    });
    return found || (sections[0] ? sections[0].id : "");
  }

  function openItem() {
    var form = document.querySelector("form.item-form[id^='form-'], form.conflict[id^='form-']");
    var key = form ? form.id.replace(/^form-/, "") : "";
    return /^[a-z]+-\d+$/.test(key) ? key : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "presence") {
      event.detail.parameters.section = currentSection();
      event.detail.parameters.editing = openItem();
    }
  });

  // Tell the others soon after this person moves or opens a form.
  var pending = null;
  function changed() {
    var now = currentSection() + "|" + openItem();
    if (now === last) {
      return;
    }
    last = now;
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      document.body.dispatchEvent(new Event("presence-changed"));
    }, 1000);
  }
  window.addEventListener("scroll", changed, {passive: true});
  document.addEventListener("htmx:afterSettle", changed);

  function markEdited() {
    document.querySelectorAll(".being-edited").forEach(function (item) {
      item.classList.remove("being-edited");
      item.removeAttribute("data-being-edited");
    });
    document.querySelectorAll("#presence [data-editing]").forEach(function (person) {
      var item = person.dataset.editing && document.getElementById("item-" + person.dataset.editing);
      if (item) {
        item.classList.add("being-edited");
        item.setAttribute("data-being-edited", person.dataset.editingLabel);
      }
    });
  }
  document.addEventListener("htmx:afterSettle", markEdited);

  window.addEventListener("pagehide", function () {
    var presence = document.getElementById("presence");
    var token = document.querySelector("[name=csrfmiddlewaretoken]");
    if (presence && token && navigator.sendBeacon) {
      var data = new FormData();
      data.append("leave", "1");
      data.append("csrfmiddlewaretoken", token.value);
      navigator.sendBeacon(presence.dataset.presenceUrl, data);
    }
  });
})();

/* An item's "Comment" link opens its section's comment form, about that item. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-comment]");
    if (!link) {
      return;
    }
    // href="?about=indicator-12#comments-indicators"
    var key = new URL(link.href).searchParams.get("about");
    var comments = document.getElementById(new URL(link.href).hash.slice(1));
    var form = comments && comments.querySelector("form.comment-form");
    if (!form) {
      return; // no form here (read-only): follow the link
    }
    event.preventDefault();
    form.querySelector("input[name=about]").value = key;
    var about = form.querySelector(".comment-about");
    // The item's own first line, without its code: what the thread will be about.
    var item = document.getElementById("item-" + key);
    var line = item && item.querySelector("p, h3, h4");
    var text = line ? line.textContent.replace(/^\s*[\d.]+\s*/, "").trim() : key;
    about.querySelector(".comment-about-label").textContent =
      text.length > 80 ? text.slice(0, 79) + "…" : text;
    about.hidden = false;
    comments.querySelector("details").open = true;
    var box = form.querySelector("textarea");
    box.scrollIntoView({block: "center"});
    box.focus();
  });
})();
