/* Import review screen: pointing at a field marks its words in the source text.
 *
 * Without JavaScript the "Visa i texten" links jump to the <mark> (its id); with it,
 * focusing or clicking a field (or the link) outlines that field's marks and scrolls
 * the source panel — not the page — so the field being edited stays in view. A
 * "Visa i texten" link does more: when the text is off screen (on a phone the text
 * sits above the form), it brings the text into view and offers a way back to the
 * field. Tapping a mark, or tabbing to it, says what it is, since a phone and a
 * keyboard have no hover for the title.
 */
(function () {
  "use strict";
  var source = document.querySelector("[data-review-source]");
  var form = document.querySelector("[data-review-form]");
  if (!source) {
    return;
  }
  var active = [];
  var label = document.querySelector("[data-mark-label]");
  var back = document.querySelector("[data-back]");
  var backTo = null;
  // After a refused "Skapa utkast", start at the list of what to correct.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  function marksFor(ids) {
    var found = [];
    ids.split(/\s+/).forEach(function (id) {
      if (!id) {
        return;
      }
      var parts = source.querySelectorAll('mark[data-mark="' + CSS.escape(id) + '"]');
      for (var i = 0; i < parts.length; i++) {
        found.push(parts[i]);
      }
    });
    return found;
  }

  function show(ids) {
    active.forEach(function (mark) {
      mark.classList.remove("is-active");
    });
    active = marksFor(ids || "");
    active.forEach(function (mark) {
      mark.classList.add("is-active");
    });
    if (active.length) {
      var box = source.getBoundingClientRect();
      var first = active[0].getBoundingClientRect();
      source.scrollTop += first.top - box.top - box.height / 3;
    }
  }

  function offScreen(element) {
    var box = element.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.top < 0 || box.top > height / 2;
  }

  function bringIntoView(link) {
    if (!offScreen(source)) {
      return;
    }
    backTo = link;
    if (back) {
      back.hidden = false;
    }
    // After the click has run its course (a phone's tap would scroll back to the
    // link): focus moves to the text, and the text comes into view.
    window.setTimeout(function () {
      source.focus({ preventScroll: true });
      source.scrollIntoView({ block: "start" });
      show(link.getAttribute("data-marks"));
    }, 0);
  }

  function idsOf(element) {
    var holder = element.closest("[data-marks]");
    return holder ? holder.getAttribute("data-marks") : "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.show-span");
    if (!link) {
      return;
    }
    event.preventDefault();
    show(link.getAttribute("data-marks"));
    bringIntoView(link);
  });
  if (back) {
    back.addEventListener("click", function () {
      back.hidden = true;
      if (backTo) {
        var field = backTo.closest(".field, fieldset") || backTo;
        field.scrollIntoView({ block: "center" });
        var input = field.querySelector("input, textarea, select");
        (input || backTo).focus({ preventScroll: true });
      }
    });
  }
  if (form) {
    form.addEventListener("focusin", function (event) {
      var ids = idsOf(event.target);
      if (ids) {
        show(ids);
      }
    });
  }
  // Clicking a mark in the text, or reaching it with the keyboard (Tab, or a link
  // of the list of marks), says which field it is (the title) and outlines it.
  function explain(event) {
    var mark = event.target.closest("mark[data-mark]");
    if (mark) {
      show(mark.getAttribute("data-mark"));
      if (label) {
        label.textContent = mark.getAttribute("title") || "";
      }
    }
  }
  source.addEventListener("click", explain);
  source.addEventListener("focusin", explain);
})();
