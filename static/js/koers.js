// Move focus to an error summary so keyboard and screen reader users hear what went wrong.
function koersFocusFouten(root) {
  const samenvatting = root.querySelector("[data-foutsamenvatting]");
  if (samenvatting) samenvatting.focus();
}
document.addEventListener("DOMContentLoaded", () => koersFocusFouten(document));
document.addEventListener("htmx:afterSwap", (event) => koersFocusFouten(event.detail.target));

// Forms marked data-bewaak warn before a page is left with changes that are not saved yet.
let koersOnopgeslagen = new Set();
function koersMarkeer(form, gewijzigd) {
  const status = form.querySelector("[data-opslagstatus]");
  if (gewijzigd) {
    koersOnopgeslagen.add(form.id);
    if (status) { status.textContent = "Niet opgeslagen wijzigingen"; status.dataset.gewijzigd = "true"; }
  } else {
    koersOnopgeslagen.delete(form.id);
  }
}
document.addEventListener("input", (event) => {
  const form = event.target.closest("form[data-bewaak]");
  if (form) koersMarkeer(form, true);
});
document.addEventListener("submit", (event) => {
  if (event.target.matches("form[data-bewaak]")) koersOnopgeslagen.delete(event.target.id);
});
document.addEventListener("htmx:afterSwap", (event) => {
  const form = event.detail.target;
  if (form && form.matches && form.matches("form[data-bewaak]")) {
    // The server answers with the form again: saved, or with errors that still need saving.
    const nieuw = document.getElementById(form.id) || form;
    koersMarkeer(nieuw, Boolean(nieuw.querySelector("[aria-invalid='true']")));
  }
});
window.addEventListener("beforeunload", (event) => {
  if (koersOnopgeslagen.size) { event.preventDefault(); event.returnValue = ""; }
});

// Parts of a form that belong to some leerroutes only (data-leerroutes) follow the chosen route;
// a part that holds a value stays in view, so nothing typed disappears.
document.addEventListener("change", (event) => {
  if (!event.target.matches("select[data-leerroute-keuze]")) return;
  const route = event.target.value;
  event.target.form.querySelectorAll("fieldset[data-leerroutes]").forEach((deel) => {
    const gevuld = Array.from(deel.querySelectorAll("input:not([type=checkbox]), textarea, select")).some((veld) => veld.value);
    deel.hidden = !deel.dataset.leerroutes.split(" ").includes(route) && !gevuld;
  });
});

// Parts of a form that belong to one kind only (data-alleen-bij) follow the chosen kind; the
// server ignores what they hold for any other kind.
document.addEventListener("change", (event) => {
  if (!event.target.matches("select[data-participatie-soort]")) return;
  event.target.form.querySelectorAll("fieldset[data-alleen-bij]").forEach((deel) => {
    deel.hidden = deel.dataset.alleenBij !== event.target.value;
  });
});

// A button marked data-afdrukken prints the page (no inline handlers: the page's
// Content-Security-Policy runs scripts from these files only).
document.addEventListener("click", (event) => {
  if (event.target.closest("button[data-afdrukken]")) window.print();
});
