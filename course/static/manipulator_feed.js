// The "be the manipulator" feed: a radio group of techniques inside a fieldset with a legend,
// a Publish button, a Start again button, the simulated feed as a list, a live status region,
// and the debrief. Python runs the simulation and sends every word; this file only draws.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `feed-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("div", { class: "course-feed", lang: model.get("lang") });
  const story = el("p", { class: "course-feed-story" }, labels.story);
  const form = el("form", { class: "course-feed-form" });
  const fieldset = el("fieldset", { class: "course-feed-group", role: "radiogroup" });
  const legend = el("legend", { id: `${uid}-legend` });
  fieldset.setAttribute("aria-labelledby", legend.id);
  fieldset.append(legend);
  const inputs = model.get("options").map((option, index) => {
    const id = `${uid}-opt-${index}`;
    const label = el("label", { class: "course-feed-option", for: id });
    const input = el("input", { type: "radio", id, name: `${uid}-technique`, value: option.id });
    label.append(input, el("span", {}, option.label));
    fieldset.append(label);
    return input;
  });
  const publish = el("button", { type: "submit", class: "course-feed-button" }, labels.publish);
  const restart = el("button", { type: "button", class: "course-feed-button course-feed-secondary" },
                     labels.restart);
  form.append(fieldset, publish, restart);
  const status = el("div", { class: "course-feed-status", role: "status", "aria-live": "polite" });
  const feedTitle = el("h4", { id: `${uid}-feed` }, labels.feed);
  const feed = el("ol", { class: "course-feed-list", "aria-labelledby": feedTitle.id });
  const debrief = el("section", { class: "course-feed-debrief" });
  root.append(story, form, status, feedTitle, feed, debrief);

  const draw = () => {
    const choices = model.get("choices");
    const steps = model.get("steps");
    const finished = model.get("debrief").length > 0;
    legend.textContent = labels.legend.replace("{step}", Math.min(choices.length + 1, steps))
      .replace("{steps}", steps);
    fieldset.disabled = finished;
    publish.disabled = finished;
    status.textContent = model.get("status");
    feed.replaceChildren();
    for (const entry of model.get("feed")) {
      const item = el("li", { class: "course-feed-post" });
      item.append(el("p", { class: "course-feed-technique" }, entry.technique),
                  el("p", { class: "course-feed-text" }, entry.text),
                  el("p", { class: "course-feed-reaction" },
                     `${entry.reaction} +${entry.new_followers} → ${entry.followers}`));
      feed.append(item);
    }
    debrief.replaceChildren();
    if (finished) {
      debrief.append(el("h4", {}, labels.debrief));
      const list = el("ul", {});
      for (const sign of model.get("debrief")) {
        const item = el("li", { class: sign.used ? "course-feed-used" : "" });
        const name = el("strong", {}, sign.honest ? `${labels.honest_note} ${sign.name}` : sign.name);
        item.append(name);
        if (sign.used) item.append(" ", el("em", {}, labels.used));
        item.append(el("br"), sign.sign);
        list.append(item);
      }
      debrief.append(list);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = inputs.find((input) => input.checked);
    model.send({ event: "publish", technique: chosen ? chosen.value : "" });
    for (const input of inputs) input.checked = false;
  });
  restart.addEventListener("click", () => model.send({ event: "restart" }));
  for (const name of ["choices", "feed", "status", "debrief"]) model.on(`change:${name}`, draw);
  draw();
  host.append(root);
}

export default { render };
