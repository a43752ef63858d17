// The rabbit hole of module 10: the recommended videos as a list of buttons ("Watch: title"),
// what was watched, a button to clear the history, and a live status region that counts the
// topics left in the feed. Python recommends and sends every word; this file only draws.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `hole-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("section", { class: "course-hole course-widget", lang: model.get("lang") });
  const heading = el("h4", { id: `${uid}-legend` }, labels.legend);
  const list = el("ul", { class: "course-hole-feed", "aria-labelledby": heading.id });
  const status = el("div", { class: "course-said", role: "status", "aria-live": "polite" });
  const history = el("div", { class: "course-hole-history" });
  const clear = el("button", { type: "button", class: "course-action course-secondary" }, labels.clear);
  clear.addEventListener("click", () => model.send({ event: "clear" }));
  root.append(el("p", { class: "course-progress" }, labels.notice), heading, list, status, history, clear);

  const draw = () => {
    const focused = root.contains(document.activeElement) && document.activeElement !== clear;
    list.replaceChildren();
    for (const video of model.get("feed") || []) {
      const item = el("li", {});
      const b = el("button", { type: "button", class: "course-hole-video" });
      b.append(el("span", { class: "course-hole-watch" }, `${labels.watch} `),
               el("strong", {}, video.title), el("br"), el("span", { class: "course-progress" }, video.channel));
      b.addEventListener("click", () => model.send({ event: "watch", video: video.id }));
      item.append(b);
      list.append(item);
    }
    history.replaceChildren();
    const watched = model.get("history") || [];
    if (watched.length) {
      history.append(el("p", { class: "course-progress" }, labels.history));
      const done = el("ol", {});
      for (const title of watched) done.append(el("li", {}, title));
      history.append(done);
    }
    status.replaceChildren();
    for (const sentence of model.get("said") || []) status.append(el("p", {}, sentence));
    if (focused) (list.querySelector("button") || clear).focus();
  };
  model.on("change:feed", draw);
  model.on("change:said", draw);
  draw();
  host.append(root);
}

export default { render };
