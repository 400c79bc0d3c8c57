// Small areas on a choropleth map (js/map.js calls these): an area's name only
// where it fits, and the page's list of areas zooming the map to one of them.
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  // Each area's name written on it, only while the zoom leaves room for the whole
  // name inside the area's box: small areas are never labelled over their
  // neighbours (the list beside the map names them, and zooms to them). The area
  // chosen in the list (or the page's focus) is named whatever its size. An area
  // with a number (the list under the map is numbered the same) always shows its
  // number, and its name beside it where there is room.
  function areaNames(map, areas, chosen) {
    var state = { chosen: chosen.slice(0, 1) };
    var names = L.layerGroup().addTo(map);
    var labels = [];
    areas.eachLayer(function (layer) {
      var p = layer.feature.properties || {};
      if (!p.name) return;
      var text = document.createElement("span");
      var number = p.number ? String(p.number) : "";
      var full = number ? number + " " + p.name : p.name;
      text.textContent = full;
      var marker = L.marker(layer.getBounds().getCenter(), {
        icon: L.divIcon({ className: "map-area-name", html: text, iconSize: null }),
        interactive: false,
        keyboard: false,
      });
      marker.on("add", function (event) {
        event.target.getElement().setAttribute("aria-hidden", "true");
      });
      labels.push({
        layer: layer,
        marker: marker,
        text: text,
        full: full,
        number: number,
        width: full.length * 7.5 + 10,
      });
    });
    // Numbered areas are all named by number: none is written out by default.
    if (labels.some(function (label) { return label.number; })) state.chosen = [];
    function update() {
      labels.forEach(function (label) {
        var bounds = label.layer.getBounds();
        var nw = map.latLngToContainerPoint(bounds.getNorthWest());
        var se = map.latLngToContainerPoint(bounds.getSouthEast());
        var name = label.layer.feature.properties.name;
        var fits =
          state.chosen.indexOf(name) !== -1 ||
          (se.x - nw.x >= label.width && se.y - nw.y >= 20);
        if (label.number) {
          label.text.textContent = fits ? label.full : label.number;
          label.text.classList.toggle("map-area-number", !fits);
          fits = true;
        }
        if (fits && !names.hasLayer(label.marker)) names.addLayer(label.marker);
        if (!fits && names.hasLayer(label.marker)) names.removeLayer(label.marker);
      });
    }
    map.on("zoomend", update);
    update();
    return {
      choose: function (name) {
        state.chosen = [name];
        update();
      },
    };
  }

  // The page's list of areas (links carrying data-map-area) zooms this map to the
  // chosen area instead of loading the page again (the link's own zoom, without
  // JavaScript), shows its value and moves the focus to the map.
  function listLinks(box, map, canvas, areaLayers, names) {
    var scope = box.closest(".map-with-list, .areas-map") || document;
    scope.querySelectorAll("a[data-map-area]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var layer = areaLayers[link.dataset.mapArea];
        if (!layer) return;
        event.preventDefault();
        if (names) names.choose(link.dataset.mapArea);
        map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 17 });
        scope.querySelectorAll("a[data-map-area][aria-current]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        link.setAttribute("aria-current", "true");
        canvas.focus();
        layer.openTooltip();
      });
    });
  }

  window.MedborgarMapAreas = { names: areaNames, links: listLinks };
})();
