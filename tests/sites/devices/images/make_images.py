"""Writes the device fixtures' pictures: large photos-to-be (seeded blocks of colour), so a
page can ship far more pixels than a phone shows, and their phone-sized versions."""

import os
import random
import struct
import zlib


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(path: str, width: int, height: int, block: int = 8, seed: int = 5) -> None:
    """Blocks of seeded colour `block` px square: the same bytes every time."""
    rng = random.Random(seed)
    rows = []
    for _ in range(0, height, block):
        row = b"".join(
            bytes(rng.getrandbits(8) for _ in range(3)) * block for _ in range(0, width, block)
        )
        row = row[: width * 3]
        rows.append(b"\x00" + row)
        rows.extend(b"\x02" + bytes(width * 3) for _ in range(block - 1))  # "up": same as above
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"".join(rows[:height]), 9)
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header))
        file.write(chunk(b"IDAT", body) + chunk(b"IEND", b""))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name, (width, height) in {
        "trail-2400.png": (2400, 1600),
        "trail-1200.png": (1200, 800),
        "trail-600.png": (600, 400),
    }.items():
        png(os.path.join(here, name), width, height)
    png(os.path.join(here, "icon-64.png"), 64, 64, block=4)
