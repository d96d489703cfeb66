// Copy buttons for citations. Without JavaScript the buttons stay hidden and the
// text stays selectable in its <textarea>.
(function () {
  "use strict";
  function copied(button, message) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = message;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.value !== undefined ? source.value : source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { copied(button, "Copied"); },
          function () { source.select(); copied(button, "Press Ctrl+C to copy"); });
      } else {
        source.focus();
        source.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        copied(button, ok ? "Copied" : "Press Ctrl+C to copy");
      }
    });
  });
})();
