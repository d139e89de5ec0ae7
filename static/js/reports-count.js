/*
 * The character count under the report's description (progressive enhancement: without this
 * file the page says "Maximaal 1.000 tekens" and the server checks the length).
 *
 * The count is shown at once; it is read out (aria-live="polite") only after a pause in
 * typing, so a screen reader is not interrupted at every key. The texts come from the page,
 * translated: data-count-left / data-count-over with __N__ for the number.
 */
(function () {
  "use strict";

  function setUp(textarea) {
    var max = parseInt(textarea.getAttribute("data-count-max"), 10);
    var counter = document.getElementById(textarea.id + "-count");
    if (!counter || !max) {
      return;
    }
    var timer = null;
    var locale = document.documentElement.lang || "nl";

    function number(n) {
      return n.toLocaleString(locale);
    }

    function text() {
      var left = max - textarea.value.length;
      if (left === 1) {
        return counter.getAttribute("data-count-one");
      }
      if (left < 0) {
        return counter.getAttribute("data-count-over").replace("__N__", number(-left));
      }
      return counter.getAttribute("data-count-left").replace("__N__", number(left));
    }

    function update() {
      counter.classList.toggle("reports-count--over", textarea.value.length > max);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        counter.textContent = text();
      }, 400);
    }

    textarea.addEventListener("input", update);
    counter.textContent = text();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var fields = document.querySelectorAll("textarea[data-count-max]");
    for (var i = 0; i < fields.length; i += 1) {
      setUp(fields[i]);
    }
  });
})();
