"""Writes images/hero-large.png: ~1.5 MB of noise, so it cannot compress (a too-heavy hero)."""
import os, random, struct, zlib
def png(path, width=800, height=640, seed=3):
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + bytes(rng.getrandbits(8) for _ in range(width * 3)) for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
if __name__ == "__main__":
    png(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hero-large.png"))
