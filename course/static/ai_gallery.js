// The gallery of module 09: one drawn picture with its context (who posted it first, the
// platform's label, what other sources say), a radio group "real photo / made picture",
// buttons to check, skip or go on, and a live status region. Python holds the pictures, the
// words and the judgement; this file draws the state and sends the choice.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `gal-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("section", { class: "course-gallery course-widget", lang: model.get("lang") });
  const card = el("figure", { class: "course-card" });
  const form = el("form", { class: "course-gallery-form" });
  const status = el("div", { class: "course-said", role: "status", "aria-live": "polite" });
  root.append(el("p", { class: "course-progress" }, labels.notice), card, form, status);

  const button = (text, kind, secondary) =>
    walkButton(model, text, kind, kind === "check", secondary);
  const drawStatus = () => sayFeedback(status, model.get("feedback"));
  let kept = "";
  const draw = () => {
    const stage = model.get("stage");
    const picture = model.get("card") || {};
    card.replaceChildren();
    card.hidden = !picture.src;
    if (picture.src) {
      card.append(el("p", { class: "course-progress" }, picture.progress));
      card.append(el("img", { src: picture.src, alt: picture.alt }));
      const caption = el("figcaption", {});
      caption.append(el("p", { class: "course-gallery-caption" }, picture.caption));
      const list = el("dl", { class: "course-gallery-context" });
      for (const line of picture.context || []) list.append(el("dt", {}, line.name), el("dd", {}, line.text));
      caption.append(list);
      card.append(caption);
    }
    drawVerdict(form, { uid, stage, kept, choices: ["real", "made"], labels, button });
    drawStatus();
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = form.querySelector(`input[name="${uid}"]:checked`);
    kept = picked ? picked.value : "";
    model.send({ event: "check", choice: kept });
  });
  model.on("change:stage", () => {
    const focused = root.contains(document.activeElement);
    draw();
    if (focused) (form.querySelector("input:not([disabled]), button") || form).focus();
  });
  model.on("change:card", draw);
  model.on("change:feedback", drawStatus);
  draw();
  host.append(root);
}

export default { render };
