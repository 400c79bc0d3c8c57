// The case page: choosing an answer template fills the answer with its text at once
// (the "Använd mall" button does the same through the server without script). An
// answer already written is kept unless the user agrees to replace it.
(function () {
  "use strict";
  document.querySelectorAll("select[data-fills]").forEach(function (select) {
    var target = document.getElementById(select.getAttribute("data-fills"));
    if (!target) return;
    var last = target.value;
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var text = option ? option.getAttribute("data-text") : null;
      if (text === null) return;
      if (target.value.trim() && target.value !== last &&
          !window.confirm(select.getAttribute("data-confirm") || "")) return;
      target.value = text;
      last = text;
      target.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
})();
