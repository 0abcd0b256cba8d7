// Collapsible main menu on a phone. Without this script the menu is simply always shown; with
// it, a "Menu" button opens and closes it on narrow screens (static/css/knooppunt.css).
(function () {
  "use strict";
  const phone = window.matchMedia("(max-width: 47.99em)");

  document.querySelectorAll("[data-menu]").forEach(function (header) {
    const button = header.querySelector("[data-menu-button]");
    if (!button) {
      return;
    }

    function show(open) {
      button.setAttribute("aria-expanded", String(open));
      header.classList.toggle("knooppunt-page-header--closed", !open);
    }

    button.hidden = false;
    show(!phone.matches);
    phone.addEventListener("change", function () {
      show(!phone.matches);
    });
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && phone.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
  });
})();
