// Report form: fill latitude/longitude from the phone's position on request.
// Without JavaScript (or without geolocation) the fields are typed by hand.
(function () {
  "use strict";
  // Django's JavaScript catalogue (/jsi18n/) translates; without it, Swedish.
  var gettext = window.gettext || function (text) { return text; };
  var form = document.querySelector("[data-report-form]");
  if (!form || !("geolocation" in navigator)) return;
  var button = form.querySelector("[data-locate]");
  var status = form.querySelector("[data-locate-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = gettext("Hämtar position…");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
        status.textContent = gettext("Positionen är ifylld.");
      },
      function () {
        status.textContent = gettext("Positionen gick inte att hämta. Välj ett område i stället.");
      },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  });
})();
