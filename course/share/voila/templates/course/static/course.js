// The course's Voilà page: the contrast switch, remembered on this computer (steps.js shows
// the page's parts as steps; listen.js reads them aloud).
(function () {
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
})();
