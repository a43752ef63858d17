"""Simulated reverse-image search and a photo-metadata (EXIF) reader, over the project's images.

To trace a picture (the T of SIFT), fact-checkers search the web for the same image and look
for its earliest copy: an old photo re-shared with a new story (false context), or an original
without the element someone pasted in (manipulated). The search here really compares images:
each one is reduced to a 64-bit difference hash, which survives resizing, a small crop,
recompression and a caption banner; copies are the images whose hashes differ by few bits.
The metadata reader shows what a photo file can tell (date, camera, GPS position) and that
shared copies usually carry none.

Images are drawn by ``scripts/draw_module04_images.py`` and listed in the module's
``data/images.yml``; every image, site and position is fictional. The pure functions are
tested without a browser; ``ImageTracer`` is the widget around them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import traitlets
import yaml
from PIL import Image, UnidentifiedImageError

from ..localize import typeset, words
from ..widgets import STATIC, CourseWidget, front_end

DEFAULT_DATA = Path("data") / "images.yml"  # where a built notebook finds its module's data
HASH_SIZE = 8
SAME_IMAGE = 18  # at most this many of the 64 bits differ between copies of one photo
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
MAKE, MODEL, SOFTWARE, DATETIME_ORIGINAL = 0x010F, 0x0110, 0x0131, 0x9003


@dataclass(frozen=True)
class Picture:
    """One image of the simulated web, in one language."""

    id: str
    path: Path
    site: str
    date: str
    caption: str
    start: bool


def load_pictures(path: Path | str, lang: str) -> dict[str, Picture]:
    """The module's images by id; raises ``ValueError`` on a missing file or a real image."""
    where = Path(path)
    data = yaml.safe_load(where.read_text(encoding="utf-8"))
    pictures = {}
    for raw in data["images"]:
        if raw.get("fictional") is not True:
            raise ValueError(f"image {raw['id']}: every image must say 'fictional: true'")
        file = where.parent / raw["file"]
        if not file.is_file():
            raise ValueError(f"image {raw['id']}: {raw['file']} is missing")
        pictures[raw["id"]] = Picture(raw["id"], file, raw["site"], str(raw["date"]),
                                      typeset(raw["caption"][lang], lang),
                                      bool(raw.get("start", False)))
    return pictures


def difference_hash(path: Path) -> int:
    """64 bits saying, row by row, whether each point is brighter than its right neighbour.

    Shrinking the image to 9 x 8 grey points first is what makes the hash survive resizing,
    recompression and small edits.
    """
    with Image.open(path) as image:
        small = image.convert("L").resize((HASH_SIZE + 1, HASH_SIZE), Image.Resampling.LANCZOS)
        points = [small.getpixel((x, y)) for y in range(HASH_SIZE)
                  for x in range(HASH_SIZE + 1)]
    bits = 0
    for row in range(HASH_SIZE):
        for col in range(HASH_SIZE):
            left = points[row * (HASH_SIZE + 1) + col]
            bits = bits << 1 | (left > points[row * (HASH_SIZE + 1) + col + 1])
    return bits


def distance(a: int, b: int) -> int:
    """How many of the 64 bits differ."""
    return bin(a ^ b).count("1")


@dataclass(frozen=True)
class Match:
    """A copy found by the search, and how close it is to the searched image (0 = same)."""

    picture: Picture
    distance: int


def reverse_search(pictures: dict[str, Picture], image_id: str) -> list[Match]:
    """Every other copy of the image, the earliest first: the top of the list is the origin."""
    wanted = difference_hash(pictures[image_id].path)
    matches = []
    for picture in pictures.values():
        if picture.id == image_id:
            continue
        gap = distance(wanted, difference_hash(picture.path))
        if gap <= SAME_IMAGE:
            matches.append(Match(picture, gap))
    return sorted(matches, key=lambda m: (m.picture.date, m.distance))


def earlier_copies(pictures: dict[str, Picture], image_id: str) -> list[Match]:
    """The copies published before the searched image: the sign of a re-used picture."""
    date = pictures[image_id].date
    return [m for m in reverse_search(pictures, image_id) if m.picture.date < date]


def _decimal(dms: Any, ref: str) -> float:
    degrees, minutes, seconds = (float(part) for part in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return round(-value if ref in ("S", "W") else value, 4)


def read_metadata(path: Path | str) -> dict[str, Any]:
    """What the file says about the photo: camera, date taken, software, GPS position.

    An empty dictionary when the file has none (shared copies) or is not an image.
    """
    try:
        with Image.open(path) as image:
            exif = image.getexif()
    except (OSError, UnidentifiedImageError):
        return {}
    found: dict[str, Any] = {}
    camera = " ".join(str(exif[tag]).strip() for tag in (MAKE, MODEL) if exif.get(tag))
    if camera:
        found["camera"] = camera
    if exif.get(SOFTWARE):
        found["software"] = str(exif[SOFTWARE])
    taken = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL)
    if taken:
        day, _, clock = str(taken).partition(" ")
        found["taken"] = f"{day.replace(':', '-')} {clock}".strip()
    gps = exif.get_ifd(GPS_IFD)
    if gps.get(2) and gps.get(4):
        found["gps"] = (_decimal(gps[2], gps.get(1, "N")), _decimal(gps[4], gps.get(3, "E")))
    return found


def remove_metadata(source: Path | str, target: Path | str) -> Path:
    """Save a copy of the photo without any metadata: what to do before sharing one's own."""
    with Image.open(source) as image:
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
    clean.save(target, quality=90)
    return Path(target)


SENTENCES = words("image_tracer.SENTENCES", {
    "none": {"fr": "Ce fichier ne contient aucune métadonnée. Les réseaux sociaux les "
                   "effacent souvent : cela ne prouve rien.",
             "en": "This file holds no metadata. Social networks often remove it: that "
                   "proves nothing."},
    "taken": {"fr": "Photo prise le {date} à {time}.", "en": "Photo taken on {date} at {time}."},
    "camera": {"fr": "Appareil : {camera}.", "en": "Camera: {camera}."},
    "software": {"fr": "Logiciel : {software}.", "en": "Software: {software}."},
    "gps": {"fr": "Position GPS : {lat}, {lon}. N'importe qui peut la voir sur une carte.",
            "en": "GPS position: {lat}, {lon}. Anyone can see it on a map."},
    "caution": {"fr": "Les métadonnées peuvent être modifiées : c'est un indice, pas une "
                      "preuve.",
                "en": "Metadata can be changed: it is a clue, not proof."},
})


def describe_metadata(found: dict[str, Any], lang: str) -> list[str]:
    """The metadata in plain sentences, ending with a word of caution."""
    if not found:
        return [SENTENCES.say("none", lang)]
    lines = []
    if "taken" in found:
        date, _, clock = found["taken"].partition(" ")
        lines.append(SENTENCES.say("taken", lang, date=date, time=clock[:5]))
    for key in ("camera", "software"):
        if key in found:
            lines.append(SENTENCES.say(key, lang, **{key: found[key]}))
    if "gps" in found:
        lat, lon = found["gps"]
        lines.append(SENTENCES.say("gps", lang, lat=lat, lon=lon))
    return [*lines, SENTENCES.say("caution", lang)]


def data_url(path: Path) -> str:
    """The image inlined in the page: nothing is fetched, even from the notebook server."""
    kind = "png" if path.suffix.lower() == ".png" else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


LABELS = words("image_tracer.LABELS", {
    "legend": {"fr": "Quelle image retrouver ?",
               "en": "Which picture do you want to trace?"},
    "search": {"fr": "Rechercher cette image", "en": "Search for this picture"},
    "metadata": {"fr": "Lire les métadonnées", "en": "Read the metadata"},
    "notice": {"fr": "Recherche d'image simulée, sans internet : images, sites et dates sont "
                     "inventés pour le cours.",
               "en": "Simulated picture search, no internet: pictures, sites and dates are "
                     "made up for the course."},
    "results": {"fr": "Copies trouvées, de la plus ancienne à la plus récente",
                "en": "Copies found, from the oldest to the newest"},
    "searched": {"fr": "Image recherchée :", "en": "Picture searched:"},
    "oldest": {"fr": "La plus ancienne", "en": "The oldest"},
    "before": {"fr": "publiée avant l'image recherchée", "en": "published before the picture "
                                                               "searched"},
    "found": {"fr": "Copies trouvées : {count}. La plus ancienne date du {date}.",
              "en": "Copies found: {count}. The oldest is from {date}."},
    "alone": {"fr": "Aucune autre copie trouvée : cette image n'a pas été publiée ailleurs "
                    "avant.",
              "en": "No other copy found: this picture was not published elsewhere before."},
    "choose_first": {"fr": "Il faut d'abord choisir une image.", "en": "Choose a picture first."},
})


def labels(lang: str) -> dict[str, str]:
    """Every word the widget shows, in ``lang``."""
    return LABELS.voiced(lang)


def _card(picture: Picture, with_image: bool = True) -> dict[str, Any]:
    card = {"id": picture.id, "site": picture.site, "date": picture.date,
            "caption": picture.caption}
    if with_image:
        card["src"] = data_url(picture.path)
    return card


class ImageTracer(CourseWidget):
    """A radio group of pictures to trace, a Search button, the copies found (oldest first),
    and a Read-the-metadata button on each copy, with a live status region."""

    _esm = front_end("image_tracer.js")
    _css = STATIC / "image_tracer.css"

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    choices = traitlets.List().tag(sync=True)
    searched = traitlets.Dict().tag(sync=True)
    results = traitlets.List().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    metadata = traitlets.Dict().tag(sync=True)  # picture id -> sentences

    def __init__(self, pictures: dict[str, Picture], lang: str, **kwargs: Any):
        super().__init__(lang=lang, labels=labels(lang),
                         choices=[_card(p) for p in pictures.values() if p.start], **kwargs)
        self.pictures = pictures

    def handle(self, event: dict[str, Any]) -> None:
        if event.get("event") == "search":
            self.search(str(event.get("image") or ""))
        elif event.get("event") == "metadata":
            self.read(str(event.get("image") or ""))

    def search(self, image_id: str) -> None:
        """What the Search button does: list every copy, the oldest first."""
        if image_id not in self.pictures:
            self.status = self.labels["choose_first"]
            return
        searched = self.pictures[image_id]
        matches = reverse_search(self.pictures, image_id)
        self.searched = _card(searched, with_image=False)
        self.results = [{**_card(m.picture), "before": m.picture.date < searched.date}
                        for m in matches]
        self.metadata = {}
        if matches:
            self.status = self.labels["found"].format(count=len(matches),
                                                      date=matches[0].picture.date)
        else:
            self.status = self.labels["alone"]

    def read(self, image_id: str) -> None:
        """What a Read-the-metadata button does: say what the file tells about the photo."""
        if image_id in self.pictures:
            sentences = describe_metadata(read_metadata(self.pictures[image_id].path), self.lang)
            self.metadata = {**self.metadata, image_id: sentences}
            self.status = " ".join(sentences)


def image_tracer(data: Path | str = DEFAULT_DATA) -> ImageTracer:
    """The tracer in the running notebook's language (what a lesson cell calls)."""
    from course.learner import current

    lang = current().lang
    return ImageTracer(load_pictures(data, lang), lang)


def show_metadata(image_id: str, data: Path | str = DEFAULT_DATA) -> None:
    """Show one picture with what its metadata reveals (no interaction needed)."""
    import html

    from IPython.display import HTML, display

    from course.learner import current

    lang = current().lang
    picture = load_pictures(data, lang)[image_id]
    items = "".join(f"<li>{html.escape(line)}</li>"
                    for line in describe_metadata(read_metadata(picture.path), lang))
    display(HTML(f"<figure lang='{lang}' style='max-width:32em;margin:0.5em 0'>"
                 f"<img src='{data_url(picture.path)}' alt='{html.escape(picture.caption)}' "
                 "style='max-width:100%'>"
                 f"<figcaption>{html.escape(picture.caption)}</figcaption></figure>"
                 f"<ul lang='{lang}' style='font-size:1.1em'>{items}</ul>"))
