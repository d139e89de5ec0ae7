// The idle-timeout warning (WCAG 2.2.1): two minutes before the session ends a dialog asks
// whether to stay signed in. Without JavaScript the server explains on the next request.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) { return; }
  var dialog = box.querySelector("dialog");
  var live = document.getElementById("session-live");
  var warnBefore = parseInt(box.dataset.warnSeconds, 10) * 1000;
  var endsAt = 0;
  var warnTimer = null;
  var endTimer = null;
  var returnFocus = null;

  function schedule(secondsLeft) {
    endsAt = Date.now() + secondsLeft * 1000;
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(0, secondsLeft * 1000 - warnBefore));
    endTimer = setTimeout(expire, secondsLeft * 1000);
  }

  function warn() {
    if (dialog.open) { return; }
    returnFocus = document.activeElement;
    box.hidden = false;
    dialog.showModal();
    var stay = dialog.querySelector("[data-session-extend]");
    if (stay) { stay.focus(); }
    live.textContent = dialog.querySelector("#session-dialog-text").textContent;
  }

  function close() {
    if (dialog.open) { dialog.close(); }
    box.hidden = true;
    live.textContent = "";
    if (returnFocus && typeof returnFocus.focus === "function") { returnFocus.focus(); }
  }

  function expire() {
    window.location.assign(box.dataset.expiredUrl);
  }

  function extend() {
    fetch(box.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": box.dataset.csrfToken, "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { expire(); return null; }
      return response.json();
    }).then(function (data) {
      if (data && data.signed_in) { close(); schedule(data.seconds_left); }
    }).catch(expire);
  }

  dialog.querySelector("[data-session-extend]").addEventListener("click", extend);
  // Escape closes a modal dialog; here that means "stay signed in", never a silent ignore.
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); extend(); });
  // Every htmx request reaches the server and so renews the session there too.
  document.body.addEventListener("htmx:afterRequest", function () {
    schedule(Math.round(parseInt(box.dataset.secondsLeft, 10)));
  });
  schedule(parseInt(box.dataset.secondsLeft, 10));
  window.portalSession = { warn: warn, endsAt: function () { return endsAt; } };
}());
