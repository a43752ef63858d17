// The "what do I do?" simulator: a situation card, a fieldset of check boxes (one per action),
// buttons to play, skip or go on, and a live status region. Python holds the words, the
// scenarios and what follows each choice; this file draws the state and sends the choices.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `sim-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("section", { class: "course-sim course-widget", lang: model.get("lang") });
  const card = el("article", { class: "course-card" });
  const form = el("form", { class: "course-sim-form" });
  const status = el("div", { class: "course-said", role: "status", "aria-live": "polite" });
  root.append(card, form, status);

  const button = (text, kind, secondary) =>
    walkButton(model, text, kind, kind === "play", secondary);
  const drawStatus = () => {
    status.replaceChildren();
    const sentences = model.get("feedback") || [];
    if (sentences.length === 1) status.append(el("p", {}, sentences[0]));
    else if (sentences.length) {
      const list = el("ul", {});
      for (const sentence of sentences) list.append(el("li", {}, sentence));
      status.append(list);
    }
  };
  const draw = () => {
    const stage = model.get("stage");
    const scenario = model.get("card") || {};
    card.replaceChildren();
    card.hidden = !scenario.title;
    if (scenario.title) {
      card.append(el("p", { class: "course-progress" }, scenario.progress));
      card.append(el("h3", { class: "course-sim-title" }, scenario.title));
      card.append(el("p", { class: "course-sim-situation" }, scenario.situation));
    }
    form.replaceChildren();
    if (stage === "choose" || stage === "seen") {
      const set = el("fieldset", { class: "course-group" });
      set.append(el("legend", {}, labels.legend));
      for (const action of scenario.actions || []) {
        const id = `${uid}-${action.id}`;
        const label = el("label", { class: "course-option", for: id });
        const input = el("input", { type: "checkbox", id, name: uid, value: action.id });
        if (stage === "seen") input.disabled = true;
        label.append(input, el("span", {}, action.label));
        set.append(label);
      }
      form.append(set);
    }
    if (stage === "choose") form.append(button(labels.play, "play"), button(labels.skip, "skip", true));
    else if (stage === "seen") form.append(button(labels.next, "next"));
    else form.append(button(labels.restart, "restart", true));
    drawStatus();
  };
  let kept = [];
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    kept = [...form.querySelectorAll(`input[name="${uid}"]:checked`)].map((i) => i.value);
    model.send({ event: "play", chosen: kept });
  });
  model.on("change:stage", () => {
    const focused = root.contains(document.activeElement);
    draw();
    if (model.get("stage") === "seen") {
      for (const value of kept) {
        const input = form.querySelector(`input[value="${CSS.escape(value)}"]`);
        if (input) input.checked = true;
      }
    } else kept = [];
    if (focused) (form.querySelector("input:not([disabled]), button") || form).focus();
  });
  model.on("change:card", draw);
  model.on("change:feedback", drawStatus);
  draw();
  host.append(root);
}

export default { render };
