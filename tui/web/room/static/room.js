// Live updates for the play page: the room's server-sent events say when the question,
// its round, the phase or this participant's answer changes, and the page reloads to show it. If
// the stream breaks (a dropped Wi-Fi, the room restarting) or EventSource is missing,
// the page asks /api/state every second instead. Without JavaScript the "Check for the
// next step" button does the same.
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = [me.dataset.phase, me.dataset.number, me.dataset.round, me.dataset.answer].join("|");
  var live = document.getElementById("live");
  function changed(s) {
    if (typeof s.seconds_left === "number") { left = s.seconds_left; }  // time added
    var now = [s.phase, s.question ? s.question.number : s.number || 0, s.round || 1,
               s.your_answer || ""].join("|");
    if (now !== seen) {
      seen = now;
      if (live) { live.textContent = "The room has moved on; updating the page."; }
      window.location.reload();
    }
  }
  function poll() {
    fetch("/api/state", {credentials: "same-origin", cache: "no-store"})
      .then(function (r) {
        if (r.status === 401) { window.location.assign("/"); return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (s) { if (s) { changed(s); } })
      .catch(function () { /* dropped Wi-Fi: try again next time */ })
      .then(function () { setTimeout(poll, 1000); });
  }
  var timer = document.getElementById("timer");
  var left = timer ? parseInt(timer.dataset.seconds, 10) : 0;
  if (timer) {
    setInterval(function () {
      if (left > 0) { left -= 1; }
      timer.textContent = "Time left: " + left + " seconds (the facilitator can add more).";
    }, 1000);
  }
  if (window.EventSource) {
    var events = new EventSource("/api/events");
    events.onmessage = function (e) { changed(JSON.parse(e.data)); };
    events.onerror = function () { events.close(); setTimeout(poll, 1000); };
  } else {
    setTimeout(poll, 1000);
  }
})();
