"""The learner's kernel: the course is set up before the first cell runs.

A built notebook starts with a hidden ``setup(...)`` cell; a youth learner who runs the first
question cell alone in JupyterLab used to get ``NameError: name 'ask' is not defined``. The
learner's servers (``course start``, the hub, the city's pods) put ``course/share`` first on
``JUPYTER_PATH``, where ``kernels/python3/kernel.json`` starts this module instead of plain
ipykernel: the names of ``course.learner`` are there from the start, the notebook's session is
opened from the notebook the kernel was started for (``JPY_SESSION_NAME``, set by
jupyter_server), and an error in a learner's code is told as a short hint in the workshop's
language, the traceback folded away under "details". Grading never uses this kernel: nbgrader
runs the plain ``python3`` kernel, so the trainer's copies keep the full tracebacks.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path
from typing import Any

from ipykernel.kernelapp import IPKernelApp

from . import learner
from .built import notebook_course
from .i18n import LANGUAGES, text

SESSION_ENV = "JPY_SESSION_NAME"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def open_session(path: Path) -> bool:
    """Set up the course for the notebook at ``path``, as its hidden first cell would."""
    course = notebook_course(path)
    if course is None or not (path.parent / f"{path.stem}.items.json").is_file():
        return False
    try:
        learner.setup(course["module"], path.stem, lang=course["lang"],
                      audience=course["audience"], folder=str(path.parent))
    except (OSError, ValueError):
        return False
    return True


def session_notebook(environ: dict[str, str] | None = None) -> Path | None:
    """The notebook this kernel was started for (an absolute path, or one relative to the
    kernel's working folder, which is the notebook's own folder)."""
    name = (environ if environ is not None else os.environ).get(SESSION_ENV, "")
    if not name:
        return None
    path = Path(name)
    return path if path.is_absolute() else Path.cwd() / path.name


def language() -> tuple[str, str | None]:
    """The language and audience the hints are written in: the notebook's, else the
    workshop's (``COURSE_LANG``)."""
    try:
        session = learner.current()
    except RuntimeError:
        lang = os.environ.get("COURSE_LANG", "fr")
        return (lang if lang in LANGUAGES else "fr"), None
    return session.lang, session.audience


def hint(etype: type[BaseException], value: BaseException) -> str:
    """A short sentence on what went wrong in a learner's code and what to try."""
    lang, audience = language()
    try:
        return _specific(etype, value, lang, audience)
    except (AttributeError, IndexError, KeyError, ValueError):  # an odd exception object
        return text("hint_other", lang, audience, error=etype.__name__)


def _specific(etype: type[BaseException], value: BaseException, lang: str,
              audience: str | None) -> str:
    if issubclass(etype, SyntaxError):
        return text("hint_syntax", lang, audience, line=getattr(value, "lineno", None) or "?")
    if issubclass(etype, NameError):
        name = getattr(value, "name", None) or str(value)
        return text("hint_name", lang, audience, name=name)
    if issubclass(etype, KeyError):
        key = value.args[0] if value.args else "?"
        return text("hint_key", lang, audience, missing=key)
    return text("hint_other", lang, audience, error=etype.__name__)


def folded(shell: Any, hint_text: str, details: str) -> None:
    """Show the hint with the technical details folded under a ``<details>``."""
    from IPython.display import HTML, display

    lang, audience = language()
    summary = html.escape(text("hint_details", lang, audience))
    body = html.escape(ANSI.sub("", details))
    display(HTML(
        f"<div class='course-hint' lang='{lang}'><p><strong>{html.escape(hint_text)}</strong>"
        f"</p><details><summary>{summary}</summary><pre>{body}</pre></details></div>"))


def on_error(shell: Any, etype: type[BaseException], value: BaseException, tb: Any,
             tb_offset: int | None = None) -> list[str]:
    """IPython's custom exception handler: the hint as the error's whole traceback."""
    full = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    said = hint(etype, value)
    folded(shell, said, shell.InteractiveTB.stb2text(full))
    stb = [said]
    shell._showtraceback(etype, value, stb)
    return stb


def on_syntax_error(shell: Any):
    """``showsyntaxerror`` that tells a syntax error as a hint too (it never reaches the
    custom exception handler: the cell does not even compile)."""
    plain = shell.showsyntaxerror

    def show(filename: str | None = None, running_compiled_code: bool = False) -> None:
        etype, value, _ = shell._get_exc_info()
        if not issubclass(etype, SyntaxError):
            plain(filename, running_compiled_code)
            return
        said = hint(etype, value)
        detail = shell.SyntaxTB.stb2text(shell.SyntaxTB.structured_traceback(etype, value, []))
        folded(shell, said, detail)
        shell._showtraceback(etype, value, [said])

    return show


def prepare(shell: Any, environ: dict[str, str] | None = None) -> None:
    """Everything a learner's kernel needs before their first cell."""
    shell.push({name: getattr(learner, name) for name in learner.__all__}, interactive=False)
    notebook = session_notebook(environ)
    if notebook is not None:
        open_session(notebook)
    shell.set_custom_exc((Exception,), on_error)
    shell.showsyntaxerror = on_syntax_error(shell)


class CourseKernelApp(IPKernelApp):
    """ipykernel, with the course prepared once the shell exists."""

    def init_code(self) -> None:
        super().init_code()
        try:
            prepare(self.shell)
        except Exception as error:  # never keep a learner from a working kernel
            print(f"course: set-up skipped ({error})", file=sys.stderr)


def main() -> None:
    CourseKernelApp.launch_instance()


if __name__ == "__main__":
    main()
