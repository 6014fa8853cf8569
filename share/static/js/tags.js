// Tag suggestions while typing: fills the datalist with existing tags that start with the
// tag being typed (the part after the last comma). Without JavaScript the field still works.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;

  function lastPart(value) {
    var parts = value.split(",");
    return { head: parts.slice(0, -1), tail: parts[parts.length - 1].trim() };
  }

  function refresh() {
    var parts = lastPart(input.value);
    if (parts.tail.length < 2) { list.replaceChildren(); return; }
    var url = input.dataset.suggestUrl + "?prefix=" + encodeURIComponent(parts.tail);
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
      .then(function (data) {
        var prefix = parts.head.map(function (p) { return p.trim(); }).filter(Boolean);
        list.replaceChildren.apply(list, data.tags.map(function (tag) {
          var option = document.createElement("option");
          option.value = prefix.concat([tag]).join(", ");
          return option;
        }));
      })
      .catch(function () { list.replaceChildren(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
})();
