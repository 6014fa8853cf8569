// Suggestions while typing in the search box: titles and tags that match, in a datalist.
// Without JavaScript the box is a plain search field.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]#q");
  if (!input) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (text.length < 2) { list.replaceChildren(); return; }
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text),
            { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { titles: [], tags: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.titles.concat(data.tags).map(function (value) {
            var option = document.createElement("option");
            option.value = value;
            return option;
          }));
        })
        .catch(function () { list.replaceChildren(); });
    }, 200);
  });
})();
