// BRW-04: recent searches are also kept on this device (localStorage) and offered in the
// search box; "Clear search history" wipes this copy as well as the one on the server.
(function () {
  "use strict";
  var KEY = "recentSearches";
  var MAX = 8;
  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX))); } catch (e) { /* storage refused */ }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.search-form");
    var input = document.getElementById("id_q");
    var list = document.getElementById("recent-search-options");
    if (list) {
      load().forEach(function (term) {
        var option = document.createElement("option");
        option.value = term;
        list.appendChild(option);
      });
    }
    if (form && input) {
      form.addEventListener("submit", function () {
        var term = input.value.trim();
        if (!term) { return; }
        save([term].concat(load().filter(function (t) { return t !== term; })));
      });
    }
    document.querySelectorAll("form[data-clears-local-searches]").forEach(function (clear) {
      clear.addEventListener("submit", function () {
        try { window.localStorage.removeItem(KEY); } catch (e) { /* storage refused */ }
      });
    });
  });
})();
