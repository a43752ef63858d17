"""The link inspector: find the real registered domain of any text and name the trick used.

Scam messages hide where a link really goes: a trusted name placed in front of an ``@`` or as a
sub-domain, a look-alike spelling, letters from another alphabet, a bare IP address. The pure
functions below read any string (never raising, never touching the network) and say, in French
or English, what the link really is. ``LinkInspector`` is the widget around them.
"""

from __future__ import annotations

import html
import ipaddress
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import traitlets

from ..localize import words
from ..widgets import STATIC, CourseWidget, front_end
from .public_suffixes import PUBLIC_SUFFIXES

MAX_INPUT = 4000  # longer text is cut: a link is never that long, and work stays instant
LONG_HOST = 45  # a phone shows about this many characters of an address
# Real addresses of organisations that scams imitate most. Only used to say "this imitates X".
GENUINE_DOMAINS = (
    "ameli.fr", "impots.gouv.fr", "service-public.fr", "caf.fr", "laposte.fr", "antai.gouv.fr",
    "franceconnect.gouv.fr", "chronopost.fr", "colissimo.fr", "paypal.com", "amazon.fr",
    "netflix.com", "apple.com", "microsoft.com", "google.com", "instagram.com", "tiktok.com",
    "snapchat.com", "discord.com", "steamcommunity.com", "whatsapp.com", "facebook.com",
    "gov.uk", "royalmail.com", "nhs.uk",
)
SHORTENERS = frozenset({"bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "cutt.ly",
                        "shorturl.at", "rebrand.ly", "tiny.cc"})
DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})  # dots IDNA treats as "."
# Characters that look like Latin letters or digits read as such (a small confusables table).
LOOKS_LIKE = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ο": "o", "α": "a", "ν": "v", "ι": "i", "κ": "k",
    "ρ": "p", "τ": "t", "0": "o", "1": "l", "3": "e", "5": "s", "é": "e", "è": "e", "ê": "e",
})
URL = re.compile(r"(?i)\b(?:(?:https?|hxxps?|ftp):[/\\]{0,3}|www\.)[^\s<>\"'«»]+")
BARE_HOST = re.compile(r"(?i)(?<![\w@.-])(?:[\w-]+\.)+[\w-]{2,}(?:[/:?#][^\s<>\"'«»]*)?")


@dataclass(frozen=True)
class Inspection:
    """What a piece of text really points to.

    ``host`` is the full host name (Unicode form), ``domain`` its registered domain (or the IP
    address), ``prefix`` what is written before it; ``tricks`` the ids of the tricks found, and
    ``imitates`` the genuine address a look-alike copies, if any.
    """

    text: str
    host: str = ""
    domain: str = ""
    prefix: str = ""
    tricks: tuple[str, ...] = ()
    imitates: str = ""
    details: dict[str, str] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return bool(self.domain)


def _first_link(text: str) -> str:
    """The first thing in ``text`` that a phone would turn into a link."""
    for pattern in (URL, BARE_HOST):
        for match in pattern.finditer(text):
            candidate = match.group(0).rstrip(".,;:!?)]}»")
            if pattern is URL or _suffix_length(_labels(_authority(candidate)[1])):
                return candidate
    return ""


def _authority(link: str) -> tuple[str, str]:
    """Split a link's authority into user information (before ``@``) and host."""
    rest = re.sub(r"(?i)^(?:https?|hxxps?|ftp):[/\\]*", "", link, count=1)
    authority = re.split(r"[/\\?#]", rest, maxsplit=1)[0]
    userinfo, _, host = authority.rpartition("@")  # browsers keep what follows the last @
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1 or not _is_ip(host):
        host = host.split(":", 1)[0]
    host = unquote(host, errors="replace").translate(DOTS).strip().strip(".").lower()
    return userinfo, host


def _labels(host: str) -> list[str]:
    return [label for label in host.split(".") if label]


def _valid_length(host: str) -> bool:
    """Within the DNS limits (253 characters, 63 per label): anything longer leads nowhere."""
    return 0 < len(host) <= 253 and all(len(label) <= 63 for label in host.split("."))


def _is_ip(host: str) -> bool:
    """An IPv4 or IPv6 address, including the number-only forms browsers accept."""
    if re.fullmatch(r"(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}", host):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _to_ascii(label: str) -> str:
    """A label as the DNS sees it: non-ASCII labels become ``xn--`` (Punycode)."""
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")


def _to_unicode(label: str) -> str:
    """A label as a person reads it: ``xn--`` labels decoded when they are valid."""
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return label
    return label


def _suffix_length(labels: list[str]) -> int:
    """How many trailing labels form the public suffix (0 if the last one is no known ending)."""
    ascii_labels = [_to_ascii(label) for label in labels]
    for size in range(min(len(labels), 3), 0, -1):
        if ".".join(ascii_labels[-size:]) in PUBLIC_SUFFIXES:
            return size
    return 0


def _scripts(word: str) -> set[str]:
    """The alphabets (Latin, Cyrillic, Greek...) of the letters in ``word``."""
    return {unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in word if ch.isalpha()}


def _skeleton(name: str) -> str:
    """What a name looks like at a glance: look-alike letters and digits read as Latin."""
    return name.translate(LOOKS_LIKE).replace("rn", "m").replace("vv", "w")


def _close(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _imitation(domain: str, prefix: str) -> tuple[str, str]:
    """Which genuine address ``domain`` imitates, and how (look-alike, brand, sub-domain)."""
    if domain in GENUINE_DOMAINS or any(domain.endswith("." + g) for g in GENUINE_DOMAINS):
        return "", ""
    name = domain.split(".", 1)[0]
    for genuine in GENUINE_DOMAINS:
        brand = genuine.split(".", 1)[0]
        if len(brand) < 3:
            continue
        if _skeleton(name) == _skeleton(brand) or (len(brand) > 4 and _close(name, brand)):
            return genuine, "lookalike"
        if prefix and (genuine in prefix or re.search(rf"(^|[.-]){brand}([.-]|$)", prefix)):
            return genuine, "subdomain"
        if re.search(rf"(^|-){re.escape(brand)}(-|$)", name) or \
                (len(brand) > 4 and brand in name):
            return genuine, "brand-in-name"
    return "", ""


def inspect_link(text: Any) -> Inspection:
    """Read any value as a message or a link and say where its first link really goes.

    Never raises: empty text, plain sentences and hostile input give an answer too.
    """
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    tricks: list[str] = []
    if len(raw) > MAX_INPUT:
        raw, tricks = raw[:MAX_INPUT], ["too-long"]
    raw = raw.strip()
    if not raw:
        return Inspection(text=raw, tricks=("empty",))
    link = _first_link(raw)
    userinfo, host = _authority(link) if link else ("", "")
    if not _valid_length(host):
        return Inspection(text=raw, tricks=tuple(tricks + ["no-link"]))
    details = {}
    if userinfo:
        tricks.append("userinfo")
        details["userinfo"] = unquote(userinfo, errors="replace")
    if _is_ip(host):
        return Inspection(text=raw, host=host, domain=host, tricks=tuple(tricks + ["ip-address"]),
                          details=details)
    labels = _labels(host)
    readable = [_to_unicode(label) for label in labels]
    if any(label.startswith("xn--") for label in labels) or not host.isascii():
        tricks.append("punycode")
        details["ascii"] = ".".join(_to_ascii(label) for label in readable)
    size = _suffix_length(labels) or 1
    cut = max(len(labels) - size - 1, 0)
    domain, prefix = ".".join(readable[cut:]), ".".join(readable[:cut])
    if any(len(_scripts(label)) > 1 for label in readable):
        tricks.append("mixed-scripts")
    if domain in SHORTENERS:
        tricks.append("shortener")
    imitates, how = _imitation(domain, prefix)
    if how:
        tricks.append(how)
    elif prefix and _suffix_length(prefix.split(".")):
        tricks.append("subdomain")
    if len(host) > LONG_HOST:
        tricks.append("long-host")
    return Inspection(text=raw, host=".".join(readable), domain=domain, prefix=prefix,
                      tricks=tuple(dict.fromkeys(tricks)), imitates=imitates, details=details)


EXPLANATIONS = words("link_inspector.EXPLANATIONS", {
    "empty": {"fr": "Il n'y a rien à lire : il faut coller un lien ou un message.",
              "en": "There is nothing to read: paste a link or a message."},
    "no-link": {"fr": "Je ne trouve pas de lien dans ce texte.",
                "en": "I can't find a link in this text."},
    "too-long": {"fr": "Ce texte est très long : seul son début a été lu.",
                 "en": "This text is very long: only its start was read."},
    "domain": {"fr": "Le vrai domaine est {domain}. C'est lui qui décide où mène le lien.",
               "en": "The real domain is {domain}. It decides where the link goes."},
    "userinfo": {"fr": "Piège de l'arobase : tout ce qui est avant le @ ({userinfo}) est ignoré. "
                       "Le lien mène à {domain}.",
                 "en": "The @ trick: everything before the @ ({userinfo}) is ignored. "
                       "The link goes to {domain}."},
    "ip-address": {"fr": "Pas de nom, juste des chiffres : une adresse IP. Les vrais services "
                         "donnent un nom, pas des chiffres.",
                   "en": "No name, only numbers: an IP address. Real services give a name, "
                         "not numbers."},
    "punycode": {"fr": "Ce nom utilise des lettres d'autres alphabets. L'ordinateur le lit "
                       "{ascii}.",
                 "en": "This name uses letters from other alphabets. The computer reads it "
                       "as {ascii}."},
    "mixed-scripts": {"fr": "Des lettres de plusieurs alphabets sont mélangées : une lettre "
                            "peut en imiter une autre.",
                      "en": "Letters from several alphabets are mixed: one letter can "
                            "imitate another."},
    "lookalike": {"fr": "Ce nom imite {imitates}, à une lettre près. Ce n'est pas le même site.",
                  "en": "This name imitates {imitates}, one letter apart. It is not the same "
                        "site."},
    "subdomain": {"fr": "Le début ({prefix}) n'est qu'un décor. Le domaine se lit à la fin, "
                        "juste avant le premier /.",
                  "en": "The start ({prefix}) is only decoration. The domain is read at the "
                        "end, just before the first /."},
    "brand-in-name": {"fr": "Le nom contient « {brand} », mais ce n'est pas {imitates}. "
                            "N'importe qui peut acheter un tel nom.",
                      "en": "The name contains “{brand}”, but it is not {imitates}. Anyone "
                            "can buy such a name."},
    "shortener": {"fr": "Lien raccourci : on ne voit pas où il mène avant de cliquer.",
                  "en": "Shortened link: you can't see where it goes before you click."},
    "no-trick": {"fr": "Pas de piège visible dans l'adresse. Une question reste à se poser : "
                       "est-ce bien le site attendu ?",
                 "en": "No visible trick in the address. Still ask yourself: is it the site "
                       "I expected?"},
    "long-host": {"fr": "Adresse très longue : sur un téléphone, la fin, qui compte, est cachée.",
                  "en": "Very long address: on a phone, the end, which matters, is hidden."},
})


def explain(inspection: Inspection, lang: str) -> list[str]:
    """The inspection in plain sentences, first the real domain, then each trick."""
    lang = lang if lang in ("fr", "en") else "en"
    values = {"domain": inspection.domain, "prefix": inspection.prefix,
              "imitates": inspection.imitates,
              "brand": inspection.imitates.split(".", 1)[0],
              "userinfo": inspection.details.get("userinfo", ""),
              "ascii": inspection.details.get("ascii", "")}
    keys = (["domain"] if inspection.found else []) + list(inspection.tricks)
    if inspection.found and not inspection.tricks:
        keys.append("no-trick")
    return [EXPLANATIONS.say(key, lang, **values) for key in keys]


def highlight(inspection: Inspection) -> str:
    """The host as HTML with the registered domain marked (words say it too, not only colour).

    What comes before an ``@`` is shown struck through: the browser throws it away.
    """
    if not inspection.found:
        return ""
    ignored = inspection.details.get("userinfo", "")
    ignored = f"<del class='course-link-ignored'>{html.escape(ignored + '@')}</del>" \
        if ignored else ""
    prefix = html.escape(inspection.prefix + "." if inspection.prefix else "")
    return (f"{ignored}<span class='course-link-prefix'>{prefix}</span>"
            f"<mark class='course-link-domain'>{html.escape(inspection.domain)}</mark>")


LABELS = words("link_inspector.LABELS", {
    "field": {"fr": "Lien ou message à inspecter", "en": "Link or message to inspect"},
    "button": {"fr": "Inspecter", "en": "Inspect"},
    "host": {"fr": "Adresse lue :", "en": "Address read:"},
})


class LinkInspector(CourseWidget):
    """A text field and a button; the Python side inspects and sends back plain sentences.

    ``query`` is the text in the field; each press of the button inspects it (again), so the
    learner sees a result only after asking for one.
    """

    _esm = front_end("link_inspector.js")
    _css = STATIC / "link_inspector.css"

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    result = traitlets.Dict().tag(sync=True)

    def __init__(self, lang: str, query: str = "", **kwargs: Any):
        super().__init__(lang=lang, labels=LABELS.voiced(lang), query=query, **kwargs)

    def handle(self, event: dict[str, Any]) -> None:
        if event.get("event") == "inspect":
            self.query = str(event.get("query", ""))
            self.inspect()

    def inspect(self) -> None:
        """What the button does: inspect the field's text and show the answer."""
        inspection = inspect_link(self.query)
        self.result = {"host": highlight(inspection),
                       "sentences": explain(inspection, self.lang),
                       "tricks": list(inspection.tricks)}


def link_inspector(query: str = "") -> LinkInspector:
    """The inspector in the running notebook's language (what a lesson cell calls)."""
    from course.learner import current

    return LinkInspector(current().lang, query)
