// RGT-03: follow the copy being built; reload the page when it is ready so the download link appears.
(function () {
  "use strict";
  document.querySelectorAll("progress[data-progress-url]").forEach(function (bar) {
    var label = bar.parentElement.querySelector("[data-progress-label]");
    function poll() {
      fetch(bar.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          bar.value = data.percent;
          if (label) { label.textContent = data.label; }
          if (data.status === "ready" || data.status === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    poll();
  });
})();
