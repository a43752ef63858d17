"""Draw the gallery of module 09 (run once; files are committed).

Every picture is a simple scene drawn with Pillow, reusing module 04's scenes: the "real
photos" and the "made by AI" ones are drawn alike on purpose, so that nothing in the pixels
gives the answer away. What decides, in the gallery, is the context written beside each one
(who posted it first, what other sources say, the label), as with next year's generators.
Usage:

    .venv/bin/python scripts/draw_module09_images.py modules/09-fabrique-ia/data/gallery
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from draw_module04_images import SIZE, beach, crowd, footbridge, save_pictures, street
from PIL import Image, ImageDraw


def snowy_beach(rng: random.Random) -> Image.Image:
    """The beach of module 04 under snow: a made-up "photo" of an August snowfall."""
    image = beach(rng)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 230, 480, 320), fill=(240, 244, 250))
    for _ in range(220):
        x, y = rng.randint(0, 478), rng.randint(0, 318)
        draw.ellipse((x, y, x + 3, y + 3), fill=(255, 255, 255))
    return image


def town_hall(rng: random.Random, fire: bool = False, market: bool = False) -> Image.Image:
    """A street with a town hall and its flag; with ``fire``, smoke and flames at the windows;
    with ``market``, striped stalls in front of it."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    street(draw, rng)
    draw.rectangle((150, 90, 330, 240), fill=(225, 215, 195), outline=(60, 50, 40), width=2)
    draw.polygon([(140, 90), (240, 40), (340, 90)], fill=(110, 110, 130))
    draw.line((240, 40, 240, 10), fill=(40, 40, 40), width=3)
    draw.rectangle((241, 10, 270, 28), fill=(40, 60, 160))
    for x in range(165, 320, 40):
        draw.rectangle((x, 110, x + 22, 140), fill=(70, 90, 120))
    draw.rectangle((220, 190, 260, 240), fill=(90, 60, 40))
    if fire:
        for x in range(165, 320, 40):
            draw.polygon([(x, 140), (x + 11, 95), (x + 22, 140)], fill=(240, 120, 30))
        for _ in range(40):
            x, y = rng.randint(140, 340), rng.randint(0, 90)
            draw.ellipse((x, y, x + 40, y + 30), fill=(90, 90, 90))
    if market:
        for x in range(20, 460, 95):
            colour = rng.choice([(200, 40, 40), (40, 110, 180), (40, 140, 70)])
            for stripe in range(x, x + 80, 16):
                draw.rectangle((stripe, 246, stripe + 8, 262), fill=colour)
                draw.rectangle((stripe + 8, 246, stripe + 16, 262), fill=(245, 245, 245))
            draw.rectangle((x + 4, 262, x + 76, 290), fill=(150, 110, 70))
            for _ in range(5):
                fx = rng.randint(x + 8, x + 68)
                fruit = rng.choice([(230, 120, 30), (200, 30, 40), (90, 160, 50)])
                draw.ellipse((fx, 264, fx + 8, 272), fill=fruit)
    return image


def doctor(rng: random.Random) -> Image.Image:
    """A smiling person in a white coat holding a jar: the face of a sponsored post."""
    image = Image.new("RGB", SIZE, (215, 230, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 480, 320), fill=(180, 190, 200))
    draw.polygon([(150, 320), (180, 190), (300, 190), (330, 320)], fill=(250, 250, 250))
    draw.ellipse((195, 70, 285, 180), fill=rng.choice([(240, 200, 170), (200, 150, 110)]))
    draw.ellipse((218, 110, 230, 122), fill=(40, 40, 40))
    draw.ellipse((250, 110, 262, 122), fill=(40, 40, 40))
    draw.arc((220, 130, 260, 160), 20, 160, fill=(150, 60, 60), width=3)
    draw.rectangle((320, 200, 370, 260), fill=(60, 160, 90), outline=(30, 80, 40), width=2)
    draw.rectangle((320, 190, 370, 205), fill=(230, 230, 230))
    return image


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "footbridge-town-hall.jpg": footbridge(random.Random(2025)),
        "snow-beach.jpg": snowy_beach(random.Random(8)),
        "town-hall-fire.jpg": town_hall(random.Random(3), fire=True),
        "concert-photographer.jpg": crowd(random.Random(2024)),
        "doctor-ad.jpg": doctor(random.Random(5)),
        "market-day.jpg": town_hall(random.Random(11), market=True),
    }
    save_pictures(out, {name: (image, None) for name, image in files.items()})


DEFAULT_OUT = Path(__file__).resolve().parent.parent / "modules/09-fabrique-ia/data/gallery"

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
