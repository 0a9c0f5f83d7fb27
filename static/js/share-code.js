// INT-11: read the clipboard only when the member presses "Paste", only with the clipboard
// permission, and keep nothing but a 1688 share code (the server checks the same pattern again).
(function () {
  "use strict";
  var SHARE_CODE = /1688[EF]-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}/i;
  var button = document.getElementById("paste-share-code");
  var status = document.getElementById("paste-status");
  var form = document.getElementById("share-code-form");
  if (!button || !status || !form) {
    return;
  }
  button.addEventListener("click", function () {
    if (button.dataset.clipboardAllowed !== "true") {
      status.textContent = status.dataset.notAllowed;
      return;
    }
    if (!navigator.clipboard || !navigator.clipboard.readText) {
      status.textContent = status.dataset.failed;
      return;
    }
    navigator.clipboard.readText().then(function (text) {
      var match = SHARE_CODE.exec(text || "");
      text = null;
      if (!match) {
        status.textContent = status.dataset.noCode;
        return;
      }
      form.elements.code.value = match[0].toUpperCase();
      form.submit();
    }, function () {
      status.textContent = status.dataset.failed;
    });
  });
})();
