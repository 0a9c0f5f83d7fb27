// PUB-05: picture effects run here, on the member's device, with a canvas. The file input is given only the
// final pictures, so the server never receives the originals or the effect; nothing here looks for faces.
(function () {
  "use strict";
  const input = document.querySelector('[data-testid="post-form"] input[type=file][name=pictures]');
  const select = document.querySelector("[data-effect-select]");
  const source = document.querySelector('[data-testid="post-form"] [name=picture_source]');
  if (!input || !select) return;
  let originals = [];

  function setCapture() {
    if (source && source.value === "camera") input.setAttribute("capture", "environment");
    else input.removeAttribute("capture");
  }

  function render(file, filter) {
    return new Promise(function (resolve) {
      if (filter === "none") return resolve(file);
      const image = new Image();
      const url = URL.createObjectURL(file);
      image.onload = function () {
        const canvas = document.createElement("canvas");
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext("2d");
        context.filter = filter;
        context.drawImage(image, 0, 0);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) {
          resolve(new File([blob], "picture.jpg", { type: "image/jpeg" }));
        }, "image/jpeg", 0.9);
      };
      image.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      image.src = url;
    });
  }

  function apply() {
    Promise.all(originals.map(function (file) { return render(file, select.value); })).then(function (files) {
      const transfer = new DataTransfer();
      files.forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files;
    });
  }

  input.addEventListener("change", function () {
    originals = Array.from(input.files);
    if (select.value !== "none") apply();
  });
  select.addEventListener("change", function () { if (originals.length) apply(); });
  if (source) source.addEventListener("change", setCapture);
  setCapture();
})();
