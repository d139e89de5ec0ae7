/*
 * The reports map (templates/reports/_map.html). Loaded only on pages that show a map; it
 * then fetches Leaflet's CSS and script and the map CSS from our own server, so a page
 * without a map downloads none of it.
 *
 * data-report-map="view": markers from data-markers, shown only (the list beside the map links them).
 * data-report-map="pick": one pin (click the map, drag the pin, or pan with the keyboard
 *   and press "Plek in het midden kiezen"); its position goes into the lat/lon inputs of
 *   the form named by data-form, which is then shown.
 * Tiles come from data-tile-url; without it the map draws the boundary and the demo
 * streets from data-background-url.
 */
(function () {
  "use strict";

  var DEFAULT_CENTRE = [52.3, 6.1];

  function loadCss(href) {
    return new Promise(function (resolve) {
      if (document.querySelector('link[href="' + href + '"]')) {
        resolve();
        return;
      }
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.onload = resolve;
      link.onerror = resolve;
      document.head.appendChild(link);
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.L) {
        resolve();
        return;
      }
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function announce(text) {
    var region = document.getElementById("live-region");
    if (region) {
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = text;
      }, 100);
    }
  }

  var STYLES = {
    boundary: { color: "#1b4f72", weight: 3, fill: false, interactive: false },
    water: { color: "#1f6fb2", weight: 1, fillColor: "#9cc9ef", fillOpacity: 0.7, interactive: false },
    railway: { color: "#5b5b5b", weight: 1, fillColor: "#8a8a8a", fillOpacity: 0.6, interactive: false },
    motorway: { color: "#a35200", weight: 1, fillColor: "#f0b36b", fillOpacity: 0.7, interactive: false },
    street: { color: "#6b6b6b", weight: 5, opacity: 0.8 }
  };

  function drawBackground(map, element, fit) {
    return fetch(element.dataset.backgroundUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var boundary = L.polygon(data.boundary, STYLES.boundary).addTo(map);
        (data.not_ours || []).forEach(function (zone) {
          L.polygon(zone.polygon, STYLES[zone.kind] || STYLES.railway).addTo(map);
        });
        (data.streets || []).forEach(function (street) {
          L.polyline(street.line, STYLES.street).bindTooltip(street.name, { sticky: true }).addTo(map);
        });
        if (fit) {
          map.fitBounds(boundary.getBounds());
        }
      })
      .catch(function () { /* the map still works: pins and markers need no background */ });
  }

  function baseMap(element, centre, zoom) {
    element.hidden = false; // hidden until the map can show, so no empty box without JS
    var map = L.map(element, { zoomControl: false, center: centre, zoom: zoom });
    L.control.zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(element.dataset.attribution);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
    }
    return map;
  }

  function showMarkers(element) {
    var markers = JSON.parse(element.dataset.markers || "[]");
    var map = baseMap(element, DEFAULT_CENTRE, 14);
    var points = [];
    // The pins only show where; the list beside the map holds the same reports as links.
    // Pins that can be clicked would be small targets lying on top of each other (WCAG 2.5.8)
    // and dozens of extra tab stops, for nothing the list does not already offer.
    markers.forEach(function (item) {
      L.marker([item.lat, item.lon], { alt: item.label, interactive: false, keyboard: false }).addTo(map);
      points.push([item.lat, item.lon]);
    });
    drawBackground(map, element, points.length === 0);
    if (points.length) {
      map.fitBounds(points, { maxZoom: 17, padding: [24, 24] });
    }
  }

  function pickPlace(element) {
    var form = document.getElementById(element.dataset.form);
    var hasPoint = element.dataset.lat && element.dataset.lon;
    var start = hasPoint ? [Number(element.dataset.lat), Number(element.dataset.lon)] : DEFAULT_CENTRE;
    var map = baseMap(element, start, hasPoint ? 17 : 14);
    var pin = null;

    function choose(latlng) {
      if (!pin) {
        pin = L.marker(latlng, { draggable: true, keyboard: true, alt: element.dataset.pinLabel, title: element.dataset.pinLabel }).addTo(map);
        pin.on("dragend", function () { choose(pin.getLatLng()); });
      } else {
        pin.setLatLng(latlng);
      }
      if (form) {
        form.elements.lat.value = latlng.lat.toFixed(6);
        form.elements.lon.value = latlng.lng.toFixed(6);
        form.hidden = false;
      }
      announce(element.dataset.chosenText);
    }

    map.on("click", function (event) { choose(event.latlng); });
    drawBackground(map, element, !hasPoint);
    if (hasPoint) {
      choose(L.latLng(start[0], start[1]));
    }
    var section = element.closest("section") || element.parentNode;
    section.querySelectorAll("[data-js-show]").forEach(function (item) { item.hidden = false; });
    section.querySelectorAll("[data-js-hide]").forEach(function (item) { item.hidden = true; });
    var centre = document.querySelector('[data-map-centre="' + element.id + '"]');
    if (centre) {
      centre.addEventListener("click", function () { choose(map.getCenter()); });
    }
  }

  function start() {
    var elements = document.querySelectorAll("[data-report-map]");
    if (!elements.length) {
      return;
    }
    var first = elements[0];
    Promise.all([loadCss(first.dataset.leafletCss), loadCss(first.dataset.mapCss)])
      .then(function () { return loadScript(first.dataset.leafletJs); })
      .then(function () {
        elements.forEach(function (element) {
          if (element.dataset.reportMap === "pick") {
            pickPlace(element);
          } else {
            showMarkers(element);
          }
        });
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
