// The offers page: « Tout sélectionner » ticks or unticks the packs of its Games, and the number of
// packs and tickets selected is shown next to the buttons. Without this file the page still works:
// a ticked « Tout sélectionner » is sent as is, and the next page lists every pack it stands for.
for (const form of document.querySelectorAll("form[data-answer-selection]")) {
  const packs = () => [...form.querySelectorAll("input[name=lot]")];
  const count = form.querySelector("[data-selection-count]");
  const refresh = () => {
    for (const all of form.querySelectorAll("input[data-select-all]")) {
      const mine = packs().filter((box) => box.dataset.games === all.dataset.selectAll);
      const ticked = mine.filter((box) => box.checked).length;
      all.checked = ticked > 0 && ticked === mine.length;
      all.indeterminate = ticked > 0 && ticked < mine.length;
    }
    if (count) {
      const ticked = packs().filter((box) => box.checked);
      const tickets = ticked.reduce((sum, box) => sum + Number(box.dataset.tickets || 0), 0);
      count.textContent = count.dataset.template
        .replace("{packs}", String(ticked.length))
        .replace("{tickets}", String(tickets));
    }
  };
  form.addEventListener("change", (event) => {
    const all = event.target.closest("input[data-select-all]");
    if (all) {
      for (const box of packs()) {
        if (box.dataset.games === all.dataset.selectAll) { box.checked = all.checked; }
      }
    }
    refresh();
  });
  window.addEventListener("pageshow", refresh);
  refresh();
}
