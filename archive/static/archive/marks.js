// Next/previous through the search marks of an article (links, buttons and the n / p keys).
// Without JavaScript the links still go to the first and last mark, and the page lists
// every mark; with it they step from the current mark.
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[id^='m']"));
  var next = document.getElementById("mark-next");
  var previous = document.getElementById("mark-previous");
  var position = document.getElementById("mark-position");
  if (!marks.length || !next || !previous) { return; }
  var current = -1;
  var arrived = /^#m(\d+)$/.exec(window.location.hash);
  if (arrived) { current = Math.min(marks.length, Number(arrived[1])) - 1; }

  function at(index) { return (index + marks.length) % marks.length; }

  function go(index) {
    if (current >= 0) { marks[current].classList.remove("current"); }
    current = at(index);
    var mark = marks[current];
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    window.history.replaceState(null, "", "#" + mark.id);
    position.textContent = "Mark " + (current + 1) + " of " + marks.length;
    next.href = "#" + marks[at(current + 1)].id;
    previous.href = "#" + marks[at(current - 1)].id;
  }

  next.addEventListener("click", function (event) { event.preventDefault(); go(current + 1); });
  previous.addEventListener("click", function (event) {
    event.preventDefault();
    go(current < 0 ? marks.length - 1 : current - 1);
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    if (event.key === "n") { event.preventDefault(); next.click(); }
    if (event.key === "p") { event.preventDefault(); previous.click(); }
  });
})();
