// A minute before an idle session ends, a dialog offers to stay logged in. The button (and
// Escape) asks the server for a moment of activity; otherwise the page is reloaded when the
// session has ended, and the server sends the user to the login page with the reason.
(function () {
  "use strict";
  var dialoog = document.getElementById("sessie-waarschuwing");
  if (!dialoog || typeof dialoog.showModal !== "function") {
    return;
  }
  var knop = dialoog.querySelector("[data-sessie-verlengen]");
  var inactief = parseInt(dialoog.dataset.inactiefSeconden, 10) * 1000;
  var waarschuwing = null;
  var verlopen = null;

  function plannen() {
    window.clearTimeout(waarschuwing);
    window.clearTimeout(verlopen);
    waarschuwing = window.setTimeout(tonen, Math.max(inactief - 60 * 1000, 0));
    verlopen = window.setTimeout(function () {
      window.location.assign(window.location.href);
    }, inactief + 2000);
  }

  function tonen() {
    if (!dialoog.open) {
      dialoog.showModal();
    }
    knop.focus();
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (fout) {
      return "";
    }
  }

  function verlengen() {
    fetch(dialoog.dataset.verlengenUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    }).then(function (antwoord) {
      if (antwoord.ok && antwoord.headers.get("Content-Type") === "application/json") {
        dialoog.close();
        plannen();
      } else {
        window.location.assign(window.location.href);
      }
    });
  }

  knop.addEventListener("click", verlengen);
  dialoog.addEventListener("cancel", function (event) {
    event.preventDefault();
    verlengen();
  });
  // Every htmx request counts as activity on the server, so the countdown starts again.
  document.body.addEventListener("htmx:afterRequest", plannen);
  plannen();
})();
