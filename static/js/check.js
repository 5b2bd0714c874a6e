// Small progressive enhancements for the loan check; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // A print button only where printing from script works.
    document.querySelectorAll(".rp-print-button").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    // After a failed submit, take keyboard and screen-reader users to the list of problems.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
