// The interactive map component (templates/maps/_map.html) on Leaflet (vendored).
// Its data comes as JSON (json_script), never as inline script. Without JavaScript the
// component stays hidden and the page's own fallback (an SVG map, a list, a select)
// is what the user has; with it, the SVG it replaces is hidden.
//
// Keyboard: the map is one Tab stop, arrows pan, + and − zoom (Leaflet's own
// keyboard handler). On a map to mark a place ("pick"), a cross marks the middle of
// the map: pan it there and press Enter (or Space, or "Markera kartans mitt"), or
// tap/click the map; an area that has the focus (clicked) is chosen with Enter or
// Space; the marker can be dragged to correct it; "Använd min position" asks the
// browser only when pressed.
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function announce(box, text) {
    var status = box.querySelector("[data-map-status]");
    if (status) status.textContent = text;
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key] === undefined ? "" : values[key];
    });
  }

  // A shape or point on the map a screen reader can name: the tooltip's text as its
  // label, and the tooltip shown while it has focus, as on hover. It is no Tab stop
  // of its own (tabindex -1): the map is one Tab stop, whatever the number of areas,
  // and the page lists the same areas (a table, or the form's list of areas).
  function named(layer, label) {
    var el = layer.getElement && layer.getElement();
    if (!el || !label) return;
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", label);
    el.setAttribute("tabindex", "-1");
    el.addEventListener("focus", function () {
      layer.openTooltip();
    });
    el.addEventListener("blur", function () {
      layer.closeTooltip();
    });
  }

  function setup(box) {
    var config = JSON.parse(byId(box.dataset.mapConfig).textContent);
    var texts = config.texts || {};
    var canvas = box.querySelector("[data-map-canvas]");
    box.hidden = false;
    if (box.dataset.mapReplaces) {
      document.querySelectorAll(box.dataset.mapReplaces).forEach(function (el) {
        el.hidden = true;
        el.classList.add("map-replaced");
      });
    }
    var map = L.map(canvas, {
      keyboard: true,
      zoomSnap: 0.5,
      attributionControl: true,
      zoomControl: false,
      tap: true,
    });
    // Leaflet's own buttons say "Zoom in"/"Zoom out" whatever the page's language.
    L.control
      .zoom({
        zoomInTitle: texts.zoom_in || "Zoom in",
        zoomOutTitle: texts.zoom_out || "Zoom out",
      })
      .addTo(map);
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com" rel="noopener">Leaflet</a>'
    );
    canvas.setAttribute("aria-describedby", box.dataset.mapKeys || "");
    if (config.tiles) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution || "",
        maxZoom: config.tiles.max_zoom || 18,
        crossOrigin: false,
      }).addTo(map);
      canvas.classList.add("has-tiles");
    }
    var outline = null;
    if (config.outline) {
      outline = L.geoJSON(config.outline, {
        interactive: false,
        style: { className: "map-outline", color: "#555", weight: 1.5, fill: !config.tiles, fillColor: "#f4f4f4", fillOpacity: 1 },
      });
    }
    var areaLayers = {};
    var areas = L.geoJSON(
      { type: "FeatureCollection", features: config.areas || [] },
      {
        style: function (feature) {
          var p = feature.properties || {};
          return {
            className: "map-area",
            color: "#1b1b1f",
            weight: 1,
            fillColor: p.fill || "#1d4f91",
            fillOpacity: p.fill ? 0.75 : 0.12,
          };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties || {};
          areaLayers[p.name] = layer;
          layer.bindTooltip(p.label ? p.name + ": " + p.label : p.name, { sticky: true });
        },
      }
    );
    // The view first: a circle marker cannot be placed on a map without one.
    fit();
    if (outline) outline.addTo(map);
    areas.addTo(map);
    areas.eachLayer(function (layer) {
      var p = layer.feature.properties || {};
      named(layer, p.label ? p.name + ": " + p.label : p.name);
    });
    overlays(map, config);
    // Area names and the list beside the map: js/map-areas.js.
    var extras = window.MedborgarMapAreas;
    var names = extras && config.labels ? extras.names(map, areas, config.focus || []) : null;
    if (extras) extras.links(box, map, canvas, areaLayers, names);
    var pointLayer = L.layerGroup();
    (config.points || []).forEach(function (point) {
      L.circleMarker([point.lat, point.lon], {
        radius: 6,
        color: "#fff",
        weight: 1.5,
        fillColor: point.colour || "#a4161a",
        fillOpacity: 1,
        className: "map-point",
      })
        .bindTooltip(point.title || "")
        .on("add", function (event) {
          named(event.target, point.title);
        })
        .addTo(pointLayer);
    });
    if (config.clusters) {
      clusters(map, config, pointLayer);
    } else {
      pointLayer.addTo(map);
    }
    (config.density || []).forEach(function (cell) {
      L.rectangle(
        [
          [cell.south, cell.west],
          [cell.north, cell.east],
        ],
        { className: "map-density", color: "#fff", weight: 0.5, fillColor: cell.fill, fillOpacity: 0.7 }
      )
        .bindTooltip(cell.title || "")
        .addTo(map);
    });
    if (config.circle) {
      L.circle([config.circle.lat, config.circle.lon], {
        radius: config.circle.radius,
        interactive: false,
        className: "map-near",
        color: "#1b1b1f",
        weight: 2,
        dashArray: "6 4",
        fill: false,
      }).addTo(map);
    }

    // The features of the overlays shown from the start (the staff overlay page).
    function shownOverlays() {
      var features = [];
      (config.overlays || []).forEach(function (overlay) {
        if (overlay.shown) features = features.concat(overlay.features || []);
      });
      return features;
    }

    function fit() {
      var focus = (config.focus || [])
        .map(function (name) {
          return areaLayers[name];
        })
        .filter(Boolean);
      var bounds = null;
      if (focus.length) {
        bounds = L.featureGroup(focus).getBounds();
      } else if ((config.areas || []).length) {
        bounds = areas.getBounds();
      } else if (shownOverlays().length) {
        bounds = L.geoJSON({ type: "FeatureCollection", features: shownOverlays() }).getBounds();
      } else if (outline) {
        bounds = outline.getBounds();
      }
      if (bounds && bounds.isValid()) {
        map.fitBounds(bounds, { padding: [12, 12], maxZoom: 16 });
      } else {
        map.setView([62, 16], 4);
      }
    }
    if (config.pick) pick(box, map, config, texts, areaLayers);
    box.mapInstance = map;
  }

  // Overlay layers (DeSO, RegSO, Polisen's utsatta områden): off until chosen in
  // Leaflet's layer control, whose checkboxes are ordinary inputs (Tab, Space). On a
  // narrow screen the control starts folded behind its button so it does not cover
  // the map. The page lists the same layers as text under the map.
  function overlays(map, config) {
    if (!(config.overlays || []).length) return;
    var control = L.control.layers(null, null, {
      collapsed: window.matchMedia("(max-width: 40em)").matches,
      position: "topright",
    });
    config.overlays.forEach(function (overlay) {
      var layer = L.geoJSON(
        { type: "FeatureCollection", features: overlay.features || [] },
        {
          style: {
            className: "map-overlay map-overlay-" + overlay.layer,
            color: overlay.colour,
            weight: 2,
            dashArray: "5 4",
            fillColor: overlay.colour,
            fillOpacity: 0.08,
          },
          onEachFeature: function (feature, sub) {
            var p = feature.properties || {};
            sub.bindTooltip(overlay.label + ": " + (p.name || p.code || ""), { sticky: true });
          },
        }
      );
      if (overlay.shown) layer.addTo(map);
      control.addOverlay(layer, overlay.label + " (" + (overlay.features || []).length + ")");
    });
    control.addTo(map);
    var toggle = control.getContainer().querySelector(".leaflet-control-layers-toggle");
    if (toggle && config.texts && config.texts.overlays) {
      toggle.setAttribute("aria-label", config.texts.overlays);
      toggle.title = config.texts.overlays;
    }
  }

  // Clusters at low zoom: the server grouped the points in a grid per zoom level
  // (situation/selectors/hotspots.py); below cluster_below the level for the map's
  // zoom is drawn, a number in a circle that zooms in when chosen (click, or Enter
  // when it has keyboard focus); from cluster_below on every point on its own.
  function clusters(map, config, pointLayer) {
    var levels = Object.keys(config.clusters).map(Number).sort(function (a, b) {
      return a - b;
    });
    var below = config.cluster_below || 15;
    var current = L.layerGroup().addTo(map);
    function draw() {
      var zoom = Math.floor(map.getZoom());
      current.clearLayers();
      if (zoom >= below || !levels.length) {
        if (!map.hasLayer(pointLayer)) pointLayer.addTo(map);
        return;
      }
      map.removeLayer(pointLayer);
      var level = Math.max(levels[0], Math.min(levels[levels.length - 1], zoom));
      config.clusters[String(level)].forEach(function (cluster) {
        var size = cluster.count < 10 ? 28 : cluster.count < 100 ? 34 : 42;
        var marker = L.marker([cluster.lat, cluster.lon], {
          icon: L.divIcon({
            // The kind's colour as in the legend (css/maps.css .kind-*).
            className: "map-cluster" + (cluster.kind ? " kind-" + cluster.kind : ""),
            html: "<span>" + cluster.count + "</span>",
            iconSize: [size, size],
          }),
          title: cluster.title,
          alt: cluster.title,
          keyboard: true,
          riseOnHover: true,
        });
        var open = function () {
          map.setView([cluster.lat, cluster.lon], Math.min(level + 2, below));
        };
        marker.on("click", open);
        // Leaflet's marker takes the focus (role=button) but Enter does nothing
        // without a popup: open the cluster with Enter or Space.
        marker.on("keydown", function (event) {
          var key = event.originalEvent && event.originalEvent.key;
          if (key === "Enter" || key === " ") {
            L.DomEvent.preventDefault(event.originalEvent);
            open();
          }
        });
        current.addLayer(marker);
      });
    }
    map.on("zoomend", draw);
    draw();
  }

  function pick(box, map, config, texts, areaLayers) {
    var lat = byId(config.pick.latitude);
    var lon = byId(config.pick.longitude);
    var area = byId(config.pick.area);
    var marker = null;

    function place(latlng, how) {
      var point = L.latLng(latlng);
      if (!marker) {
        marker = L.marker(point, {
          draggable: true,
          keyboard: true,
          title: texts.marker || "",
          alt: texts.marker || "",
          autoPan: true,
        }).addTo(map);
        marker.on("dragend", function () {
          place(marker.getLatLng(), "moved");
        });
      } else {
        marker.setLatLng(point);
      }
      lat.value = point.lat.toFixed(6);
      lon.value = point.lng.toFixed(6);
      box.dataset.picked = "true";
      var inArea = "";
      Object.keys(areaLayers).forEach(function (name) {
        if (!inArea && contains(areaLayers[name], point)) inArea = name;
      });
      // The area the point falls in is chosen in the list too, so the resident sees
      // what will be stored; a point outside every listed area leaves it as it was.
      if (area && inArea) {
        for (var i = 0; i < area.options.length; i++) {
          if (area.options[i].text === inArea) area.selectedIndex = i;
        }
      }
      var text = how === "moved" ? texts.moved : how === "located" ? texts.located : texts.placed;
      announce(box, format(text || "", { area: inArea || texts.no_area || "" }));
    }

    map.on("click", function (event) {
      place(event.latlng, "placed");
    });
    function chosen(event) {
      return event.key === "Enter" || event.key === " " || event.key === "Spacebar";
    }
    // Enter or Space on the map itself marks the place under the cross.
    var canvas = box.querySelector("[data-map-canvas]");
    canvas.addEventListener("keydown", function (event) {
      if (event.target !== canvas || !chosen(event)) return;
      event.preventDefault();  // neither the form's submit nor a page scroll
      place(map.getCenter(), "placed");
    });
    // Enter or Space on an area that has the focus chooses it: a point inside it
    // fills the position, and the area is chosen in the list.
    Object.keys(areaLayers).forEach(function (name) {
      var layer = areaLayers[name];
      var el = layer.getElement && layer.getElement();
      if (!el) return;
      el.addEventListener("keydown", function (event) {
        if (!chosen(event)) return;
        event.preventDefault();
        event.stopPropagation();
        place(inside(layer), "placed");
        if (area) {
          for (var i = 0; i < area.options.length; i++) {
            if (area.options[i].text === name) area.selectedIndex = i;
          }
        }
      });
    });
    var centre = box.querySelector("[data-map-mark-centre]");
    if (centre) {
      centre.addEventListener("click", function () {
        place(map.getCenter(), "placed");
      });
    }
    var locate = box.querySelector("[data-map-locate]");
    if (locate) {
      if (!("geolocation" in navigator)) {
        locate.hidden = true;
      } else {
        locate.addEventListener("click", function () {
          announce(box, texts.locating || "");
          navigator.geolocation.getCurrentPosition(
            function (position) {
              var here = L.latLng(position.coords.latitude, position.coords.longitude);
              map.setView(here, Math.max(map.getZoom(), 16));
              place(here, "located");
            },
            function () {
              announce(box, texts.locate_failed || "");
            },
            { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
          );
        });
      }
    }
    var search = box.querySelector("[data-map-search]");
    if (search) {
      var byName = {};
      (config.areas || []).forEach(function (feature) {
        var p = feature.properties || {};
        (p.names || [p.name]).forEach(function (name) {
          byName[name.toLocaleLowerCase("sv")] = areaLayers[p.name];
        });
      });
      var go = function () {
        var layer = byName[search.value.trim().toLocaleLowerCase("sv")];
        if (layer) {
          map.fitBounds(layer.getBounds(), { padding: [12, 12], maxZoom: 17 });
          announce(box, format(texts.found || "", { area: search.value.trim() }));
        }
      };
      search.addEventListener("change", go);
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();  // not the form's submit
          go();
        }
      });
    }
    if (area) {
      area.addEventListener("change", function () {
        var label = area.options[area.selectedIndex] ? area.options[area.selectedIndex].text : "";
        var layer = areaLayers[label];
        if (layer) map.fitBounds(layer.getBounds(), { padding: [12, 12], maxZoom: 17 });
      });
    }
    if (lat.value && lon.value) {
      place([parseFloat(lat.value), parseFloat(lon.value)], "placed");
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 15));
    } else if (area && area.selectedIndex > 0) {
      // An area chosen already (a report being corrected, a form sent back): show it.
      var chosenLayer = areaLayers[area.options[area.selectedIndex].text];
      if (chosenLayer) map.fitBounds(chosenLayer.getBounds(), { padding: [12, 12], maxZoom: 17 });
    }
  }

  // A point inside the area: the middle of its bounds when that is inside, else the
  // first point of a finer and finer grid over the bounds that is (a ring, a U).
  function inside(layer) {
    var bounds = layer.getBounds();
    var middle = bounds.getCenter();
    if (contains(layer, middle)) return middle;
    for (var steps = 4; steps <= 64; steps *= 2) {
      for (var i = 1; i < steps; i++) {
        for (var j = 1; j < steps; j++) {
          var point = L.latLng(
            bounds.getSouth() + ((bounds.getNorth() - bounds.getSouth()) * i) / steps,
            bounds.getWest() + ((bounds.getEast() - bounds.getWest()) * j) / steps
          );
          if (contains(layer, point)) return point;
        }
      }
    }
    return middle;
  }

  // Point in polygon (even-odd) on the layer's rings, holes included.
  function contains(layer, point) {
    var inside = false;
    layer.eachLayer
      ? layer.eachLayer(function (sub) {
          if (!inside) inside = contains(sub, point);
        })
      : (function () {
          var rings = layer.getLatLngs();
          var polygons = Array.isArray(rings[0]) && Array.isArray(rings[0][0]) ? rings : [rings];
          polygons.forEach(function (polygon) {
            var hit = false;
            polygon.forEach(function (ring) {
              for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                var a = ring[i], b = ring[j];
                if ((a.lat > point.lat) !== (b.lat > point.lat) &&
                    point.lng < ((b.lng - a.lng) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lng) {
                  hit = !hit;
                }
              }
            });
            if (hit) inside = true;
          });
        })();
    return inside;
  }

  document.querySelectorAll("[data-map]").forEach(setup);
})();
