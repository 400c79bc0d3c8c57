// Quick entry: put the cursor in "Vad gjordes" when the form opens without errors,
// so a phone user can start typing at once. Nothing else depends on JavaScript.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); return; }
  var kind = document.getElementById("id_kind");
  if (kind && !kind.value && window.matchMedia("(min-width: 48rem)").matches) {
    kind.focus();
  }
})();
