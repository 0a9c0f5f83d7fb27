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

  // createImageBitmap decodes the file without a blob: URL, which the site's Content Security Policy refuses.
  function render(file, filter) {
    if (filter === "none") return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      const canvas = document.createElement("canvas");
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext("2d");
      context.filter = filter;
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(new File([blob], "picture.jpg", { type: "image/jpeg" }));
        }, "image/jpeg", 0.9);
      });
    }, function () { return file; });
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
