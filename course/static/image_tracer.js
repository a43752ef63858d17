// Simulated reverse-image search: a radio group of pictures (each with its caption as text
// alternative) inside a fieldset with a legend, a Search button, the copies found as a list
// (oldest first, said in words), a Read-the-metadata button on each, and a live status region.
// Python compares the images and sends every word; this file only draws.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `img-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("div", { class: "course-img", lang: model.get("lang") });
  const notice = el("p", { class: "course-img-notice" }, labels.notice);
  const form = el("form", {});
  const fieldset = el("fieldset", { class: "course-img-group", role: "radiogroup" });
  const legend = el("legend", { id: `${uid}-legend` }, labels.legend);
  fieldset.setAttribute("aria-labelledby", legend.id);
  fieldset.append(legend);
  const inputs = model.get("choices").map((choice, index) => {
    const id = `${uid}-opt-${index}`;
    const label = el("label", { class: "course-img-option", for: id });
    const input = el("input", { type: "radio", id, name: `${uid}-image`, value: choice.id });
    const figure = el("span", { class: "course-img-choice" });
    figure.append(el("img", { src: choice.src, alt: "" }),
                  el("span", {}, `${choice.caption} (${choice.site}, ${choice.date})`));
    label.append(input, figure);
    fieldset.append(label);
    return input;
  });
  const button = el("button", { type: "submit", class: "course-img-button" }, labels.search);
  form.append(fieldset, button);
  const status = el("div", { class: "course-img-status", role: "status", "aria-live": "polite" });
  const results = el("div", {});
  root.append(notice, form, status, results);

  const draw = () => {
    status.textContent = model.get("status");
    results.replaceChildren();
    const found = model.get("results");
    const searched = model.get("searched");
    if (!searched || !searched.id) return;
    results.append(el("p", {}, `${labels.searched} ${searched.caption} (${searched.site}, ${searched.date})`));
    if (!found.length) return;
    const heading = el("h4", { id: `${uid}-results` }, labels.results);
    const list = el("ol", { class: "course-img-results", "aria-labelledby": heading.id });
    const metadata = model.get("metadata");
    found.forEach((copy, index) => {
      const item = el("li", { class: copy.before ? "course-img-before" : "" });
      const figure = el("figure", {});
      figure.append(el("img", { src: copy.src, alt: copy.caption }));
      const caption = el("figcaption", {});
      caption.append(el("strong", {}, `${copy.date} · ${copy.site || "—"}`));
      if (index === 0) caption.append(" ", el("em", {}, `(${labels.oldest})`));
      if (copy.before) caption.append(" ", el("em", {}, `(${labels.before})`));
      caption.append(el("br"), copy.caption);
      figure.append(caption);
      const read = el("button", { type: "button", class: "course-img-button course-img-secondary" },
                      labels.metadata);
      read.addEventListener("click", () => model.send({ event: "metadata", image: copy.id }));
      item.append(figure, read);
      if (metadata[copy.id]) {
        const lines = el("ul", { class: "course-img-metadata" });
        for (const line of metadata[copy.id]) lines.append(el("li", {}, line));
        item.append(lines);
      }
      list.append(item);
    });
    results.append(heading, list);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = inputs.find((input) => input.checked);
    model.send({ event: "search", image: chosen ? chosen.value : "" });
  });
  for (const name of ["results", "status", "metadata", "searched"]) model.on(`change:${name}`, draw);
  draw();
  host.append(root);
}

export default { render };
