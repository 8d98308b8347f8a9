// Live check of a group's rules: each change asks the server (same view, "Vérifier") for the
// violations and shows them; without this file the "Vérifier" button does the same.
// (form.action is shadowed by the buttons named "action": read the attribute.)
for (const form of document.querySelectorAll("form[data-live-check]")) {
  const target = () => document.getElementById("verification");
  let pending = null;
  const check = async () => {
    const data = new FormData(form);
    data.set("action", "verifier");
    data.set("fragment", "1");
    try {
      const response = await fetch(form.getAttribute("action") || window.location.href, {
        method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin",
      });
      if (!response.ok) { return; }
      const html = await response.text();
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const fresh = holder.querySelector("#verification");
      const old = target();
      if (fresh && old) { old.replaceWith(fresh); }
    } catch (error) { /* the "Vérifier" button still works */ }
  };
  form.addEventListener("change", () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(check, 250);
  });
}
