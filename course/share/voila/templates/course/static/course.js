// The course's Voilà page: the contrast switch (remembered on this computer) and "listen"
// buttons that read a text block aloud with the browser's own speech synthesis: no server,
// no network. Button words come from the page (data-listen / data-stop on <main>).
(function () {
  const main = document.getElementById("course-main");
  const contrast = document.querySelector(".course-contrast");
  const KEY = "course-high-contrast";

  function setContrast(on) {
    document.body.classList.toggle("course-high-contrast", on);
    contrast.setAttribute("aria-pressed", String(on));
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  let saved = false;
  try { saved = localStorage.getItem(KEY) === "1"; } catch (e) { /* private mode */ }
  setContrast(saved);
  contrast.addEventListener("click", () => setContrast(!document.body.classList.contains("course-high-contrast")));

  if (!("speechSynthesis" in window) || !main) return;
  const lang = document.documentElement.lang || "fr";
  let speaking = null;

  function stop() {
    window.speechSynthesis.cancel();
    if (speaking) { speaking.setAttribute("aria-pressed", "false"); speaking.textContent = main.dataset.listen; }
    speaking = null;
  }

  function addListenButton(block) {
    if (block.dataset.courseListen) return;
    block.dataset.courseListen = "1";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "course-listen";
    button.setAttribute("aria-pressed", "false");
    button.textContent = main.dataset.listen;
    button.addEventListener("click", () => {
      const again = speaking === button;
      stop();
      if (again) return;
      const words = [...block.childNodes].filter((node) => node !== button)
        .map((node) => node.innerText ?? node.textContent).join("\n");
      const utterance = new SpeechSynthesisUtterance(words);
      utterance.lang = lang;
      utterance.rate = 0.9;
      utterance.onend = () => { if (speaking === button) stop(); };
      speaking = button;
      button.setAttribute("aria-pressed", "true");
      button.textContent = main.dataset.stop;
      window.speechSynthesis.speak(utterance);
    });
    block.prepend(button);  // inside the block, so the page's layout cannot cover it
  }

  function decorate() {
    main.querySelectorAll(".jp-RenderedMarkdown").forEach((block) => {
      if (block.innerText.trim().length > 0) addListenButton(block);
    });
  }
  decorate();
  new MutationObserver(decorate).observe(main, { childList: true, subtree: true });
})();
