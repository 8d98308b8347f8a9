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

// Long jobs: a block with data-poll-url shows live progress and reloads the page when the job ends.
for (const block of document.querySelectorAll("[data-poll-url]")) {
  const bar = block.querySelector("progress");
  const label = block.querySelector("[data-progress-label]");
  const tick = async () => {
    try {
      const response = await fetch(block.dataset.pollUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const state = await response.json();
        const known = state.avancement !== null && state.avancement !== undefined;
        if (bar && known) { bar.value = state.avancement; bar.textContent = `${state.avancement} %`; }
        if (label) { label.textContent = known ? `${state.avancement} % — ${state.etape}` : state.etape; }
        if (state.libelle_etat) {
          for (const badge of document.querySelectorAll("[data-status-label]")) { badge.textContent = state.libelle_etat; }
        }
        if (!["queued", "running"].includes(state.etat)) { window.location.reload(); return; }
      }
    } catch (error) { /* the next tick tries again */ }
    window.setTimeout(tick, 1500);
  };
  window.setTimeout(tick, 1000);
}

// A section with data-refresh-section (e.g. « Mes exports ») is fetched again every few seconds and
// replaced in place while it still asks for it: the page itself never reloads under the reader.
for (const section of document.querySelectorAll("[data-refresh-section]")) {
  const every = Number(section.dataset.refreshSection) || 3000;
  const tick = async () => {
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
      if (response.ok) {
        const fresh = new DOMParser()
          .parseFromString(await response.text(), "text/html")
          .getElementById(section.id);
        if (fresh) {
          section.innerHTML = fresh.innerHTML;
          if (!fresh.hasAttribute("data-refresh-section")) { return; }
        }
      }
    } catch (error) { /* the next tick tries again */ }
    window.setTimeout(tick, every);
  };
  window.setTimeout(tick, every);
}
