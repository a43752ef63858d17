"""How long a learner waits, and what a lesson's kernel weighs, against a bare notebook.

Page load to first widget visible, in Voilà and in JupyterLab, for module 01's lesson and for a
notebook holding one plain ipywidgets RadioButtons, runs interleaved; then the kernel memory of
the lesson against a bare ipywidgets kernel. Targets (issue #3): ≤ 1.15× time, ≤ 1.2× memory.

    .venv/bin/python benchmarks/learner_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grading.create import create_workshop  # noqa: E402
from grading.release import release  # noqa: E402
from tests.browser import course_server, offline_page  # noqa: E402

MODULE = "01-premiers-pas"
BARE = "bare.ipynb"
BARE_CODE = ("import ipywidgets\n"
             "ipywidgets.RadioButtons(options=['oui', 'non'], description='Question')")
FIRST_WIDGET = ".course-q, .widget-radio-box"


def bare_notebook(folder: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BARE_CODE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, folder / BARE)


def time_voila(browser, url: str, page: str) -> float:
    start = time.perf_counter()
    browser.page.goto(f"{url}/voila/render/{page}")
    browser.page.locator(FIRST_WIDGET).first.wait_for(state="visible")
    return time.perf_counter() - start


def close_sessions(browser) -> None:
    """Shut every kernel down, so each timing includes a kernel start as a learner's would."""
    browser.page.evaluate(
        "async () => { await window.jupyterapp?.serviceManager.sessions.shutdownAll(); }")


def time_lab(browser, url: str, page: str) -> float:
    close_sessions(browser)
    start = time.perf_counter()
    browser.page.goto(f"{url}/lab/tree/{page}?reset")
    browser.page.wait_for_function(
        "window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel")
    browser.page.evaluate("() => { jupyterapp.commands.execute('notebook:run-all-cells'); }")
    browser.page.locator(f".jp-OutputArea-output :is({FIRST_WIDGET})").first.wait_for(
        state="visible")
    return time.perf_counter() - start


def page_times(workshop_dir: Path, view: str, runs: int) -> dict[str, list[float]]:
    """Interleaved timings of the lesson and the bare notebook in one server."""
    lesson = f"{MODULE}/lecon.ipynb"
    bare = f"{MODULE}/{BARE}"
    measure = time_voila if view == "voila" else time_lab
    probe = "/voila/static/favicon.ico" if view == "voila" else "/api/status"
    times: dict[str, list[float]] = {"lesson": [], "bare": []}
    with course_server(workshop_dir.parent, str(workshop_dir), f"--{view}", probe=probe) as url:
        with offline_page(f"bench-{view}") as browser:
            measure(browser, url, bare)  # warm-up: caches, first kernel start
            for _ in range(runs):
                times["lesson"].append(measure(browser, url, lesson))
                times["bare"].append(measure(browser, url, bare))
    return times


def kernel_memory(folder: Path, code: str) -> float:
    """Resident memory (MiB) of a fresh kernel after running ``code`` in ``folder``."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(folder))
    try:
        client.execute_interactive(code, timeout=120, output_hook=lambda _msg: None)
        return psutil.Process(manager.provisioner.pid).memory_info().rss / 2**20
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def lesson_code(folder: Path) -> str:
    notebook = nbformat.read(folder / "lecon.ipynb", as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "code")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--views", nargs="+", choices=("voila", "lab"), default=["voila", "lab"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "atelier"
        workshop = create_workshop(folder, "fr", "senior", [MODULE])
        release(workshop, workshop.module(MODULE))
        home = folder / "learners" / "invite" / MODULE
        home.mkdir(parents=True)
        bare_notebook(home)
        print(f"Page load to first widget visible (median of {args.runs}, seconds)")
        for view in args.views:
            times = page_times(folder, view, args.runs)
            lesson, bare = (statistics.median(times[k]) for k in ("lesson", "bare"))
            print(f"  {view:6} lesson {lesson:5.2f}  bare {bare:5.2f}  "
                  f"ratio {lesson / bare:4.2f}  (target ≤ 1.15)")
        lesson_folder = folder / "release" / MODULE
        os.environ.pop("COURSE_HANDIN", None)
        lesson_mib = kernel_memory(lesson_folder, lesson_code(lesson_folder))
        bare_mib = kernel_memory(lesson_folder, BARE_CODE)
        print(f"Kernel memory: lesson {lesson_mib:.0f} MiB, bare ipywidgets {bare_mib:.0f} MiB,"
              f" ratio {lesson_mib / bare_mib:.2f} (target ≤ 1.2)")


if __name__ == "__main__":
    main()
