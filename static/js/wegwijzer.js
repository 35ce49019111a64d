// The print button of the routekaart. It stays hidden without JavaScript, where the
// browser's own print command does the same.
document.querySelectorAll("[data-afdrukken]").forEach((knop) => {
  knop.hidden = false;
  knop.addEventListener("click", () => window.print());
});
