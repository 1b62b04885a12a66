"""Writes images/hero-large.png: ~1.5 MB of noise, so it cannot compress (a too-heavy hero)."""

import os
import random
import struct
import zlib


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(path: str, width: int = 800, height: int = 640, seed: int = 3) -> None:
    """A seeded noise image: the same bytes every time."""
    rng = random.Random(seed)
    rows = (b"\x00" + bytes(rng.getrandbits(8) for _ in range(width * 3)) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"".join(rows), 9)
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header))
        file.write(chunk(b"IDAT", body) + chunk(b"IEND", b""))


if __name__ == "__main__":
    png(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hero-large.png"))
