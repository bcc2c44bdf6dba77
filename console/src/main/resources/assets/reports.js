// Progress reports: the disclosure log's "Print" button (no inline handlers under the CSP).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target instanceof Element ? e.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  });
})();
