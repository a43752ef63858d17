// The offline mini-web: a search form (labelled field + button), suggested searches as
// buttons, results as a list of buttons, a page view with its links and "about this site",
// and a live status region. Python searches, keeps the path and sends every word.

function render({ model, el: host }) {
  const labels = model.get("labels");
  const uid = `web-${Math.random().toString(36).slice(2, 8)}`;
  const root = el("div", { class: "course-web", lang: model.get("lang") });
  const notice = el("p", { class: "course-web-notice" }, labels.notice);
  const form = el("form", { class: "course-web-form", role: "search" });
  const label = el("label", { for: `${uid}-field` }, labels.field);
  const field = el("input", { id: `${uid}-field`, type: "search", autocomplete: "off" });
  const button = el("button", { type: "submit", class: "course-web-button" }, labels.button);
  form.append(label, field, button);
  const ideas = el("div", { class: "course-web-ideas" });
  const status = el("div", { class: "course-web-status", role: "status", "aria-live": "polite" });
  const view = el("div", { class: "course-web-view" });
  const reviewButton = el("button", { type: "button", class: "course-web-button course-web-secondary" },
                          labels.review);
  const review = el("ul", { class: "course-web-review" });
  root.append(notice, form, ideas, status, view, reviewButton, review);

  const send = (content) => model.send(content);
  const linkButton = (page, text) => {
    const b = el("button", { type: "button", class: "course-web-link" }, text);
    b.addEventListener("click", () => send({ event: "open", page }));
    return b;
  };

  const suggestions = model.get("suggestions");
  if (suggestions.length) {
    ideas.append(el("span", {}, labels.suggestions + " "));
    for (const idea of suggestions) {
      const b = el("button", { type: "button", class: "course-web-idea" }, idea);
      b.addEventListener("click", () => { field.value = idea; send({ event: "search", query: idea }); });
      ideas.append(b);
    }
  }

  const drawResults = () => {
    const heading = el("h4", { id: `${uid}-results` }, labels.results);
    const list = el("ol", { class: "course-web-results", "aria-labelledby": heading.id });
    for (const result of model.get("results")) {
      const item = el("li", {});
      item.append(linkButton(result.id, result.title),
                  el("p", { class: "course-web-meta" }, `${result.site} · ${result.date}`),
                  el("p", { class: "course-web-snippet" }, result.snippet));
      list.append(item);
    }
    view.append(heading, list);
  };

  const drawPage = (page) => {
    const article = el("article", { class: "course-web-page", "aria-labelledby": `${uid}-title` });
    const back = el("button", { type: "button", class: "course-web-button course-web-secondary" },
                    labels.back);
    back.addEventListener("click", () => send({ event: "back" }));
    article.append(back,
                   el("h4", { id: `${uid}-title`, tabindex: "-1" }, page.title),
                   el("p", { class: "course-web-meta" },
                      `${labels.site} ${page.site} (${page.site_name}) · ${labels.date} ${page.date}`),
                   el("p", {}, page.text));
    if (page.links.length) {
      article.append(el("p", { class: "course-web-links-title" }, labels.links));
      const list = el("ul", { class: "course-web-links" });
      for (const link of page.links) {
        const item = el("li", {});
        item.append(linkButton(link.id, link.title), " ", el("span", { class: "course-web-meta" }, `(${link.site})`));
        list.append(item);
      }
      article.append(list);
    }
    if (page.about) article.append(linkButton(page.about, labels.about));
    view.append(article);
    article.querySelector("h4").focus();
  };

  const draw = () => {
    view.replaceChildren();
    status.textContent = model.get("status");
    const page = model.get("page");
    if (page && page.id) drawPage(page);
    else if (model.get("results").length) drawResults();
  };
  const drawReview = () => {
    review.replaceChildren();
    for (const sentence of model.get("review")) review.append(el("li", {}, sentence));
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send({ event: "search", query: field.value });
  });
  reviewButton.addEventListener("click", () => send({ event: "review" }));
  model.on("change:page", draw);
  model.on("change:results", draw);
  model.on("change:status", () => { status.textContent = model.get("status"); });
  model.on("change:review", drawReview);
  field.value = model.get("query");
  draw();
  drawReview();
  host.append(root);
}

export default { render };
