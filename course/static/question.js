// One accessible question: real radio groups and check boxes inside a fieldset with a legend,
// a text area with its label, one button, and a live status region that screen readers announce.
// Every word comes from the Python side (model traits), so this file holds no language.

function choiceGroup(uid, legendText, type, options, groupRole) {
  const fieldset = el("fieldset", { class: "course-group", role: groupRole });
  const legend = el("legend", { id: `${uid}-legend-${type}` }, legendText);
  fieldset.append(legend);
  fieldset.setAttribute("aria-labelledby", legend.id);
  const inputs = [];
  options.forEach((option, index) => {
    const id = `${uid}-${type}-${index}`;
    const label = el("label", { class: "course-option", for: id });
    const input = el("input", { type, id, name: `${uid}-${type}`, value: option.id });
    label.append(input, el("span", {}, option.label));
    fieldset.append(label);
    inputs.push(input);
  });
  return { fieldset, inputs };
}

function render({ model, el: host }) {
  const uid = model.get("uid");
  const kind = model.get("kind");
  const labels = model.get("labels");
  const root = el("div", { class: "course-q", lang: model.get("lang") });
  const status = el("div", { class: "course-status", role: "status", "aria-live": "polite",
                             id: `${uid}-status` });
  let readValue;
  let showValue;
  // Values this page sent. The kernel echoes each one back, late when a learner is quick; an
  // echo must not undo a newer choice, so only values from elsewhere are drawn.
  const sent = new Set();
  const push = () => {
    const value = readValue();
    sent.add(JSON.stringify(value));
    model.set("value", value);
    model.save_changes();
  };

  if (kind === "written") {
    const label = el("label", { for: `${uid}-text`, class: "course-prompt" }, model.get("prompt"));
    const area = el("textarea", { id: `${uid}-text`, rows: "5", "aria-describedby": status.id });
    root.append(label, area);
    readValue = () => area.value;
    showValue = (value) => { area.value = typeof value === "string" ? value : ""; };
    area.addEventListener("input", push);
  } else if (kind === "rating") {
    const prompt = el("p", { class: "course-prompt", id: `${uid}-prompt` }, model.get("prompt"));
    const scale = [1, 2, 3, 4, 5, 6].map((n) => ({ id: String(n), label: String(n) }));
    const rating = choiceGroup(uid, labels.reliability, "radio", scale, "radiogroup");
    rating.fieldset.classList.add("course-scale");
    const share = choiceGroup(uid + "-share", labels.share_question, "radio",
      [{ id: "yes", label: labels.yes }, { id: "no", label: labels.no }], "radiogroup");
    root.append(prompt, rating.fieldset, share.fieldset);
    readValue = () => {
      const r = rating.inputs.find((i) => i.checked);
      const s = share.inputs.find((i) => i.checked);
      return { rating: r ? Number(r.value) : null, share: s ? s.value === "yes" : null };
    };
    showValue = (value) => {
      const v = value && typeof value === "object" ? value : {};
      rating.inputs.forEach((i) => { i.checked = Number(i.value) === v.rating; });
      share.inputs.forEach((i) => { i.checked = v.share === (i.value === "yes") && v.share !== null && v.share !== undefined; });
    };
    [...rating.inputs, ...share.inputs].forEach((i) => i.addEventListener("change", () => {
      push();
    }));
  } else {
    const multiple = kind === "multiple";
    const group = choiceGroup(uid, model.get("prompt"), multiple ? "checkbox" : "radio",
      model.get("options"), multiple ? "group" : "radiogroup");
    root.append(group.fieldset);
    readValue = () => {
      const chosen = group.inputs.filter((i) => i.checked).map((i) => i.value);
      return multiple ? chosen : (chosen[0] ?? null);
    };
    showValue = (value) => {
      const chosen = Array.isArray(value) ? value : [value];
      group.inputs.forEach((i) => { i.checked = chosen.includes(i.value); });
    };
    group.inputs.forEach((i) => i.addEventListener("change", () => {
      push();
    }));
  }

  const button = el("button", { type: "button", class: "course-button",
                                "aria-describedby": status.id }, model.get("button_label"));
  button.addEventListener("click", () => {
    push();
    // The value travels with the press: ipywidgets may hold back quick updates, a message not.
    model.send({ event: "submit", value: readValue() });
  });

  const showStatus = () => {
    const s = model.get("status") || {};
    status.className = `course-status course-${s.tone || "none"}`;
    status.replaceChildren();
    if (s.text) status.append(el("strong", {}, s.text));
    for (const line of s.details || []) status.append(el("p", {}, line));
  };
  root.append(button, status);
  host.append(root);
  showValue(model.get("value"));
  showStatus();
  model.on("change:status", showStatus);
  model.on("change:value", () => {
    const value = model.get("value");
    if (!sent.has(JSON.stringify(value))) showValue(value);
  });
}

export default { render };
