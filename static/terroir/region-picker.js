// Region picker (organizations/region_picker.py): linked province → city → county selects and a
// name search. The server renders the selects; this script only asks it again when a choice
// changes. No inline script: the CSP allows only our own files (ADR 0011).
(function () {
  "use strict";

  function deepest(picker) {
    var chosen = null;
    picker.querySelectorAll(".region-picker__level").forEach(function (select) {
      if (select.value) { chosen = select.options[select.selectedIndex]; }
    });
    return chosen;
  }

  // Only the newest request may redraw the levels: choosing a city and pressing "add" at once
  // sends two, and the city's answer arriving last would bring back the levels just reset.
  function loadLevels(picker, code) {
    var ticket = (picker.levelsTicket || 0) + 1;
    picker.levelsTicket = ticket;
    var url = picker.dataset.levelsUrl + "?" + new URLSearchParams({
      name: picker.dataset.name, code: code || "", max_level: picker.dataset.maxLevel
    });
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      if (picker.levelsTicket !== ticket) { return; }
      picker.querySelector(".region-picker__levels").innerHTML = html;
    });
  }

  function addChosen(picker, code, label) {
    var list = picker.querySelector(".region-picker__chosen");
    var exists = Array.prototype.some.call(list.querySelectorAll("input"), function (input) {
      return input.value === code;
    });
    if (!exists) {
      var item = document.createElement("li");
      var text = document.createElement("span");
      text.textContent = label;
      var input = document.createElement("input");
      input.type = "hidden"; input.name = picker.dataset.name; input.value = code;
      var remove = document.createElement("button");
      remove.type = "button"; remove.className = "link region-picker__remove";
      remove.textContent = picker.dataset.removeLabel || "×";
      item.append(text, input, " ", remove);
      list.appendChild(item);
    }
    return loadLevels(picker, "");
  }

  function pathLabel(picker) {
    var names = [];
    picker.querySelectorAll(".region-picker__level").forEach(function (select) {
      if (select.value) { names.push(select.options[select.selectedIndex].textContent); }
    });
    return names.join(" / ");
  }

  function showResults(picker, results) {
    var list = picker.querySelector(".region-picker__results");
    list.innerHTML = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button"; button.className = "link region-picker__result";
      button.dataset.code = result.code; button.dataset.label = result.label;
      button.textContent = result.label;
      item.appendChild(button);
      list.appendChild(item);
    });
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = picker.dataset.noneLabel || "—";
      list.appendChild(none);
    }
    list.hidden = false;
  }

  function setUp(picker) {
    var search = picker.querySelector(".region-picker__search");
    var timer = null;
    picker.addEventListener("change", function (event) {
      if (event.target.classList.contains("region-picker__level")) {
        loadLevels(picker, event.target.value || previousValue(event.target));
      }
    });
    search.addEventListener("input", function () {
      clearTimeout(timer);
      var query = search.value.trim();
      if (!query) { picker.querySelector(".region-picker__results").hidden = true; return; }
      timer = setTimeout(function () {
        var url = picker.dataset.searchUrl + "?" + new URLSearchParams({ q: query, max_level: picker.dataset.maxLevel });
        fetch(url, { credentials: "same-origin" }).then(function (response) { return response.json(); })
          .then(function (data) { showResults(picker, data.results); });
      }, 200);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // Enter searches; it does not submit the form
    });
    picker.addEventListener("click", function (event) {
      var target = event.target;
      if (target.classList.contains("region-picker__result")) {
        picker.querySelector(".region-picker__results").hidden = true;
        search.value = "";
        if (picker.dataset.multiple) { addChosen(picker, target.dataset.code, target.dataset.label); }
        else { loadLevels(picker, target.dataset.code); }
      } else if (target.classList.contains("region-picker__remove")) {
        target.closest("li").remove();
      } else if (target.classList.contains("region-picker__add")) {
        var option = deepest(picker);
        if (option) { addChosen(picker, option.value, pathLabel(picker)); }
      }
    });
  }

  // Clearing a select falls back to the choice above it.
  function previousValue(select) {
    var node = select.previousElementSibling;
    while (node && !(node.classList && node.classList.contains("region-picker__level"))) {
      node = node.previousElementSibling;
    }
    return node ? node.value : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".region-picker").forEach(setUp);
  });
})();
