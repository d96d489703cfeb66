// Copy buttons for citations. Without JavaScript the buttons stay hidden and the
// text stays selectable in its <textarea>. What happened ("Copied") is also said in a
// live region, so a screen reader announces it.
(function () {
  "use strict";
  var status = document.getElementById("cite-status");
  function copied(button, message) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = message;
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  // "Cite this …" near the title opens the citations it jumps to.
  var details = document.getElementById("cite");
  function openCitations() {
    if (details && window.location.hash === "#cite") { details.open = true; }
  }
  window.addEventListener("hashchange", openCitations);
  openCitations();
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
