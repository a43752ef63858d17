"""The course's question widget and the card that shows a (fictional) post.

One widget serves every item type. Its front end (``static/question.js``) draws native form
controls: radio groups with a legend, check boxes, a labelled text area, one button and a live
status region. The Python side decides what a press of the button means: instant feedback for a
practice item, "answer saved" for a graded one.
"""

from __future__ import annotations

import html
import time
import uuid
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from .answers import AnswerStore
from .i18n import text

STATIC = Path(__file__).parent / "static"


def front_end(name: str) -> str:
    """A widget's ES module with the shared DOM helper (``static/dom.js``) in front of it.

    anywidget loads one module per widget and cannot import a sibling file, so the helper is
    joined here rather than copied into every widget's script.
    """
    return _joined("dom.js", name)


def front_style(name: str) -> str:
    """An activity widget's style sheet with the shared rules (``static/widget.css``) first."""
    return _joined("widget.css", name)


def _joined(*names: str) -> str:
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in names)


def normalize(item: dict[str, Any], value: Any) -> Any:
    """The answer in its stored form, or ``None`` if it is incomplete or of the wrong shape."""
    kind = item["type"]
    option_ids = [o["id"] for o in item.get("options", [])]
    if kind == "single":
        return value if isinstance(value, str) and value in option_ids else None
    if kind == "multiple":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        chosen = [o for o in option_ids if o in value]
        return chosen or None
    if kind == "rating":
        if not isinstance(value, dict):
            return None
        rating, share = value.get("rating"), value.get("share")
        if type(rating) is not int or not 1 <= rating <= 6 or type(share) is not bool:
            return None
        return {"rating": rating, "share": share}
    if kind == "written":
        return value.strip() if isinstance(value, str) and value.strip() else None
    return None


def rating_side(rating: int) -> str:
    """A 1-6 reliability rating read as a judgement: 4-6 reliable, 1-3 unreliable."""
    return "reliable" if rating >= 4 else "unreliable"


def is_right(item: dict[str, Any], value: Any, key: Any) -> bool:
    """Whether a normalized answer matches the key (see docs/AUTHORING.md for key forms)."""
    kind = item["type"]
    if kind == "multiple":
        return isinstance(key, list) and set(value) == set(key)
    if kind == "rating":
        return rating_side(value["rating"]) == key
    return value == key


def post_card(post: dict[str, Any], lang: str) -> str:
    """A post drawn as a card, labelled as made up; inline styles so it shows anywhere."""
    meta = " · ".join(
        html.escape(str(post[k])) for k in ("platform", "author", "date") if k in post
    )
    body = "".join(f"<p style='margin:0.3em 0'>{html.escape(line)}</p>"
                   for line in str(post.get("text", "")).splitlines() if line.strip())
    return (
        f"<figure lang='{lang}' style='border:1px solid #6b6b6b;border-radius:8px;"
        "padding:0.6em 1em;"
        "margin:0.5em 0;max-width:40em;background:#fff;color:#1a1a1a;font-size:1.1em'>"
        f"<figcaption style='font-size:0.9em;color:#3d3d3d'>{meta}<br>"
        f"<em>{html.escape(text('fictional', lang))}</em></figcaption>{body}</figure>"
    )


class CourseWidget(anywidget.AnyWidget):
    """A course widget: its front end sends events as tables, which ``handle`` acts on."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.on_msg(self._on_front_end_message)

    def _on_front_end_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):  # anything else did not come from our front end
            self.handle(content)

    def handle(self, event: dict[str, Any]) -> None:
        """What the widget does with one event from its front end."""
        raise NotImplementedError


class Question(CourseWidget):
    """One item on screen. ``value`` follows what the learner picks; ``submit()`` is the button."""

    _esm = front_end("question.js")
    _css = STATIC / "question.css"

    uid = traitlets.Unicode().tag(sync=True)
    kind = traitlets.Unicode().tag(sync=True)
    lang = traitlets.Unicode("fr").tag(sync=True)
    prompt = traitlets.Unicode().tag(sync=True)
    options = traitlets.List().tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    button_label = traitlets.Unicode().tag(sync=True)
    value = traitlets.Any(None, allow_none=True).tag(sync=True)
    status = traitlets.Dict().tag(sync=True)

    def __init__(self, item: dict[str, Any], lang: str, store: AnswerStore | None,
                 audience: str | None = None, **kwargs: Any):
        self.item = item
        self.store = store
        self.audience = audience
        self._shown_at = time.monotonic()
        graded = item.get("graded", False)
        super().__init__(
            uid=f"q-{item['id']}-{uuid.uuid4().hex[:6]}",
            kind=item["type"],
            lang=lang,
            prompt=item.get("prompt", ""),
            options=[{"id": o["id"], "label": o["label"]} for o in item.get("options", [])],
            labels={k: text(k, lang, audience)
                    for k in ("reliability", "share_question", "yes", "no")},
            button_label=text("save" if graded else "check", lang, audience),
            **kwargs,
        )

    def handle(self, event: dict[str, Any]) -> None:
        if event.get("event") == "submit":
            if "value" in event:
                self.value = event["value"]
            self.submit()

    def _say(self, tone: str, key: str, details: list[str] | None = None) -> None:
        self.status = {"tone": tone, "text": text(key, self.lang, self.audience),
                       "details": details or []}

    def submit(self) -> None:
        """What the button does: save a graded answer, or give feedback on a practice one."""
        value = normalize(self.item, self.value)
        if value is None:
            missing = {"written": "write_first", "rating": "rate_first"}
            self._say("warn", missing.get(self.kind, "choose_first"))
            return
        if self.item.get("graded"):
            entry = self.store.record(self.item["id"], value, self._shown_at)
            self._say("saved", "saved" if entry["attempts"] == 1 else "saved_again")
        else:
            self._give_feedback(value)

    def _give_feedback(self, value: Any) -> None:
        item = self.item
        chosen = value if isinstance(value, list) else [value]
        details = [o["feedback"] for o in item.get("options", [])
                   if o.get("feedback") and o["id"] in chosen]
        if item.get("explanation"):
            details.append(item["explanation"])
        if "correct" in item:
            right = is_right(item, value, item["correct"])
            self._say("right" if right else "wrong", "right" if right else "wrong", details)
        else:
            self._say("info", "noted", details)
