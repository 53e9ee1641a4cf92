#!/usr/bin/env python3
"""Fail when a screenshot is blank: one colour, or too few to be a rendered page of text.
With --narrow, also fail when a phone-width screenshot keeps the sidebar beside the text: the
sidebar's colour filling the left of the bottom rows, where the page's text should be.

usage: check_screenshot.py [--narrow] PNG [PNG ...]
Exit status: 0 every image shows content, 1 one is blank or squeezed, 2 unreadable.
"""
import sys

from PIL import Image


SIDEBAR = (0xF7, 0xF8, 0xFB)


def squeezed(image):
    """Whether the sidebar's colour fills most of the left half of the bottom tenth."""
    rows = range(image.height * 9 // 10, image.height)
    columns = range(0, image.width // 2)
    sidebar = sum(1 for y in rows for x in columns if image.getpixel((x, y)) == SIDEBAR)
    return sidebar > 0.8 * len(rows) * len(columns)


def main(arguments):
    narrow = "--narrow" in arguments
    paths = [path for path in arguments if path != "--narrow"]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            image = Image.open(path).convert("RGB")
        except OSError as error:
            print(f"{path}: cannot read: {error}")
            return 2
        colours = image.getcolors(maxcolors=1 << 20) or []
        background = max(colours)[1] if colours else None
        ink = sum(count for count, colour in colours if colour != background)
        share = ink / (image.width * image.height)
        verdict = "ok" if len(colours) >= 16 and share >= 0.01 else "BLANK"
        if verdict == "ok" and narrow and squeezed(image):
            verdict = "SIDEBAR BESIDE THE TEXT"
        print(f"{path}: {image.width}x{image.height}, {len(colours)} colours, {share:.1%} non-background: {verdict}")
        if verdict != "ok":
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
