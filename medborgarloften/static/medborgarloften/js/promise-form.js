/* Inline rows on the promise form: add, move up/down, remove — without losing input.
 *
 * The page works without this file (a "Lägg till rader" button re-renders the page
 * with an extra row; rows are ordered by their "Ordning" number). With it:
 *  - "Lägg till …" clones the formset's empty form and raises TOTAL_FORMS;
 *  - "Flytta upp/ned" moves the row and rewrites every ORDER value;
 *  - "Ta bort" (the DELETE checkbox) greys the row out; it is dropped on save;
 *  - every commitment's focus-area list follows the focus-area titles as you type.
 * Form prefixes are never renumbered, so a commitment keeps pointing at the
 * focus-area row it chose (the value is that row's prefix number).
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-promise-form]");
  if (!form) {
    return;
  }
  var status = form.querySelector("[data-formset-status]");

  function announce(text) {
    if (!status) {
      return;
    }
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function sections() {
    return Array.prototype.slice.call(form.querySelectorAll("[data-formset]"));
  }

  function section(key) {
    return form.querySelector('[data-formset="' + key + '"]');
  }

  function rows(sec) {
    var box = sec.querySelector("[data-formset-items]");
    return Array.prototype.filter.call(box.children, function (el) {
      return el.hasAttribute("data-formset-item");
    });
  }

  function field(row, suffix) {
    return row.querySelector('[name$="-' + suffix + '"]');
  }

  function prefixIndex(row) {
    var id = field(row, "id");
    var match = id && id.name.match(/-(\d+)-id$/);
    return match ? match[1] : null;
  }

  /* Row numbers in legends and button texts, and the ORDER values, follow the
     order on screen. */
  function renumber(sec) {
    rows(sec).forEach(function (row, i) {
      var order = field(row, "ORDER");
      if (order) {
        order.value = String(i + 1);
      }
      row.querySelectorAll("[data-row-number]").forEach(function (el) {
        el.textContent = String(i + 1);
      });
    });
  }

  /* --- Focus-area choices ----------------------------------------------------- */

  function focusOptions() {
    var sec = section("focus");
    if (!sec) {
      return [];
    }
    return rows(sec).map(function (row) {
      var title = field(row, "title");
      var removed = field(row, "DELETE");
      var text = title ? title.value.trim() : "";
      if (text && removed && removed.checked) {
        text += " (tas bort)";
      }
      return { value: prefixIndex(row), label: text };
    });
  }

  function fillFocusSelect(select, options) {
    var current = select.value;
    var blank = select.options.length ? select.options[0] : null;
    while (select.options.length > 1) {
      select.remove(1);
    }
    if (!blank) {
      return;
    }
    options.forEach(function (option) {
      if (!option.label && option.value !== current) {
        return;
      }
      var el = document.createElement("option");
      el.value = option.value;
      el.textContent = option.label || "(fokusområde utan rubrik)";
      select.appendChild(el);
    });
    select.value = current;
    if (select.value !== current) {
      select.value = "";
    }
  }

  function syncFocusChoices() {
    var options = focusOptions();
    var sec = section("commitments");
    if (!sec) {
      return;
    }
    sec.querySelectorAll('select[name$="-focus_area"]').forEach(function (select) {
      fillFocusSelect(select, options);
    });
    var template = sec.querySelector("template[data-empty-form]");
    if (template) {
      var select = template.content.querySelector('select[name$="-focus_area"]');
      if (select) {
        fillFocusSelect(select, options);
      }
    }
  }

  /* --- Target preview (mirrors Commitment.target_display) --------------------- */

  /* The page's language: the words around the unit and the date as on the
     server ("minst 40 kvällar per år, senast 31 oktober 2027"). */
  function dateText(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!parts || typeof Intl === "undefined") {
      return value;
    }
    var date = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    var locale = document.documentElement.lang === "en" ? "en-GB" : "sv-SE";
    return date.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
  }

  function targetPhrase(row) {
    var sec = row.closest("[data-formset]");
    var atLeast = (sec && sec.getAttribute("data-at-least-text")) || "minst %(quantity)s %(unit)s";
    var by = (sec && sec.getAttribute("data-by-text")) || "senast %(due)s";
    var quantity = (field(row, "target_quantity") || {}).value || "";
    var unit = ((field(row, "target_unit") || {}).value || "").trim();
    var per = field(row, "target_per");
    var deadline = (field(row, "target_deadline") || {}).value || "";
    var perValue = per ? per.value : "";
    var perLabel = per && per.selectedIndex >= 0 ? per.options[per.selectedIndex].text : "";
    var parts = [];
    quantity = quantity.trim();
    if (/^\d+$/.test(quantity) && parseInt(quantity, 10) > 0) {
      parts.push(
        atLeast.replace("%(quantity)s", String(parseInt(quantity, 10))).replace("%(unit)s", unit).trim()
      );
    } else {
      quantity = "";
      if (unit) {
        parts.push(unit);
      }
    }
    if (perValue && (perValue !== "period" || parts.length)) {
      parts.push(perLabel);
    }
    var text = parts.join(" ");
    if (deadline) {
      var due = by.replace("%(due)s", dateText(deadline));
      text = text ? text + ", " + due : due;
    }
    return { measurable: Boolean(quantity || perValue || deadline), text: text };
  }

  function updatePreview(row) {
    var preview = row.querySelector("[data-target-preview]");
    if (!preview) {
      return;
    }
    var target = targetPhrase(row);
    preview.textContent = "";
    if (target.measurable) {
      var strong = document.createElement("strong");
      strong.textContent = preview.getAttribute("data-measurable-text") + ":";
      preview.appendChild(strong);
      preview.appendChild(document.createTextNode(" " + target.text));
    } else {
      preview.textContent = preview.getAttribute("data-not-measurable-text");
    }
  }

  /* --- Rows ------------------------------------------------------------------- */

  function enhance(row) {
    row.querySelectorAll("[data-move]").forEach(function (button) {
      button.hidden = false;
    });
    var order = row.querySelector("[data-order-field]");
    if (order) {
      order.hidden = true;
    }
    var removed = field(row, "DELETE");
    if (removed) {
      row.classList.toggle("is-removed", removed.checked);
    }
  }

  function addRow(sec) {
    var total = sec.querySelector('input[name$="-TOTAL_FORMS"]');
    var template = sec.querySelector("template[data-empty-form]");
    var index = parseInt(total.value, 10) || 0;
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index)).trim();
    var row = holder.firstElementChild;
    sec.querySelector("[data-formset-items]").appendChild(row);
    total.value = String(index + 1);
    enhance(row);
    renumber(sec);
    syncFocusChoices();
    var first = row.querySelector("input:not([type=hidden]), textarea, select");
    if (first) {
      first.focus();
    }
    announce(sec.getAttribute("data-noun") + " " + rows(sec).length + " har lagts till.");
  }

  function move(row, step, button) {
    var sec = row.closest("[data-formset]");
    var sibling = step < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling || !sibling.hasAttribute("data-formset-item")) {
      announce(sec.getAttribute(step < 0 ? "data-first-text" : "data-last-text"));
      return;
    }
    if (step < 0) {
      row.parentNode.insertBefore(row, sibling);
    } else {
      row.parentNode.insertBefore(sibling, row);
    }
    renumber(sec);
    if (sec.getAttribute("data-formset") === "focus") {
      syncFocusChoices();
    }
    button.focus();
    var place = String(rows(sec).indexOf(row) + 1);
    announce(sec.getAttribute("data-moved-text").replace("%(n)s", place));
  }

  sections().forEach(function (sec) {
    rows(sec).forEach(enhance);
    renumber(sec);
    sec.querySelectorAll("[data-add-row]").forEach(function (button) {
      button.hidden = false;
    });
    sec.querySelectorAll("[data-no-js]").forEach(function (button) {
      button.hidden = true;
    });
  });
  syncFocusChoices();

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-formset]"));
      return;
    }
    var mover = event.target.closest("[data-move]");
    if (mover) {
      event.preventDefault();
      move(mover.closest("[data-formset-item]"), parseInt(mover.getAttribute("data-move"), 10), mover);
    }
  });

  form.addEventListener("input", function (event) {
    var row = event.target.closest("[data-formset-item]");
    if (!row) {
      return;
    }
    if (/-title$/.test(event.target.name) && row.closest('[data-formset="focus"]')) {
      syncFocusChoices();
    }
    if (/-target_(quantity|unit|per|deadline)$/.test(event.target.name)) {
      updatePreview(row);
    }
  });

  form.addEventListener("change", function (event) {
    var row = event.target.closest("[data-formset-item]");
    if (!row) {
      return;
    }
    if (/-DELETE$/.test(event.target.name)) {
      row.classList.toggle("is-removed", event.target.checked);
      if (row.closest('[data-formset="focus"]')) {
        syncFocusChoices();
      }
    }
    if (/-target_(per|deadline)$/.test(event.target.name)) {
      updatePreview(row);
    }
  });

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
