// The agenda builder (templates/meetings/meeting/detail.html): after htmx swaps in the agenda
// because an item moved, focus goes back to the moved item's button for the same direction
// (or the item itself when it reached the top or bottom), so a keyboard user can go on moving.
document.addEventListener("htmx:afterSettle", () => {
  const agenda = document.getElementById("agenda");
  if (!agenda || !agenda.dataset.focus) return;
  const target =
    document.getElementById(agenda.dataset.focus) ||
    document.getElementById(agenda.dataset.focusFallback);
  if (target) target.focus();
});
