"""Draw the fictional photos of module 04 and their later copies (run once; files are committed).

Nothing is taken from the web: each "photo" is a simple scene drawn with Pillow. Originals get
EXIF metadata written by the project (date, a made-up camera, made-up GPS coordinates); later
copies are what social networks make of a photo: resized, cropped, recompressed, a caption
banner added, metadata gone, sometimes an element pasted in. Usage:

    .venv/bin/python scripts/draw_module04_images.py modules/04-images-videos/data/images
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = (480, 320)
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
MAKE, MODEL, SOFTWARE, DATETIME_ORIGINAL = 0x010F, 0x0110, 0x0131, 0x9003


def street(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Sky, a row of houses with windows and roofs, a pavement."""
    draw.rectangle((0, 0, 480, 320), fill=(150, 190, 225))
    x = 0
    while x < 480:
        width, height = rng.randint(70, 110), rng.randint(110, 170)
        colour = rng.choice([(205, 170, 130), (220, 210, 190), (180, 120, 100), (230, 200, 150)])
        draw.rectangle((x, 240 - height, x + width - 4, 240), fill=colour, outline=(60, 50, 40))
        draw.polygon([(x - 4, 240 - height), (x + width // 2, 200 - height),
                      (x + width, 240 - height)], fill=(120, 60, 50))
        for wx in range(x + 10, x + width - 20, 28):
            for wy in range(250 - height, 220, 36):
                draw.rectangle((wx, wy, wx + 14, wy + 20), fill=(70, 90, 120))
        x += width
    draw.rectangle((0, 240, 480, 320), fill=(110, 110, 110))


def flood(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    street(draw, rng)
    draw.rectangle((0, 205, 480, 320), fill=(95, 120, 110))  # brown-green water over the street
    for _ in range(40):
        x, y = rng.randint(0, 470), rng.randint(210, 315)
        draw.line((x, y, x + rng.randint(8, 25), y), fill=(150, 170, 160), width=2)
    draw.rectangle((60, 120, 66, 260), fill=(40, 40, 40))  # a street lamp standing in the water
    draw.ellipse((50, 108, 76, 128), fill=(240, 220, 120))
    return image


def crowd(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", SIZE, (25, 25, 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle((90, 40, 390, 150), fill=(60, 40, 90), outline=(230, 230, 230), width=3)
    for x in (120, 240, 360):  # stage lights
        draw.polygon([(x, 40), (x - 50, 150), (x + 50, 150)], fill=(120, 100, 150))
    for _ in range(260):  # heads and shoulders of a crowd
        x, y = rng.randint(-10, 480), rng.randint(160, 330)
        skin = rng.choice([(240, 200, 170), (200, 150, 110), (140, 95, 70), (90, 60, 45)])
        draw.ellipse((x, y - 30, x + 60, y + 20), fill=rng.choice(
            [(200, 40, 40), (40, 90, 180), (230, 230, 230), (30, 140, 70)]))
        draw.ellipse((x + 18, y - 52, x + 42, y - 26), fill=skin)
    return image


def footbridge(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", SIZE, (170, 205, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 200, 480, 320), fill=(70, 120, 160))  # river
    draw.rectangle((0, 170, 80, 320), fill=(90, 140, 70))
    draw.rectangle((400, 170, 480, 320), fill=(90, 140, 70))
    draw.arc((60, 110, 420, 290), 180, 360, fill=(240, 240, 240), width=8)
    draw.rectangle((70, 185, 410, 195), fill=(200, 200, 200))
    for x in range(90, 400, 20):
        draw.line((x, 186, x, 200 - abs(240 - x) // 3 - 40), fill=(230, 230, 230), width=2)
    for _ in range(12):  # people on the bridge
        x = rng.randint(100, 380)
        draw.rectangle((x, 165, x + 6, 185), fill=rng.choice([(200, 40, 40), (40, 40, 160)]))
    draw.ellipse((380, 20, 440, 80), fill=(250, 230, 120))
    return image


def beach(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", SIZE, (140, 200, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 150, 480, 230), fill=(40, 110, 170))
    draw.rectangle((0, 230, 480, 320), fill=(235, 215, 160))
    draw.ellipse((60, 30, 120, 90), fill=(255, 225, 100))
    draw.polygon([(300, 230), (340, 120), (380, 230)], fill=(220, 60, 60))  # a beach umbrella
    draw.line((340, 120, 340, 280), fill=(90, 70, 50), width=4)
    for _ in range(30):
        x, y = rng.randint(0, 470), rng.randint(240, 315)
        draw.ellipse((x, y, x + 4, y + 3), fill=(200, 180, 130))
    return image


def shark_fin(image: Image.Image) -> Image.Image:
    """Paste a shark's fin in the flood water: a manipulated copy."""
    fake = image.copy()
    draw = ImageDraw.Draw(fake)
    draw.polygon([(250, 250), (285, 195), (300, 250)], fill=(80, 85, 95))
    draw.line((240, 252, 315, 252), fill=(200, 210, 210), width=3)
    return fake


def shared_copy(image: Image.Image, crop: int = 12, banner: bool = True,
                scale: float = 0.8) -> Image.Image:
    """What a network makes of a photo: cropped a little, smaller, a caption banner, no EXIF."""
    width, height = image.size
    copy = image.crop((crop, crop, width - crop, height - crop))
    copy = copy.resize((int(copy.width * scale), int(copy.height * scale)))
    if banner:
        draw = ImageDraw.Draw(copy)
        draw.rectangle((0, copy.height - 26, copy.width, copy.height), fill=(20, 20, 20))
        for x in range(10, copy.width - 40, 14):  # blurred "text" of the caption
            draw.rectangle((x, copy.height - 17, x + 9, copy.height - 9), fill=(235, 235, 235))
    return copy


def with_exif(date: str, model: str, gps: tuple[float, float] | None) -> Image.Exif:
    """EXIF written by the project: a made-up camera, the date, perhaps made-up GPS."""
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[SOFTWARE] = "Fictiphone", model, "Fictiphone Camera 3.1"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = date
    if gps:
        lat, lon = gps
        exif.get_ifd(GPS_IFD).update({
            1: "N" if lat >= 0 else "S", 2: _dms(abs(lat)),
            3: "E" if lon >= 0 else "W", 4: _dms(abs(lon)),
        })
    return exif


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)


def save_pictures(out: Path, files: dict[str, tuple[Image.Image, Image.Exif | None]]) -> None:
    """Save each picture as the course's JPEG (same quality everywhere), with its EXIF if any."""
    for name, (image, exif) in files.items():
        options = {"quality": 80, "optimize": True}
        if exif is not None:
            options["exif"] = exif
        image.save(out / name, **options)
        print(name, (out / name).stat().st_size, "bytes")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    flood_photo = flood(random.Random(2019))
    crowd_photo = crowd(random.Random(2021))
    bridge_photo = footbridge(random.Random(2025))
    beach_photo = beach(random.Random(7))
    files = {
        "flood-2019-original.jpg": (flood_photo, with_exif("2019:11:12 08:41:05", "F8",
                                                             (44.512, 4.238))),
        "flood-2020-blog.jpg": (shared_copy(flood_photo, crop=4, banner=False, scale=0.7), None),
        "flood-2025-viral.jpg": (shared_copy(flood_photo), None),
        "shark-2025-viral.jpg": (shared_copy(shark_fin(flood_photo)), None),
        "crowd-2021-original.jpg": (crowd_photo, with_exif("2021:06:21 22:15:40", "F10", None)),
        "crowd-2022-forum.jpg": (shared_copy(crowd_photo, crop=6, banner=False), None),
        "crowd-2025-viral.jpg": (shared_copy(crowd_photo, crop=16), None),
        "bridge-2025-original.jpg": (bridge_photo, with_exif("2025:05:10 11:02:17", "F12",
                                                              None)),
        "bridge-2025-paper.jpg": (shared_copy(bridge_photo, crop=8, banner=False), None),
        "beach-holiday.jpg": (beach_photo, with_exif("2025:08:03 16:20:51", "F12",
                                                      (43.291, 5.402))),
    }
    save_pictures(out, files)


DEFAULT_OUT = Path(__file__).resolve().parent.parent / "modules/04-images-videos/data/images"

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
