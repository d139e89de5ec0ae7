/*
 * Small progressive enhancements. Every page works without this file.
 *
 * - The error summary ("Er is een probleem") takes focus when a page with errors loads,
 *   and again after htmx swaps one in. Its links move focus to the field and scroll the
 *   field's label or legend into view, so the question is seen with the answer.
 * - After another htmx swap, focus moves to the new heading marked tabindex="-1".
 * - When htmx gets an error response it does not show, the live region says so.
 */
(function () {
  "use strict";

  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      return true;
    }
    return false;
  }

  function labelFor(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset && fieldset.querySelector("legend")) {
      return fieldset.querySelector("legend");
    }
    return document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var input = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!input) {
      return;
    }
    event.preventDefault();
    var label = labelFor(input);
    (label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    if (focusErrorSummary(target)) {
      return;
    }
    var heading = target && target.querySelector("h1[tabindex='-1'], h2[tabindex='-1']");
    if (heading) {
      heading.focus();
    }
  });

  document.addEventListener("htmx:responseError", function () {
    var region = document.getElementById("live-region");
    if (region && region.dataset.errorText) {
      // Empty first, so the same message is read out again the next time.
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = region.dataset.errorText;
      }, 100);
    }
  });
})();
