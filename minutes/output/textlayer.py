"""Two repairs to the text layer WeasyPrint 70 writes, so that every Persian word can be found.

The page WeasyPrint draws is right; what copy, search and text extraction read is not:

1. **ZWNJ is dropped.** Pango gives the zero-width non-joiner (U+200C, the Persian half-space in
   «می‌شود») the empty glyph ``PANGO_GLYPH_EMPTY``; ``weasyprint.draw.text.draw_first_line`` then
   writes only a move for it, so nothing reaches the font's ToUnicode map: «می‌شود» is extracted
   as «میشود». No post-process can restore it (the subset has no glyph to point at), so
   :func:`install` wraps ``draw_first_line``: while it runs, the line it asks Pango for has each
   empty glyph that stands for ZWNJ or ZWJ replaced by the font's own glyph for that character
   (HarfBuzz ``hb_font_get_nominal_glyph``), with the zero advance Pango gave it. The glyph draws
   nothing, positions are unchanged, and the character enters ToUnicode. Fonts without such a
   glyph keep WeasyPrint's behaviour.
2. **«لا» is read backwards.** The lam-alef ligature is one glyph for two characters. WeasyPrint
   maps it to «لا» in logical order, but glyphs are written in visual (left-to-right) order, so
   every extractor that puts a right-to-left line back into logical order reverses the pair:
   «سلامت» becomes «سالمت». :func:`finish`, a pydyf finisher for ``write_pdf(finisher=…)``, writes
   each right-to-left multi-character ToUnicode entry in visual order instead («ال»), keeping a
   letter's combining marks after it.

Both depend on WeasyPrint's internals, so they are applied only to the exact code they were written
for: the version in :data:`WEASYPRINT_VERSION` and the source of the functions in
:data:`PATCHED_SOURCES` (by SHA-256). On anything else :func:`install` leaves WeasyPrint alone,
:func:`finish` does nothing, and the test of this module fails. The upstream report is
``docs/upstream-weasyprint-text-layer.md``.
"""

from __future__ import annotations

import hashlib
import inspect
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import cffi
import weasyprint
import weasyprint.draw.text
import weasyprint.pdf.fonts
import weasyprint.text.line_break
from weasyprint.text.ffi import ffi as pango_ffi
from weasyprint.text.ffi import pango

WEASYPRINT_VERSION = "70.0"
# SHA-256 of the source of every WeasyPrint function these repairs rely on.
PATCHED_SOURCES = {
    "weasyprint.draw.text.draw_first_line": "1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b",
    "weasyprint.text.line_break.Layout.get_first_line":
        "bb65cbda0e27f1350376bc345c82093c5a3d00b8ac6d8dd9d7303f7693db9254",
    "weasyprint.pdf.fonts.build_fonts_dictionary": "fc551bef35d0d6c3d288f686fd21b5ea8c1efadb8f2f3b4d379cfa6045c02230",
}
# Default-ignorable characters that carry meaning in Persian text and so belong in the text layer.
# (Direction marks and isolates are left out: their work is done once the line is laid out.)
JOINERS = frozenset("\u200c\u200d")
_RIGHT_TO_LEFT = {"R", "AL"}

_original_draw_first_line = weasyprint.draw.text.draw_first_line
_suspended = False  # see suspended()

_hb_ffi = cffi.FFI()
_hb_ffi.cdef("""
    typedef struct hb_font_t hb_font_t;
    typedef uint32_t hb_codepoint_t;
    int hb_font_get_nominal_glyph (hb_font_t *font, hb_codepoint_t unicode, hb_codepoint_t *glyph);
""")
_HARFBUZZ_NAMES = ("libharfbuzz.so.0", "libharfbuzz-0", "harfbuzz", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")


def _load_harfbuzz() -> Any:
    for name in _HARFBUZZ_NAMES:
        try:
            return _hb_ffi.dlopen(name)
        except OSError:
            continue
    return None


_harfbuzz = _load_harfbuzz()


def _source_hash(dotted: str) -> str:
    """SHA-256 of the source of WeasyPrint's function ``dotted`` (the original, when it is wrapped)."""
    found: Any = weasyprint
    for part in dotted.split(".")[1:]:
        found = getattr(found, part)
    found = _original_draw_first_line if found is _draw_first_line else found
    return hashlib.sha256(inspect.getsource(found).encode()).hexdigest()


def mismatches() -> list[str]:
    """What differs from the WeasyPrint these repairs were written for (empty when they apply)."""
    found = []
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        found.append(f"WeasyPrint {weasyprint.__version__}, not {WEASYPRINT_VERSION}")
    found += [f"{name} has changed" for name, digest in PATCHED_SOURCES.items() if _source_hash(name) != digest]
    if _harfbuzz is None:
        found.append("HarfBuzz could not be loaded")
    return found


def installed() -> bool:
    """Whether :func:`install` has wrapped WeasyPrint's line drawing."""
    return weasyprint.draw.text.draw_first_line is not _original_draw_first_line


def install() -> bool:
    """Wrap WeasyPrint's line drawing so joiners reach the text layer, if its code is the one expected.

    Idempotent; returns whether the repairs are in force.
    """
    if not installed() and not _suspended and not mismatches():
        weasyprint.draw.text.draw_first_line = _draw_first_line
    return installed()


@contextmanager
def suspended() -> Iterator[None]:
    """Within the block WeasyPrint draws as it does unrepaired (:func:`install` too waits), and :func:`finish`
    does nothing."""
    global _suspended
    wrapped = weasyprint.draw.text.draw_first_line
    weasyprint.draw.text.draw_first_line = _original_draw_first_line
    _suspended = True
    try:
        yield
    finally:
        _suspended = False
        weasyprint.draw.text.draw_first_line = wrapped


def _draw_first_line(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
    """``draw_first_line``, with the joiners of the line it draws given their glyphs."""
    layout = textbox.pango_layout
    get_first_line: Callable[[], tuple[Any, int | None]] = layout.get_first_line

    def first_line_with_joiners() -> tuple[Any, int | None]:
        line, index = get_first_line()
        _show_joiners(line, layout.text)
        return line, index

    layout.get_first_line = first_line_with_joiners
    try:
        return _original_draw_first_line(stream, textbox, *args, **kwargs)
    finally:
        del layout.get_first_line


def _show_joiners(line: Any, text: str) -> None:
    """Give every empty glyph of ``line`` that is exactly one joiner the font's glyph for it."""
    utf8 = text.encode()
    run = line.runs
    while run != pango_ffi.NULL:
        item, run = run.data, run.next
        glyphs, offset, length = item.glyphs, item.item.offset, item.item.length
        clusters, count = glyphs.log_clusters, glyphs.num_glyphs
        right_to_left = item.item.analysis.level % 2
        for i in range(count):
            info = glyphs.glyphs[i]
            if info.glyph != pango.PANGO_GLYPH_EMPTY:
                continue
            # The glyph's text as draw_first_line will compute it for ToUnicode.
            if right_to_left:
                end = length if i == 0 else clusters[i - 1]
            else:
                end = length if i == count - 1 else clusters[i + 1]
            char = utf8[offset + clusters[i]:offset + end].decode("utf-8", errors="replace")
            if char in JOINERS:
                glyph = _nominal_glyph(item.item.analysis.font, char)
                if glyph:
                    info.glyph = glyph


def _nominal_glyph(pango_font: Any, char: str) -> int:
    """The font's glyph for ``char`` (0 when it has none)."""
    hb_font = pango.pango_font_get_hb_font(pango_font)
    if hb_font == pango_ffi.NULL:
        return 0
    glyph = _hb_ffi.new("hb_codepoint_t *")
    pointer = _hb_ffi.cast("hb_font_t *", int(pango_ffi.cast("uintptr_t", hb_font)))
    return int(glyph[0]) if _harfbuzz.hb_font_get_nominal_glyph(pointer, ord(char), glyph) else 0


def visual_order(text: str) -> str:
    """A right-to-left ligature's text in the order its letters are drawn: «لا» → «ال».

    Each letter keeps its combining marks after it; other text is returned unchanged.
    """
    letters: list[str] = []
    for char in text:
        if letters and unicodedata.combining(char):
            letters[-1] += char
        else:
            letters.append(char)
    strong = [unicodedata.bidirectional(letter[0]) for letter in letters]
    if len(letters) < 2 or any(kind not in _RIGHT_TO_LEFT for kind in strong):
        return text
    return "".join(reversed(letters))


def _reordered_entry(line: bytes) -> bytes:
    """A ``<glyph> <utf-16be>`` line of a ToUnicode CMap, its text put in visual order."""
    parts = line.split(b" ")
    if len(parts) != 2 or not parts[1].startswith(b"<") or len(parts[1]) <= 6:
        return line
    text = bytes.fromhex(parts[1][1:-1].decode()).decode("utf-16-be")
    shown = visual_order(text)
    return line if shown == text else parts[0] + b" <" + shown.encode("utf-16-be").hex().encode() + b">"


def finish(document: object, pdf: Any) -> None:
    """Finisher: right-to-left multi-character ToUnicode entries in visual order (when installed)."""
    if not installed():
        return
    for font in list(pdf.objects):
        if not isinstance(font, dict) or font.get("Type") != "/Font" or "ToUnicode" not in font:
            continue
        cmap = pdf.objects[int(font["ToUnicode"].split()[0])]  # a reference: b"12 0 R"
        cmap.stream[:] = [_reordered_entry(line) for line in cmap.stream]
