// "Listen" buttons that read aloud with the browser's own speech synthesis (no server, no
// network): one per part of the page (after its heading, reading the part's text), one on each
// message card (a post to judge) and one on each question. None before a heading: one button
// per text block made 14-20 per lesson, and none where the learner must read. Parts are the
// steps marked by steps.js (data-course-step); button words come from <main>'s data-*.
(function () {
  const main = document.getElementById("course-main");
  if (!("speechSynthesis" in window) || !main) return;
  const lang = document.documentElement.lang || "fr";
  let speaking = null;

  function stop() {
    window.speechSynthesis.cancel();
    if (speaking) { speaking.setAttribute("aria-pressed", "false"); speaking.textContent = main.dataset.listen; }
    speaking = null;
  }

  function listenButton(words) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "course-listen";
    button.setAttribute("aria-pressed", "false");
    button.textContent = main.dataset.listen;
    button.addEventListener("click", () => {
      const again = speaking === button;
      stop();
      if (again) return;
      const utterance = new SpeechSynthesisUtterance(words());
      utterance.lang = lang;
      utterance.rate = 0.9;
      utterance.onend = () => { if (speaking === button) stop(); };
      speaking = button;
      button.setAttribute("aria-pressed", "true");
      button.textContent = main.dataset.stop;
      window.speechSynthesis.speak(utterance);
    });
    return button;
  }

  // What a block says, without the words of the buttons inside it.
  function said(node) {
    const copy = node.cloneNode(true);
    copy.querySelectorAll("button, .course-listen").forEach((b) => b.remove());
    copy.querySelectorAll("legend, label, p, li, h1, h2, h3, figcaption").forEach((b) => b.append("\n"));
    return copy.textContent.replace(/[ \t]+/g, " ").replace(/\n\s*/g, "\n").trim();
  }

  // One button per part, after the part's heading (or the page's title when it has no parts).
  const parts = new Map();
  main.querySelectorAll(":scope > div[data-course-step]").forEach((cell) => {
    const n = cell.dataset.courseStep;
    if (!parts.has(n)) parts.set(n, []);
    parts.get(n).push(cell);
  });
  parts.forEach((cells) => {
    const blocks = () => cells.flatMap((cell) => [...cell.querySelectorAll(".jp-RenderedMarkdown")]);
    if (!blocks().some((b) => b.innerText.trim())) return;
    const button = listenButton(() => blocks().map(said).filter(Boolean).join("\n"));
    // After the part's heading; when text comes first (the page's introduction), at its start.
    const first = blocks()[0];
    const heading = first.querySelector(":scope > h1, :scope > h2, :scope > h3");
    if (heading && heading === first.firstElementChild) heading.after(button);
    else first.prepend(button);
  });

  // One on each message card and each question, drawn by widgets after the page loads.
  function decorate() {
    main.querySelectorAll("figure, .course-q:not(.course-handin)").forEach((block) => {
      if (block.dataset.courseListen) return;
      if (block.tagName === "FIGURE" && block.parentElement.closest("figure, [class*='course-']")) return;  // a widget's own picture
      block.dataset.courseListen = "1";
      block.prepend(listenButton(() => said(block)));
    });
  }
  decorate();
  new MutationObserver(decorate).observe(main, { childList: true, subtree: true });
})();
