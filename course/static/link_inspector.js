// The link inspector: a labelled text field inside a form, one button, and a live status
// region. Python inspects the text and sends back the host (already escaped, with the real
// domain marked) and plain sentences; this file holds no language and no logic of its own.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `link-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("form", { class: "course-link", lang: model.get("lang") });
  const label = el("label", { for: `${uid}-field`, class: "course-link-label" }, labels.field);
  const field = el("input", { id: `${uid}-field`, type: "text", autocomplete: "off",
                              spellcheck: "false", "aria-describedby": `${uid}-status` });
  field.value = model.get("query");
  const button = el("button", { type: "submit", class: "course-link-button" }, labels.button);
  const status = el("div", { id: `${uid}-status`, class: "course-link-status", role: "status",
                             "aria-live": "polite" });
  root.append(label, field, button, status);

  const draw = () => {
    const result = model.get("result") || {};
    status.replaceChildren();
    if (result.host) {
      const line = el("p", { class: "course-link-host" });
      line.append(el("strong", {}, labels.host + " "));
      const address = el("span", {});
      address.innerHTML = result.host; // escaped by Python's html.escape
      line.append(address);
      status.append(line);
    }
    const list = el("ul", {});
    for (const sentence of result.sentences || []) list.append(el("li", {}, sentence));
    status.append(list);
  };
  root.addEventListener("submit", (event) => {
    event.preventDefault();
    model.send({ event: "inspect", query: field.value });
  });
  model.on("change:result", draw);
  draw();
  host.append(root);
}

export default { render };
