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
  model.on("change:status", show);
  show();
  root.append(button, status);
  el.append(root);
}
export default { render };
