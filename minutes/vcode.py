"""Verification codes: the short code (and its QR code) printed on every issued original.

A code is derived from what the register knows of an issued document (the SHA-256 of the issued
record, the document's number and the issue date), never from the PDF's own bytes, so it can be
printed inside the PDF it identifies and re-rendering gives the same code. It is a one-way hash
cut to 55 bits and written in Crockford's base32 (no I, L, O or U), plus one check character,
in three groups of four: ``7K3M-Q9XA-2BPV``. It tells nothing of the letter's contents; only
the archive can say what it stands for (``minutes check``).
"""

from __future__ import annotations

import base64
import hashlib

from minutes.diagnostics import Note

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
DATA_CHARS = 11  # 55 bits: a random guess hits one of a million issued codes once in 3.6e10 tries
CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", **{chr(0x06F0 + d): str(d) for d in range(10)},
                            **{chr(0x0660 + d): str(d) for d in range(10)}})
SEPARATORS = " -_\u200c\u200e\u200f"
MAX_SHOWN = 40  # characters of a mistyped code quoted back
DOMAIN = "minutes verification code v1"  # changes only if the derivation ever changes
SVG = "http://www.w3.org/2000/svg"


def _check_char(body: str) -> str:
    return ALPHABET[hashlib.sha256(body.encode("ascii")).digest()[0] % 32]


def _grouped(chars: str) -> str:
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


def derive_code(record_sha256: str, number: str, issued_on: str) -> str:
    """The code of the document numbered ``number`` in the issued record with SHA-256
    ``record_sha256`` (hex), issued on ``issued_on`` (Jalali ``YYYY/MM/DD``)."""
    message = "\n".join((DOMAIN, record_sha256.lower(), number, issued_on)).encode("utf-8")
    value = int.from_bytes(hashlib.sha256(message).digest()[:8], "big") >> (64 - 5 * DATA_CHARS)
    body = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(DATA_CHARS)))
    return _grouped(body + _check_char(body))


def codes_of(issued_yaml: bytes, numbers: dict[str, str], issued_on: str) -> dict[str, str]:
    """The codes of an issued record's documents (by document key), from its issued text."""
    digest = hashlib.sha256(issued_yaml).hexdigest()
    return {key: derive_code(digest, number, issued_on) for key, number in numbers.items()}


class CodeError(ValueError):
    """Text that is no verification code; ``note`` says why, in the catalogue's words."""

    def __init__(self, note: Note) -> None:
        super().__init__(note.text())
        self.note = note


def parse_code(text: str) -> str:
    """The code in ``text`` as printed (``XXXX-XXXX-XXXX``), whatever its case, separators, Persian
    digits or O/I/L typed for 0/1; raises CodeError naming what is wrong."""
    chars = "".join(c for c in text.strip().upper().translate(CONFUSABLE) if c not in SEPARATORS)
    shown = text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"  # what was typed, never all of a long text
    if len(chars) != DATA_CHARS + 1:
        raise CodeError(Note.of("code-length", expected=DATA_CHARS + 1, text=shown, count=len(chars)))
    wrong = sorted({c for c in chars if c not in ALPHABET})
    if wrong:
        raise CodeError(Note.of("code-letters", text=shown, wrong="".join(wrong[:MAX_SHOWN])))
    if _check_char(chars[:-1]) != chars[-1]:
        raise CodeError(Note.of("code-mistyped", text=shown))
    return _grouped(chars)


def qr_data_uri(code: str) -> str:
    """An SVG QR code (error correction M, one-module border) of ``code``, as a data: URI."""
    import segno

    qr = segno.make_qr(code, error="m", boost_error=False)
    svg = qr.svg_inline(border=1, omitsize=True, dark="#000").replace("<svg ", f'<svg xmlns="{SVG}" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
