/*
 * The place step of a report ("Waar is het?"), enhanced. The page works without this file.
 *
 * - Arrow down in the search box moves to the results, so the list that htmx fills while
 *   typing can be reached without the mouse (arrow keys then move between the places).
 * - "Gebruik mijn locatie" appears when the browser can give a position; the position is
 *   posted like a pin on the map, and the server checks it like any other place.
 */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region) {
      return;
    }
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "ArrowDown" || !box.matches || !box.matches("input[data-results]")) {
      return;
    }
    var results = document.getElementById(box.dataset.results);
    var choice = results && (results.querySelector("input[type=radio]:checked") ||
      results.querySelector("input[type=radio]"));
    if (choice) {
      event.preventDefault();
      choice.focus();
    }
  });

  function useLocation(form) {
    var button = form.querySelector("[data-use-location]");
    if (!("geolocation" in navigator) || !button) {
      return;
    }
    form.hidden = false;
    button.addEventListener("click", function () {
      announce(form.dataset.busyText);
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.lat.value = position.coords.latitude.toFixed(6);
          form.elements.lon.value = position.coords.longitude.toFixed(6);
          form.submit();
        },
        function () {
          button.disabled = false;
          announce(form.dataset.errorText);
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("gps-form");
    if (form) {
      useLocation(form);
    }
  });
})();
