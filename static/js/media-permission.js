// INT-13: ask the browser for the microphone (and camera) only when the member presses the button,
// on the page where they join voice chat or record a short video; the stream is shown nowhere else.
(function () {
  "use strict";
  document.querySelectorAll("[data-media-request]").forEach(function (button) {
    var status = document.querySelector("[data-media-status]");
    button.addEventListener("click", function () {
      var kinds = button.getAttribute("data-media-request").split(" ");
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        if (status) { status.textContent = button.getAttribute("data-unsupported") || ""; }
        return;
      }
      navigator.mediaDevices
        .getUserMedia({ audio: kinds.indexOf("audio") !== -1, video: kinds.indexOf("video") !== -1 })
        .then(function (stream) {
          button.disabled = true;
          if (status) { status.textContent = button.getAttribute("data-granted") || ""; }
          window.addEventListener("pagehide", function () {
            stream.getTracks().forEach(function (track) { track.stop(); });
          });
        })
        .catch(function () {
          if (status) { status.textContent = button.getAttribute("data-refused") || ""; }
        });
    });
  });
})();
