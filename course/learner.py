"""What a learner's notebook calls: ``setup``, ``ask``, ``answer``, ``check``, ``show_post``.

The build writes ``setup(...)`` as the first, hidden cell of every notebook. It loads the items
built for that notebook (one language, no keys for graded items) and decides where answers go:
``<notebook>.answers.json`` in the notebook's folder, which is the kernel's working directory in
JupyterLab, in Voilà and during nbgrader's autograde alike.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import AnswerFileError, AnswerStore, answer_path, read_answers
from .i18n import text
from .items import read_localized

__all__ = ["setup", "ask", "answer", "check", "show_post", "finish"]


@dataclass
class Session:
    """The notebook being worked on: its items, language and answer file."""

    module: str
    notebook: str
    lang: str
    audience: str
    items: dict[str, dict[str, Any]]
    store: AnswerStore
    widgets: dict[str, Any] = field(default_factory=dict)

    def item(self, item_id: str) -> dict[str, Any]:
        try:
            return self.items[item_id]
        except KeyError:
            raise KeyError(f"unknown item {item_id!r} in {self.notebook}") from None


_session: list[Session] = []


def setup(module: str, notebook: str, lang: str, audience: str, folder: str = ".") -> None:
    """Start the notebook's session; called once by the notebook's first cell.

    Returns nothing, so the first cell shows nothing (``current()`` gives the session).
    """
    where = Path(folder)
    session = Session(
        module=module,
        notebook=notebook,
        lang=lang,
        audience=audience,
        items=read_localized(where / f"{notebook}.items.json"),
        store=AnswerStore(answer_path(where, notebook)),
    )
    _session[:] = [session]


def current() -> Session:
    """The running notebook's session (``setup`` must have run)."""
    if not _session:
        raise RuntimeError("course.learner.setup() has not run: run the notebook's first cell")
    return _session[0]


def _display(*objects: Any) -> None:
    from IPython.display import display

    display(*objects)


def question(item_id: str):
    """The widget for an item, with any saved answer filled in (not displayed)."""
    from .widgets import Question

    session = current()
    item = session.item(item_id)
    widget = Question(item, session.lang, session.store if item.get("graded") else None,
                      session.audience)
    if item.get("graded"):
        saved = _saved(session).get(item_id, {})
        if "value" in saved:
            widget.value = saved["value"]
    session.widgets[item_id] = widget
    return widget


def _saved(session: Session) -> dict[str, dict[str, Any]]:
    try:
        return read_answers(session.store.path)
    except AnswerFileError:
        return {}


def show_post(item_id: str) -> None:
    """Show an item's fictional post as a card."""
    from IPython.display import HTML

    from .widgets import post_card

    session = current()
    _display(HTML(post_card(session.item(item_id)["post"], session.lang)))


def ask(item_id: str) -> None:
    """Show an item: its post if it has one, then the question."""
    from IPython.display import HTML

    session = current()
    item = session.item(item_id)
    if "post" in item:
        show_post(item_id)
    widget = question(item_id)
    _display(widget)
    if item["type"] == "written" and isinstance(widget.value, str) and widget.value:
        # The trainer grades written answers in nbgrader's formgrader, which cannot draw
        # widgets: show the saved text as plain HTML too.
        label = html.escape(text("saved_text", session.lang, session.audience))
        body = html.escape(widget.value).replace("\n", "<br>")
        _display(HTML(f"<blockquote lang='{session.lang}'><strong>{label}</strong><br>{body}"
                      "</blockquote>"))


def answer(item_id: str, value: Any) -> None:
    """Record ``value`` for a graded item exactly as its widget's button would.

    A written item's model answer may be given in every language, ``{"fr": …, "en": …}``:
    the session's language is recorded (the build already keeps only that one).
    """
    session = current()
    if session.item(item_id)["type"] == "written" and isinstance(value, dict):
        if session.lang not in value:
            raise ValueError(f"{item_id}: no model answer in {session.lang!r}")
        value = value[session.lang]
    widget = question(item_id)
    widget.value = value
    widget.submit()
    if widget.status.get("tone") != "saved":
        reason = widget.status.get("text")
        raise ValueError(f"{item_id}: {value!r} is not a valid answer ({reason})")


def check(item_id: str, key: Any) -> None:
    """Hidden test: fail unless the saved answer to ``item_id`` matches ``key``.

    Messages never repeat the key, since the autograded notebook is the trainer's to show.
    """
    from .widgets import is_right, normalize

    session = current()
    item = session.item(item_id)
    try:
        saved = read_answers(session.store.path).get(item_id)
    except AnswerFileError:
        raise AssertionError(text("answer_file_unreadable", session.lang)) from None
    if not saved or "value" not in saved:
        raise AssertionError(text("check_missing", session.lang, item=item_id))
    value = normalize(item, saved["value"])
    if value is None:
        raise AssertionError(text("check_invalid", session.lang, item=item_id))
    if not is_right(item, value, key):
        raise AssertionError(text("check_wrong", session.lang, item=item_id))
    print(f"{item_id}: ok")


def finish() -> None:
    """Show the "I have finished" button that hands the exercise in."""
    from .handin_button import HandInButton

    session = current()
    _display(HandInButton(session.store.path.parent.resolve(), session.module, session.lang,
                          session.audience))
