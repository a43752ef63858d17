"""Draw the pictures of module 10's crisis feed (run once; files are committed).

The crisis is made up: an explosion at the Chimex factory of Valmont, on 14 March 2026. Its
feed holds three kinds of pictures, drawn with Pillow from module 04's and 09's scenes:
old footage of another fire, far away and years before, re-shared as "tonight's explosion"
(the reverse-image search finds the older copy); the local paper's photo of the day (no older
copy, which proves nothing either way); and the paper's own archive photo of the factory,
re-used and labelled as such (an older copy, honestly said). Usage:

    .venv/bin/python scripts/draw_module10_images.py modules/10-complots-crise/data/images
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from draw_module04_images import SIZE, save_pictures, shared_copy, with_exif
from draw_module09_images import town_hall
from PIL import Image, ImageDraw


def factory(rng: random.Random, smoke: bool) -> Image.Image:
    """A factory with two chimneys behind a fence; with ``smoke``, a dark cloud and flames."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 480, 320), fill=(170, 185, 200) if smoke else (150, 190, 225))
    draw.rectangle((60, 120, 420, 250), fill=(160, 160, 165), outline=(60, 60, 60), width=2)
    for x in (110, 330):
        draw.rectangle((x, 40, x + 26, 120), fill=(120, 110, 105), outline=(50, 50, 50))
    for x in range(80, 400, 48):
        draw.rectangle((x, 150, x + 26, 180), fill=(70, 90, 120))
    draw.rectangle((0, 250, 480, 320), fill=(105, 115, 100))
    for x in range(0, 480, 16):
        draw.line((x, 236, x, 262), fill=(60, 60, 60), width=2)
    draw.line((0, 240, 480, 240), fill=(60, 60, 60), width=2)
    if smoke:
        for _ in range(60):
            x, y = rng.randint(150, 420), rng.randint(0, 130)
            draw.ellipse((x, y, x + 60, y + 40), fill=rng.choice([(70, 70, 75), (95, 95, 100)]))
        for x in range(200, 330, 30):
            draw.polygon([(x, 125), (x + 15, 70), (x + 30, 125)], fill=(240, 130, 30))
    return image


def far_fire(rng: random.Random) -> Image.Image:
    """Another fire, elsewhere and years before: a warehouse in flames in a street at night."""
    image = town_hall(rng, fire=True)
    dark = Image.new("RGB", SIZE, (20, 20, 45))
    return Image.blend(image, dark, 0.35)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    old_fire = far_fire(random.Random(2015))
    archive = factory(random.Random(2019), smoke=False)
    # the photo of the day is a closer shot: nothing in it matches the archive photo
    today = factory(random.Random(2026), smoke=True).crop((150, 10, 450, 210)).resize(SIZE)
    files = {
        "fire-2015-original.jpg": (old_fire, with_exif("2015:08:02 23:10:44", "F6", None)),
        "fire-2026-viral.jpg": (shared_copy(old_fire, crop=14), None),
        "factory-2019-archive.jpg": (archive, with_exif("2019:05:21 10:30:12", "F8", None)),
        "factory-2026-archive.jpg": (shared_copy(archive, crop=6, banner=False), None),
        "factory-2026-paper.jpg": (today, with_exif("2026:03:14 06:52:03", "F12", None)),
        "factory-2026-prefecture.jpg": (shared_copy(today, crop=10, banner=False), None),
    }
    save_pictures(out, files)


DEFAULT_OUT = Path(__file__).resolve().parent.parent / "modules/10-complots-crise/data/images"

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
