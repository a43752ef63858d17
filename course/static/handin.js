// The hand-in button: a real <button> and a live region that screen readers announce.
function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "course-q course-handin";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "course-button";
  button.textContent = model.get("label");
  const status = document.createElement("div");
  status.className = "course-status course-none";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  button.addEventListener("click", () => model.send({ event: "hand-in" }));
  function show() {
    const s = model.get("status") || {};
    status.className = "course-status " + (s.tone ? "course-" + s.tone : "course-none");
    status.textContent = "";
    if (s.text) {
      const strong = document.createElement("strong");
      strong.textContent = s.text;
      status.append(strong);
    }
  }
  // After hand-in: "Next module" and "Back to the home page", as big links.
  const way = document.createElement("div");
  way.className = "course-way-on";
  function baseUrl() {
    const config = document.getElementById("jupyter-config-data");
    try {
      return (config && JSON.parse(config.textContent).baseUrl) || "/";
    } catch (error) {
      return "/";
    }
  }
  function showLinks() {
    way.replaceChildren();
    const links = model.get("links") || [];
    way.hidden = links.length === 0;
    const base = baseUrl().replace(/\/?$/, "/");
    for (const link of links) {
      const a = document.createElement("a");
      a.className = "course-button course-link-button";
      a.href = base + link.href;
      a.textContent = link.label;
      Object.assign(a.style, { display: "inline-flex", alignItems: "center",
        textDecoration: "none", margin: "0.5em 0.75em 0 0" });
      way.append(a);
    }
  }
  model.on("change:status", show);
  model.on("change:links", showLinks);
  show();
  showLinks();
  root.append(button, status, way);
  el.append(root);
}
export default { render };
