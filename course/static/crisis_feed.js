// The crisis feed of module 10: one post (its picture, its text, a content note above a hateful
// one), two tool buttons (trace the picture with module 04's search, see what other sources say
// with module 03's engine), what they found as lists, a radio group "reliable / not reliable",
// buttons to check, skip or go on, and a live status region. Python holds the posts, runs the
// tools and judges; this file draws the state and sends the learner's moves.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `feed-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("section", { class: "course-crisis course-widget", lang: model.get("lang") });
  const card = el("article", { class: "course-card" });
  const tools = el("div", { class: "course-crisis-tools" });
  const found = el("div", { class: "course-crisis-found" });
  const form = el("form", { class: "course-crisis-form" });
  const status = el("div", { class: "course-said", role: "status", "aria-live": "polite" });
  root.append(el("p", { class: "course-progress" }, labels.notice), card, tools, found, form, status);

  const button = (text, kind, secondary) =>
    walkButton(model, text, kind, kind === "check", secondary);
  const drawStatus = () => sayFeedback(status, model.get("feedback"));
  const drawFound = () => {
    found.replaceChildren();
    const traced = model.get("traced") || [];
    if (traced.length) {
      const heading = el("h4", { id: `${uid}-traced` }, labels.traced);
      const list = el("ul", { "aria-labelledby": heading.id });
      for (const line of traced) list.append(el("li", {}, line));
      found.append(heading, list);
    }
    const pages = model.get("pages") || [];
    if (pages.length) {
      const query = (model.get("card") || {}).query || "";
      const heading = el("h4", { id: `${uid}-pages` }, labels.found.replace("{query}", query));
      const list = el("ol", { class: "course-crisis-pages", "aria-labelledby": heading.id });
      for (const page of pages) {
        const item = el("li", {});
        item.append(el("strong", {}, page.title));
        if (page.site) item.append(el("br"), el("span", { class: "course-progress" }, `${page.site} · ${page.date}`));
        if (page.text) item.append(el("p", {}, page.text));
        list.append(item);
      }
      found.append(heading, list);
    }
  };
  let kept = "";
  const draw = () => {
    const stage = model.get("stage");
    const post = model.get("card") || {};
    card.replaceChildren();
    tools.replaceChildren();
    card.hidden = !post.text;
    if (post.text) {
      card.append(el("p", { class: "course-progress" }, post.progress));
      if (post.hateful) card.append(el("p", { class: "course-crisis-note" }, labels.content_note));
      card.append(el("p", { class: "course-progress" }, post.meta));
      if (post.src) card.append(el("img", { src: post.src, alt: post.alt }));
      card.append(el("p", { class: "course-crisis-text" }, post.text));
      if (post.trace) tools.append(button(labels.trace, "trace", true));
      if (post.query) tools.append(button(labels.look_up, "look_up", true));
    }
    drawVerdict(form, { uid, stage, kept, choices: ["reliable", "unreliable"], labels, button });
    drawFound();
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
    if (focused) (tools.querySelector("button") || form.querySelector("input:not([disabled]), button") || form).focus();
  });
  model.on("change:card", draw);
  model.on("change:traced", drawFound);
  model.on("change:pages", drawFound);
  model.on("change:feedback", drawStatus);
  draw();
  host.append(root);
}

export default { render };
