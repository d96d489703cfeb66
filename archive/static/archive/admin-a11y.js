// Names for the admin's autocomplete boxes (select2). select2 names its combobox after the
// value shown only, so an empty one has no name at all; here each gets the name of the
// field it stands for, from its <label> or the select's aria-label, before that value.
(function () {
  "use strict";
  function fieldName(select) {
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    var text = label ? label.textContent : select.getAttribute("aria-label") || "";
    return text.replace(/:\s*$/, "").trim();
  }
  function nameComboboxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var box = container && container.querySelector(".select2-selection[role=combobox]");
      var name = fieldName(select);
      if (!box || !name || box.dataset.named) { return; }
      var label = document.createElement("span");
      label.id = (select.id || "field") + "-combobox-name";
      label.hidden = true;
      label.textContent = name;
      container.appendChild(label);
      var shown = container.querySelector(".select2-selection__rendered");
      if (shown) { shown.setAttribute("aria-label", name); }
      box.setAttribute("aria-labelledby", label.id + (shown && shown.id ? " " + shown.id : ""));
      box.dataset.named = "1";
    });
  }
  // select2 draws its boxes when jQuery is ready, and again for each row added: name them
  // whenever the page changes (cheap: named boxes are skipped).
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameComboboxes(); });
  }).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", nameComboboxes);
})();
