// On wide screens the search page's filters stand beside the results, always open; on a
// phone they wait behind "Filtrera" above the results. Without JavaScript the disclosure
// works the same at every width.
(function () {
  "use strict";
  var details = document.querySelector("details[data-filters]");
  if (!details) return;
  // The width at which dela.css puts the facets beside the results.
  var wide = window.matchMedia("(min-width: 45.01rem)");
  function follow() {
    details.classList.toggle("filters--wide", wide.matches);
    details.open = wide.matches;
  }
  if (wide.matches) follow();
  wide.addEventListener("change", follow);
})();
