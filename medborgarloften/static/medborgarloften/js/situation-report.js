// Report form: fill latitude/longitude from the phone's position on request.
// Without JavaScript (or without geolocation) the fields are typed by hand.
(function () {
  "use strict";
  var form = document.querySelector("[data-report-form]");
  if (!form || !("geolocation" in navigator)) return;
  var button = form.querySelector("[data-locate]");
  var status = form.querySelector("[data-locate-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Hämtar position…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
        status.textContent = "Positionen är ifylld.";
      },
      function () {
        status.textContent = "Positionen gick inte att hämta. Välj ett område i stället.";
      },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  });
})();
