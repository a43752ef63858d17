// The workshop page: start a step without leaving the page, show its progress, and keep the
// hand-in table fresh. Everything shown comes from the app as text or as its own escaped HTML.
(function () {
  "use strict";
  const form = document.getElementById("etapes");
  if (!form) return;
  const base = form.getAttribute("action").replace(/etape$/, "");
  const box = document.getElementById("travail");
  const title = document.getElementById("travail-titre");
  const bar = document.getElementById("travail-barre");
  const message = document.getElementById("travail-message");
  const buttons = form.querySelectorAll("button");
  let polling = null;

  function show(job) {
    box.dataset.state = job.state;
    title.textContent = job.label || "";
    message.textContent = job.message || "";
    const running = job.state === "running";
    bar.hidden = !running;
    if (running && job.total) { bar.max = job.total; bar.value = job.done; }
    else if (running) { bar.removeAttribute("value"); }
    buttons.forEach(function (b) { b.disabled = running; });
    if (!running && polling) { clearInterval(polling); polling = null; refresh(); }
    if (!running && job.state !== "idle" && job.state !== "refused") { box.focus(); }
  }

  function poll() {
    fetch(base + "etape/etat", { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(show);
  }

  function refresh() {
    fetch(base + "rendus", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("rendus");
        const old = document.getElementById("rendus");
        if (fresh && old) old.replaceWith(fresh);
      });
  }

  box.tabIndex = -1;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter) data.append(event.submitter.name, event.submitter.value);
    fetch(base + "etape", { method: "POST", body: data, credentials: "same-origin",
                            headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.state === "refused") { message.textContent = job.message; return; }
        show(job);
        if (!polling) polling = setInterval(poll, 1000);
      });
  });
  if (box.dataset.state === "running") polling = setInterval(poll, 1000);
  setInterval(function () { if (!polling) refresh(); }, 3000);
})();
