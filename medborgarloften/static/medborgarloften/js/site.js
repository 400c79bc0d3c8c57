// Every page: a table too wide for the screen scrolls inside its .table-wrap, and a
// keyboard user must be able to scroll it too (WCAG 2.1.1). Such a wrapper becomes a
// named, focusable region, only while it does scroll, so that a table that fits adds
// no tab stop. Its name is the table's caption, else the heading before it.
(function () {
  "use strict";
  var counter = 0;
  function nameFor(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) {
      if (!caption.id) caption.id = "table-caption-" + ++counter;
      return { labelledby: caption.id };
    }
    var heading = null;
    for (var el = wrap; el && !heading; el = el.parentElement) {
      for (var prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) { heading = prev; break; }
      }
    }
    if (heading) {
      // The heading may already name the section around the table: say "table" so
      // that the two regions are told apart.
      var word = /^en\b/.test(document.documentElement.lang) ? "table" : "tabell";
      return { label: heading.textContent.trim() + " (" + word + ")" };
    }
    return { label: document.title };
  }
  function update(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      var name = nameFor(wrap);
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (name.labelledby) wrap.setAttribute("aria-labelledby", name.labelledby);
      else wrap.setAttribute("aria-label", name.label);
    } else if (!scrolls && wrap.hasAttribute("tabindex")) {
      ["tabindex", "role", "aria-labelledby", "aria-label"].forEach(function (a) {
        wrap.removeAttribute(a);
      });
    }
  }
  var wraps = document.querySelectorAll(".table-wrap");
  if (!wraps.length) return;
  wraps.forEach(update);
  window.addEventListener("resize", function () { wraps.forEach(update); });
})();

// A form with a sticky Save bar (.form-actions): the field that gets focus must not
// end up under the bar (WCAG 2.4.11). CSS scroll-padding does most of it, but a
// browser that finds the field "visible enough" does not scroll at all; then this
// scrolls it clear of the bar, or a field taller than the room above the bar to
// the top of the window.
(function () {
  "use strict";
  var bar = document.querySelector(".form-actions");
  if (!bar || getComputedStyle(bar).position !== "sticky") return;
  var GAP = 8;
  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (bar.contains(field) || !field.getBoundingClientRect) return;
    requestAnimationFrame(function () {
      var r = field.getBoundingClientRect();
      var top = bar.getBoundingClientRect().top;
      if (r.bottom + GAP <= top) return;
      var by = r.bottom + GAP - top;
      if (r.top - by < GAP) by = r.top - GAP;
      if (by > 0) window.scrollBy(0, by);
    });
  });
})();

// A long list of checkboxes (_choice_filter.html): the search box narrows it to the
// options whose name contains what is typed; ticked options always stay in view,
// and how many are shown is said politely. Without this the list scrolls whole.
// A very long list (more than COLLAPSE_AFTER options: every kommun) shows only the
// ticked ones until something is typed or "Visa alla" is pressed, so the keyboard
// passes it in a few steps instead of one per kommun.
(function () {
  "use strict";
  var COLLAPSE_AFTER = 50;
  function fold(text) {
    return text.toLocaleLowerCase("sv").replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("[data-choice-filter]").forEach(function (box) {
    var list = box.parentElement.querySelector("[data-choice-list]");
    var input = box.querySelector("[data-choice-filter-input]");
    var status = box.querySelector("[data-choice-filter-status]");
    if (!list || !input) return;
    var options = Array.prototype.slice.call(list.querySelectorAll("label")).map(
      function (label) {
        return {
          row: label.parentElement.tagName === "DIV" ? label.parentElement : label,
          box: label.querySelector("input"),
          name: fold(label.textContent),
        };
      }
    );
    box.hidden = false;
    var timer = null;
    var showAll = box.querySelector("[data-choice-show-all]");
    var collapsed = Boolean(showAll) && options.length > COLLAPSE_AFTER;
    if (collapsed) {
      showAll.textContent = showAll.getAttribute("data-template")
        .replace("{total}", options.length);
      showAll.hidden = false;
      showAll.addEventListener("click", function () {
        collapsed = false;
        showAll.hidden = true;
        apply();
        input.focus();
      });
    }
    function apply() {
      var query = fold(input.value);
      var shown = 0;
      options.forEach(function (option) {
        var ticked = option.box && option.box.checked;
        var visible = ticked || (query ? option.name.indexOf(query) !== -1 : !collapsed);
        option.row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (!status) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (!query) {
          status.textContent = collapsed ? status.getAttribute("data-collapsed") : "";
        } else if (shown === 0) {
          status.textContent = status.getAttribute("data-none");
        } else {
          status.textContent = status.getAttribute("data-template")
            .replace("{shown}", shown).replace("{total}", options.length);
        }
      }, 300);
    }
    input.addEventListener("input", apply);
    if (collapsed) apply();
    // Enter in the search box must not submit the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  });
})();

// The header on a phone: both menus fold behind a "Meny" button (aria-expanded),
// so the page starts near the top of the screen. Without JavaScript, or wider than
// a phone (the CSS hides the button there), the menus show as they are.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-nav-toggle]");
  var menu = document.querySelector("[data-site-menu]");
  if (!toggle || !menu) return;
  function open(yes) {
    toggle.setAttribute("aria-expanded", yes ? "true" : "false");
    menu.classList.toggle("is-folded", !yes);
  }
  toggle.hidden = false;
  open(false);
  toggle.addEventListener("click", function () {
    open(toggle.getAttribute("aria-expanded") !== "true");
  });
  // Escape in the open menu folds it and gives focus back to the button.
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" &&
        getComputedStyle(toggle).display !== "none") {
      open(false);
      toggle.focus();
    }
  });
})();

// A form sent back with errors: focus moves to the list of what to correct
// (#error-summary, tabindex=-1), so a keyboard or screen-reader user starts there
// (WCAG 3.3.1) — unless a page's own script has already put focus somewhere.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) return;
  var focused = document.activeElement;
  if (focused && focused !== document.body && focused !== document.documentElement) return;
  summary.focus();
})();
