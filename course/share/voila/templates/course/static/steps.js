// The page's parts as steps, one open at a time: "Étape 2 sur 4" at the top, "Précédent" and
// "Suivant" at the bottom. A part is what the module's author wrote under one "##" heading
// (the text before the first heading belongs to the first part; the page's title stays on
// top). When the workshop asks for one question per screen (main's data-steps="screen"), a
// step also ends after each question. A part with nothing to show but its heading (nbgrader's
// hidden tests) joins the one before. Each cell is marked with its step (data-course-step),
// which listen.js reads. Words come from the page (data-* on <main>): no language here.
(function () {
  const main = document.getElementById("course-main");
  if (!main) return;
  const onePerScreen = main.dataset.steps === "screen";
  const cells = [...main.querySelectorAll(":scope > div[cell-index]")];

  const heading = (cell) => cell.querySelector(".jp-RenderedMarkdown h2");
  const isTitle = (cell) => !!cell.querySelector(".jp-RenderedMarkdown h1") && !heading(cell);
  const isEmpty = (cell) => !!cell.querySelector(".jp-mod-noOutputs.jp-mod-noInput")
    || cell.innerText.trim() === "" && !cell.querySelector("script[type='application/vnd.voila.cell-output+json']");
  // A question (or any activity) is a cell whose output is a widget.
  const isQuestion = (cell) => [...cell.querySelectorAll(
    "script[type='application/vnd.voila.cell-output+json']")]
    .some((s) => s.textContent.includes("application/vnd.jupyter.widget-view+json"));

  const steps = [];
  let current = null;
  for (const cell of cells) {
    if (!current && (isTitle(cell) || isEmpty(cell))) continue;  // the title stays on top
    const startsPart = !!heading(cell);
    const fresh = !current
      || (startsPart && (current.heading || (onePerScreen && steps.length > 1 && current.shown)))
      || (onePerScreen && current.closed);
    if (fresh) {
      current = { cells: [], heading: null, shown: 0, closed: false };
      steps.push(current);
    }
    current.cells.push(cell);
    if (startsPart && !current.heading) current.heading = heading(cell);
    else if (!isEmpty(cell)) current.shown += 1;
    if (onePerScreen && isQuestion(cell)) current.closed = true;
  }
  // Nothing to show but a heading, or nothing at all: part of the step before.
  for (let i = steps.length - 1; i > 0; i -= 1) {
    if (steps[i].shown === 0) {
      steps[i - 1].cells.push(...steps[i].cells);
      steps.splice(i, 1);
    }
  }
  steps.forEach((step, index) => step.cells.forEach((cell) => {
    cell.dataset.courseStep = String(index + 1);
  }));
  if (steps.length < 2) return;

  const total = steps.length;
  const say = (n) => main.dataset.stepOf.replace("{n}", n).replace("{total}", total);
  const bar = document.createElement("nav");
  bar.className = "course-steps";
  bar.setAttribute("aria-label", main.dataset.stepsLabel);
  const where = document.createElement("p");
  where.className = "course-step-of";
  where.tabIndex = -1;
  const progress = document.createElement("div");
  progress.className = "course-step-bar";
  progress.setAttribute("aria-hidden", "true");
  const filled = document.createElement("div");
  progress.append(filled);
  bar.append(where, progress);
  steps[0].cells[0].before(bar);

  function button(words, kind, go) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `course-step-button course-step-${kind}`;
    b.textContent = words;
    b.addEventListener("click", go);
    return b;
  }

  const key = `course-step:${location.pathname}`;
  let shown = 0;
  function show(index, moveFocus) {
    shown = index;
    steps.forEach((step, i) => {
      step.cells.forEach((cell) => { cell.hidden = i !== index; });
      step.nav.hidden = i !== index;
    });
    where.textContent = say(index + 1);
    filled.style.width = `${((index + 1) / total) * 100}%`;
    try { sessionStorage.setItem(key, String(index)); } catch (e) { /* private mode */ }
    if (moveFocus) {
      where.focus();  // read out by screen readers; the next Tab goes into the new step
      bar.scrollIntoView({ block: "start" });
    }
  }

  steps.forEach((step, index) => {
    const nav = document.createElement("div");
    nav.className = "course-step-nav";
    if (index > 0) nav.append(button(main.dataset.previous, "previous", () => show(index - 1, true)));
    if (index < total - 1) nav.append(button(main.dataset.next, "next", () => show(index + 1, true)));
    step.cells[step.cells.length - 1].after(nav);
    step.nav = nav;
  });
  let saved = 0;
  try { saved = Number(sessionStorage.getItem(key)) || 0; } catch (e) { /* private mode */ }
  show(Math.min(Math.max(saved, 0), total - 1), false);
})();
