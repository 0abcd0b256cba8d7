// Moves focus to a form's error summary after a failed submit, so a screen reader user hears
// what to fix first; each line of the summary links to its field (templates/forms/utrecht.html).
(function () {
  "use strict";
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
