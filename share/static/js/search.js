// Search boxes with suggestions (titles and tags) while typing: the ARIA 1.2 combobox
// pattern with a listbox popup, for every input[data-combobox] on the page. Focus stays in
// the box; arrow keys move through the suggestions (aria-activedescendant), Enter takes
// one, Escape closes the list (or, closed, empties the box); a live region says how many
// there are. Without JavaScript each box is a plain search field in a form that submits.
(function () {
  "use strict";
  var DELAY = 200;

  function enhance(input) {
    var listbox = document.createElement("ul");
    listbox.id = input.id + "-listbox";
    listbox.className = "combobox__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.dataset.listboxLabel);
    listbox.hidden = true;
    var status = document.createElement("p");
    status.id = input.id + "-status";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(listbox, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function setActive(index) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function open() {
      if (!options.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function take(index) {
      input.value = options[index].textContent;
      close();
    }

    function show(values) {
      options = values.map(function (value, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = value;
        // A press on a suggestion must not take the focus from the box.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { take(index); });
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.replaceChildren.apply(listbox, options);
      if (options.length && document.activeElement === input) open(); else close();
      status.textContent = !options.length ? "" : options.length === 1
        ? input.dataset.countOne
        : input.dataset.countMany.replace("{n}", String(options.length));
    }

    function suggest() {
      var text = input.value.trim();
      var number = ++asked;
      if (text.length < 2) { show([]); return; }
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text),
            { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { titles: [], tags: [] }; })
        .then(function (data) {
          if (number !== asked) return; // a later keystroke asked again
          var seen = {};
          show(data.titles.concat(data.tags).filter(function (value) {
            return seen[value] ? false : (seen[value] = true);
          }));
        })
        .catch(function () { if (number === asked) show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var expanded = !listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        if (!expanded) {
          open();
          if (event.altKey) return;
        }
        var last = options.length - 1;
        var next = event.key === "ArrowDown"
          ? (active >= last ? 0 : active + 1)
          : (active <= 0 ? last : active - 1);
        setActive(next);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault(); // take the suggestion; a second Enter searches
          take(active);
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          show([]);
        }
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-combobox]").forEach(enhance);
})();
