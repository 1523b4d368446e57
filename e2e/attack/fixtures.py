"""What the attacks upload, made at run time (nothing large is committed):
a long MP3 built by repeating one valid MPEG frame of the demo's newscast,
PNG decompression bombs, and the deepest Markdown the body limit allows.
"""
import os
import struct
import zlib

# MPEG-1/2/2.5 Layer III bit rates (kbit/s) and sample rates (Hz).
_BITRATES = {
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],  # MPEG-1
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],  # MPEG-2
    0: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],  # MPEG-2.5
}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


def _frame_length(h):
    """Length of the Layer III frame whose 4 header bytes are h, or 0."""
    if h[0] != 0xFF or (h[1] & 0xE0) != 0xE0:
        return 0
    version = (h[1] >> 3) & 3
    layer = (h[1] >> 1) & 3
    bitrate_i, rate_i, padding = h[2] >> 4, (h[2] >> 2) & 3, (h[2] >> 1) & 1
    if version == 1 or layer != 1 or bitrate_i in (0, 15) or rate_i == 3:
        return 0
    bitrate = _BITRATES[version][bitrate_i] * 1000
    rate = _RATES[version][rate_i]
    per = 144 if version == 3 else 72
    return per * bitrate // rate + padding


def mp3_frame(source):
    """One unpadded audio frame from the middle of an MP3 file."""
    data = open(source, "rb").read()
    pos = 0
    if data[:3] == b"ID3":
        size = data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]
        pos = 10 + size
    frames = []
    while pos + 4 <= len(data):
        n = _frame_length(data[pos:pos + 4])
        if n == 0:
            break
        frames.append(data[pos:pos + n])
        pos += n
    # Skip the first frames (a Xing or LAME header may sit in the first).
    for f in frames[len(frames) // 2:] + frames:
        if not (f[2] >> 1) & 1 and b"Xing" not in f and b"Info" not in f:
            return f
    raise ValueError(f"no plain MPEG audio frame in {source}")


def long_mp3(source, path, size):
    """Writes an MP3 of about `size` bytes to `path`: one frame, repeated."""
    frame = mp3_frame(source)
    count = max(1, size // len(frame))
    block = frame * 1024
    with open(path, "wb") as f:
        left = count
        while left >= 1024:
            f.write(block)
            left -= 1024
        f.write(frame * left)
    return path


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width, height, bit_depth=16, color_type=6, rows=None):
    """A PNG declaring width × height whose pixel data is zeros: a few
    hundred kilobytes that decode to width × height × bytes per pixel.
    With rows, only that many rows of data are stored (a truncated image
    that declares its size and stops)."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    row = b"\0" * (1 + width * channels * bit_depth // 8)
    z = zlib.compressobj(9)
    parts = []
    for _ in range(height if rows is None else rows):
        parts.append(z.compress(row))
    parts.append(z.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b"")


def decoded_bytes(width, height, bit_depth=16, color_type=6):
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    return width * height * channels * bit_depth // 8


def deep_markdown(limit):
    """The deepest Markdown bodies of at most `limit` bytes: a blockquote
    nested on one line, a list nested on one line, and blocks of 32 levels
    of indented lists and quotes repeated to the limit."""
    quote = "> " * ((limit - 8) // 2) + "deep"
    lists = "- " * ((limit - 8) // 2) + "deep"
    block = "".join("  " * d + f"- level {d}\n" for d in range(32)) + "\n" + "> " * 32 + "quoted\n\n"
    blocks = block * ((limit - 8) // len(block))
    return {"one-line blockquote": quote, "one-line list": lists, "32-level blocks": blocks}


def write(dir_, name, data):
    os.makedirs(dir_, exist_ok=True)
    path = os.path.join(dir_, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


WORDS = ("harbour storm ministry fishermen province rainfall bridge council sugar harvest tobacco school "
         "hospital power grid coast reef survey election budget railway port museum archive festival "
         "orchestra vaccine clinic drought reservoir cyclone ferry cargo tariff market farmers union").split()


def wire_stories(n, section, tag, byline, now, body_bytes=25_000):
    """n headered wire stories (WIRE-FORMAT.md) of about body_bytes each,
    published an hour apart before `now` (Unix seconds), in one section,
    with one tag and one byline: enough for a page 2 of the section, the
    tag and the author, and a full-content feed of about half a megabyte.
    Returns [(file name, text)]."""
    import random
    import time as _time
    rng = random.Random(14)
    stories = []
    for i in range(n):
        paragraphs, size = [], 0
        while size < body_bytes:
            words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
            p = " ".join(words).capitalize() + "."
            paragraphs.append(p)
            size += len(p) + 2
        published = _time.strftime("%Y-%m-%dT%H:%M:%SZ", _time.gmtime(now - 3600 * (i + 1)))
        headline = f"Gate wire {i + 1}: {' '.join(rng.choice(WORDS) for _ in range(5)).capitalize()}"
        text = (f"Headline: {headline}\nStandfirst: A story the attack gate files to fill the lists.\n"
                f"Section: {section}\nLanguage: en\nByline: {byline}\nTags: {tag}\nSlug: gate-wire-{i + 1}\n"
                f"Dateline: Havana (RHC)\nPublished: {published}\n\n" + "\n\n".join(paragraphs) + "\n")
        stories.append((f"gate-wire-{i + 1}.txt", text))
    return stories
