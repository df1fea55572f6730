"""Draws the site icon (eventwire/web/static/favicon.ico): a dark square with a wire and an event dot.

Pure Python (zlib + struct): a 32x32 and a 16x16 PNG inside one ICO file.  Run it again after changing
the drawing: ``python scripts/make_favicon.py``.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "web" / "static" / "favicon.ico"
BACKGROUND = (24, 52, 74, 255)   # the site's header colour
WIRE = (236, 240, 243, 255)
EVENT = (231, 111, 81, 255)


def pixel(x: float, y: float) -> tuple[int, int, int, int]:
    """Colour at (x, y) in a unit square: rounded background, a horizontal wire, a dot on it."""
    r = 0.18
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    if (x - 0.62) ** 2 + (y - 0.5) ** 2 < 0.17 ** 2:
        return EVENT
    if abs(y - 0.5) < 0.06 and 0.14 < x < 0.86:
        return WIRE
    return BACKGROUND


def png(size: int) -> bytes:
    rows = b"".join(b"\0" + b"".join(bytes(pixel((i + 0.5) / size, (j + 0.5) / size)) for i in range(size))
                    for j in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(sizes=(32, 16)) -> bytes:
    images = [png(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in zip(sizes, images):
        out += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


if __name__ == "__main__":
    OUT.write_bytes(ico())
