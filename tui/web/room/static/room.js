// Live updates for the play page: ask the room for its state every second and reload
// the page when the question, the phase or this participant's answer changes. Without
// JavaScript the "Check for the next step" button does the same.
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = [me.dataset.phase, me.dataset.number, me.dataset.answer].join("|");
  var live = document.getElementById("live");
  function check() {
    fetch("/api/state", {credentials: "same-origin", cache: "no-store"})
      .then(function (r) {
        if (r.status === 401) { window.location.assign("/"); return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (s) {
        if (!s) { return; }
        var now = [s.phase, s.question ? s.question.number : 0, s.your_answer || ""].join("|");
        if (now !== seen) {
          if (live) { live.textContent = "The room has moved on; updating the page."; }
          window.location.reload();
        }
      })
      .catch(function () { /* dropped Wi-Fi: try again next time */ })
      .then(function () { setTimeout(check, 1000); });
  }
  setTimeout(check, 1000);
})();
