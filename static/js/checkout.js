// Checkout: show the invoice fields only when an invoice is asked for (TRX-04), and the
// attestation only when ordering for someone else (TRX-06). Without JavaScript all show.
(function () {
  "use strict";
  function toggle(checkboxId, fieldIds) {
    var box = document.getElementById(checkboxId);
    if (!box) { return; }
    function apply() {
      fieldIds.forEach(function (id) {
        var input = document.getElementById(id);
        if (input && input.closest(".field")) { input.closest(".field").hidden = !box.checked; }
      });
    }
    box.addEventListener("change", apply);
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    toggle("id_wants_invoice", ["id_invoice_title", "id_taxpayer_id", "id_invoice_email"]);
    toggle("id_is_for_someone_else", ["id_consignee_agreed"]);
  });
})();
