// The home map's keyboard focus ring, drawn on top of the map. A kommun's own outline
// (CSS :focus-visible) is painted in document order, so the kommuner drawn after it
// cover most of it, and the smallest kommuner are only a few pixels: this moves one
// ring, at least 16 px across, over the focused kommun. Only SVG attributes are set
// (no inline style: the CSP allows none). Without JavaScript the outline remains.
(function () {
  "use strict";
  var svg = document.querySelector(".sweden-map");
  if (!svg) return;
  var ring = svg.querySelector("[data-map-focus]");
  if (!ring) return;
  var MIN = 16, PAD = 4; // CSS pixels
  function place(link) {
    var box = link.getBBox();
    var ctm = svg.getScreenCTM();
    var scale = ctm ? ctm.a : 1;
    var pad = PAD / scale, min = MIN / scale;
    var w = Math.max(box.width + 2 * pad, min), h = Math.max(box.height + 2 * pad, min);
    var x = box.x + box.width / 2 - w / 2, y = box.y + box.height / 2 - h / 2;
    ring.querySelectorAll("rect").forEach(function (rect) {
      rect.setAttribute("x", x);
      rect.setAttribute("y", y);
      rect.setAttribute("width", w);
      rect.setAttribute("height", h);
    });
    ring.setAttribute("display", "inline");
  }
  // Listen on the figure, not the SVG: Chromium makes an SVG element with focus
  // listeners a tab stop of its own.
  var figure = svg.parentNode;
  figure.addEventListener("focusin", function (event) {
    var link = event.target.closest(".sweden-map a");
    if (link && link.matches(":focus-visible")) place(link);
  });
  figure.addEventListener("focusout", function () {
    ring.setAttribute("display", "none");
  });
})();
