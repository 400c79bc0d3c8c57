/* Import review screen: pointing at a field marks its words in the source text.
 *
 * Without JavaScript the "Visa i texten" links jump to the <mark> (its id); with it,
 * focusing or clicking a field (or the link) outlines that field's marks and scrolls
 * the source panel — not the page — so the field being edited stays in view.
 */
(function () {
  "use strict";
  var source = document.querySelector("[data-review-source]");
  var form = document.querySelector("[data-review-form]");
  if (!source) {
    return;
  }
  var active = [];
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
  });
  if (form) {
    form.addEventListener("focusin", function (event) {
      var ids = idsOf(event.target);
      if (ids) {
        show(ids);
      }
    });
  }
  // Clicking a mark in the text says which field it is (the title) and outlines it.
  source.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-mark]");
    if (mark) {
      show(mark.getAttribute("data-mark"));
    }
  });
})();
