// Move focus to an error summary so keyboard and screen reader users hear what went wrong.
function koersFocusFouten(root) {
  const samenvatting = root.querySelector("[data-foutsamenvatting]");
  if (samenvatting) samenvatting.focus();
}
document.addEventListener("DOMContentLoaded", () => koersFocusFouten(document));
document.addEventListener("htmx:afterSwap", (event) => koersFocusFouten(event.detail.target));
