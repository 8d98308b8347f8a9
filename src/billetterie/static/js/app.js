// Progressive enhancement only: every page works without this file.
document.addEventListener("submit", (event) => {
  // A second click on a submit button while the first request is in flight does nothing.
  const form = event.target;
  if (form.dataset.submitted === "1") { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  for (const button of form.querySelectorAll("button[type=submit], input[type=submit]")) {
    button.setAttribute("aria-disabled", "true");
  }
});
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-submitted]")) { delete form.dataset.submitted; }
});
