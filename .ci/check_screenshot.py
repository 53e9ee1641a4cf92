#!/usr/bin/env python3
"""Fail when a screenshot is blank: one colour, or too few to be a rendered page of text.

usage: check_screenshot.py PNG [PNG ...]
Exit status: 0 every image shows content, 1 one is blank, 2 unreadable.
"""
import sys

from PIL import Image


def main(paths):
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
        print(f"{path}: {image.width}x{image.height}, {len(colours)} colours, {share:.1%} non-background: {verdict}")
        if verdict != "ok":
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
