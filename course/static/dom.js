// Shared by every course widget: make an element with attributes and text. anywidget loads
// one ES module per widget, so course.widgets.front_end() puts this file in front of each.
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// A button of a card walk (course.activities.walk): the form's own button submits (its submit
// handler sends the choice), every other one sends its event to Python when clicked.
function walkButton(model, text, kind, submits, secondary) {
  const node = el("button", { type: submits ? "submit" : "button",
                              class: `course-action${secondary ? " course-secondary" : ""}` }, text);
  if (!submits) node.addEventListener("click", () => model.send({ event: kind }));
  return node;
}

// The live status region: Python's feedback sentences, one paragraph each.
function sayFeedback(status, sentences) {
  status.replaceChildren(...(sentences || []).map((sentence) => el("p", {}, sentence)));
}

// A card's verdict, shared by the gallery and the crisis feed: a radio group (one per choice)
// while choosing, frozen on the kept choice once seen, and the buttons of each stage.
function drawVerdict(form, { uid, stage, kept, choices, labels, button }) {
  form.replaceChildren();
  if (stage === "choose" || stage === "seen") {
    const set = el("fieldset", { class: "course-group" });
    set.append(el("legend", {}, labels.legend));
    for (const choice of choices) {
      const id = `${uid}-${choice}`;
      const label = el("label", { class: "course-option", for: id });
      const input = el("input", { type: "radio", id, name: uid, value: choice });
      if (stage === "seen") { input.disabled = true; input.checked = choice === kept; }
      label.append(input, el("span", {}, labels[choice]));
      set.append(label);
    }
    form.append(set);
  }
  if (stage === "choose") form.append(button(labels.check, "check"), button(labels.skip, "skip", true));
  else if (stage === "seen") form.append(button(labels.next, "next"));
  else form.append(button(labels.restart, "restart", true));
}
