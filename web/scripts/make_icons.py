"""Draws the Plaza app icons (PNG) for the PWA manifest and iOS.

The mark is the one in public/favicon.svg: a white speech bubble on green holding a
2x2 grid of mini-programs. Run from anywhere with Pillow installed:

    /work/main/.venv/bin/python web/scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (7, 193, 96, 255)
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def draw_mark(draw: ImageDraw.ImageDraw, size: int, scale: float) -> None:
    """The bubble and grid, in the favicon's 64-unit space, scaled about the centre."""

    def p(x: float, y: float) -> tuple[float, float]:
        unit = size / 64
        return ((32 + (x - 32) * scale) * unit, (32 + (y - 32) * scale) * unit)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        (a, b), (c, d) = p(x0, y0), p(x1, y1)
        return (a, b, c, d)

    unit = size / 64 * scale
    draw.ellipse(box(11, 12, 53, 47), fill=WHITE)
    draw.polygon([p(18.5, 39), p(17.2, 50.5), p(27.5, 45.2), p(24, 42)], fill=WHITE)
    for x, y, radius in ((23, 20.5, 2), (33.5, 20.5, 2), (23, 31, 2), (33.5, 31, 3.75)):
        draw.rounded_rectangle(box(x, y, x + 7.5, y + 7.5), radius=radius * unit, fill=GREEN)


def icon(size: int, *, rounded: bool, scale: float) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 15 / 64, fill=GREEN)
    else:
        draw.rectangle((0, 0, big, big), fill=GREEN)
    draw_mark(draw, big, scale)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    outputs = {
        "icon-192.png": icon(192, rounded=True, scale=1.0),
        "icon-512.png": icon(512, rounded=True, scale=1.0),
        # Maskable: full bleed, the mark inside the 80% safe zone.
        "icon-maskable-512.png": icon(512, rounded=False, scale=0.78),
        # iOS rounds the corners itself and shows transparency as black.
        "apple-touch-icon.png": icon(180, rounded=False, scale=0.86).convert("RGB"),
        "favicon-32.png": icon(32, rounded=True, scale=1.0),
    }
    for name, image in outputs.items():
        image.save(OUT / name, optimize=True)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
