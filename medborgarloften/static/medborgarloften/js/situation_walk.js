// Digital trygghetsvandring: a tap on the SVG map fills latitude/longitude.
// Inverts situation/geo.py's Projection. Without JavaScript the map stays hidden
// and the resident chooses an area instead.
(function () {
  "use strict";
  // Django's JavaScript catalogue (/jsi18n/) translates; without it, Swedish.
  var gettext = window.gettext || function (text) { return text; };
  var form = document.querySelector("[data-walk-form]");
  if (!form) return;
  var box = form.querySelector("[data-walk-map]");
  var svg = box.querySelector("svg");
  var marker = svg.querySelector("[data-walk-marker]");
  var status = box.querySelector("[data-walk-status]");
  var minX = parseFloat(svg.dataset.minX), maxY = parseFloat(svg.dataset.maxY);
  var k = parseFloat(svg.dataset.k), scale = parseFloat(svg.dataset.scale);
  box.hidden = false;
  svg.addEventListener("click", function (event) {
    var point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    var p = point.matrixTransform(svg.getScreenCTM().inverse());
    var lon = minX + (p.x - 10) / (k * scale);
    var lat = maxY - (p.y - 10) / scale;
    form.querySelector("[name=latitude]").value = lat.toFixed(6);
    form.querySelector("[name=longitude]").value = lon.toFixed(6);
    marker.setAttribute("cx", p.x);
    marker.setAttribute("cy", p.y);
    status.textContent = gettext("Platsen är markerad.");
  });
})();
