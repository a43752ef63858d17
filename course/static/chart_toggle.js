// The same data drawn two ways: a radio group (fieldset with a legend) switches between the
// misleading and the honest chart. Each image carries its text alternative, which is also
// written out under it and announced in a live status region. Words come from Python.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("div", { class: "course-chart", lang: model.get("lang") });
  const fieldset = el("fieldset", { class: "course-chart-switch" });
  fieldset.append(el("legend", {}, labels.legend));
  const inputs = {};
  for (const version of ["misleading", "honest"]) {
    const id = `${uid}-${version}`;
    const label = el("label", { for: id, class: "course-chart-option" });
    const input = el("input", { type: "radio", id, name: uid, value: version });
    label.append(input, el("span", {}, labels[version]));
    fieldset.append(label);
    inputs[version] = input;
    input.addEventListener("change", () => {
      model.set("shown", version);
      model.save_changes();
    });
  }
  const figure = el("figure", { class: "course-chart-figure" });
  const image = el("img", {});
  const caption = el("figcaption", { id: `${uid}-caption`, role: "status",
                                     "aria-live": "polite" });
  figure.append(image, caption);
  root.append(fieldset, figure);

  const draw = () => {
    const version = model.get("shown");
    inputs[version].checked = true;
    image.src = model.get("images")[version];
    image.alt = model.get("alts")[version];
    caption.replaceChildren(el("strong", {}, `${labels[version]}. ${labels.described} `),
                            document.createTextNode(model.get("alts")[version]));
  };
  model.on("change:shown", draw);
  draw();
  host.append(root);
}

export default { render };
