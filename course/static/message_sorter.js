// The message sorter: one fictional message as a card, real radio groups inside fieldsets,
// buttons for check / skip / next, and a live status region. Python holds the words, the
// messages and the logic; this file only draws the state it receives and sends the choices.

function radioGroup(uid, name, legend, options) {
  const set = el("fieldset", { class: "course-group" });
  set.append(el("legend", {}, legend));
  for (const option of options) {
    const id = `${uid}-${name}-${option.id}`;
    const label = el("label", { class: "course-option", for: id });
    const input = el("input", { type: "radio", id, name: `${uid}-${name}`, value: option.id });
    label.append(input, el("span", {}, option.label));
    set.append(label);
  }
  return set;
}

function chosen(form, uid, name) {
  const input = form.querySelector(`input[name="${uid}-${name}"]:checked`);
  return input ? input.value : "";
}

function render({ model, el: host }) {
  const labels = model.get("labels");
  const choices = model.get("choices");
  const uid = `sorter-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("section", { class: "course-sorter course-widget", lang: model.get("lang") });
  const note = el("p", { class: "course-sorter-note" }, labels.note);
  const card = el("article", { class: "course-card" });
  const form = el("form", { class: "course-sorter-form" });
  const status = el("div", { class: "course-said", role: "status", "aria-live": "polite" });
  root.append(note, card, form, status);

  const button = (text, kind, secondary) =>
    walkButton(model, text, kind, kind === "check", secondary);

  const draw = () => {
    const stage = model.get("stage");
    const message = model.get("card") || {};
    card.replaceChildren();
    if (message.text) {
      card.append(el("p", { class: "course-progress" }, message.progress));
      card.append(el("p", { class: "course-sorter-author" }, `${message.author} · ${message.platform}`));
      card.append(el("blockquote", { class: "course-sorter-text" }, message.text));
    }
    card.hidden = !message.text;
    form.replaceChildren();
    form.dataset.stage = stage;
    if (stage === "level") {
      form.append(radioGroup(uid, "level", labels.level_legend, choices.level));
      form.append(button(labels.check, "check"), button(labels.skip, "skip", true));
    } else if (stage === "detail") {
      form.append(radioGroup(uid, "ground", labels.ground_legend, choices.ground));
      form.append(radioGroup(uid, "offence", labels.offence_legend, choices.offence));
      form.append(button(labels.check, "check"), button(labels.skip, "skip", true));
    } else if (stage === "seen") {
      form.append(button(labels.next, "next"));
    } else {
      form.append(button(labels.restart, "restart", true));
    }
    sayFeedback(status, model.get("feedback"));
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const stage = model.get("stage");
    if (stage === "level") {
      model.send({ event: "level", choice: chosen(form, uid, "level") });
    } else if (stage === "detail") {
      model.send({ event: "detail", ground: chosen(form, uid, "ground"),
                   offence: chosen(form, uid, "offence") });
    }
  });
  const redraw = () => {
    const focused = root.contains(document.activeElement);
    draw();
    if (focused) (form.querySelector("input, button") || form).focus();
  };
  model.on("change:stage", redraw);
  model.on("change:card", redraw);
  model.on("change:feedback", () => {
    sayFeedback(status, model.get("feedback"));
  });
  draw();
  host.append(root);
}

export default { render };
