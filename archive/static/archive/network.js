// Network drawings: pointing at or tabbing to a name lights up its links.
// The drawing is complete without this script.
(function () {
  "use strict";
  document.querySelectorAll("svg.network-svg").forEach(function (svg) {
    var edges = Array.prototype.slice.call(svg.querySelectorAll("line.edge"));
    var nodes = {};
    svg.querySelectorAll("a.node[data-key]").forEach(function (node) {
      nodes[node.dataset.key] = node;
    });
    function clear() {
      svg.classList.remove("focused");
      svg.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
    }
    function light(key) {
      clear();
      svg.classList.add("focused");
      nodes[key].classList.add("lit");
      edges.forEach(function (edge) {
        var other = edge.dataset.a === key ? edge.dataset.b : edge.dataset.b === key ? edge.dataset.a : null;
        if (other !== null) {
          edge.classList.add("lit");
          if (nodes[other]) { nodes[other].classList.add("lit"); }
        }
      });
    }
    Object.keys(nodes).forEach(function (key) {
      var node = nodes[key];
      node.addEventListener("mouseenter", function () { light(key); });
      node.addEventListener("focus", function () { light(key); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("blur", clear);
    });
  });
})();
