"""The issued record an original embeds (``meeting.yaml``), read within bounds: a PDF someone hands to
``minutes check`` may attach a few megabytes that inflate to gigabytes.

An issued record is a record (at most :data:`minutes.load.MAX_FILE_BYTES`) with its ``issued`` block;
our originals attach it deflated, without predictors. Anything else is not an issued record of ours.
"""

from __future__ import annotations

import zlib
from typing import Any

from minutes.archive.issued import SOURCE_NAME
from minutes.load import MAX_FILE_BYTES

MAX_SOURCE = 4 * MAX_FILE_BYTES  # bytes of an embedded issued record: ample room above the largest record


def embedded_source(document: Any) -> bytes | None:
    """The issued record attached to an open pikepdf document; None when it attaches none, or one that is
    neither stored nor simply deflated, or one larger than :data:`MAX_SOURCE` bytes once inflated."""
    import pikepdf

    attached = document.attachments.get(SOURCE_NAME)
    if attached is None:
        return None
    stream = attached.get_file().obj
    raw = stream.read_raw_bytes()  # as stored: no larger than the file
    written = stream.get("/Filter")
    filters = list(written) if isinstance(written, pikepdf.Array) else [] if written is None else [written]
    if filters == [] and "/DecodeParms" not in stream:
        return raw if len(raw) <= MAX_SOURCE else None
    if filters == [pikepdf.Name.FlateDecode] and "/DecodeParms" not in stream:
        return inflate(raw, MAX_SOURCE)
    return None


def inflate(data: bytes, limit: int) -> bytes | None:
    """``data`` (zlib) inflated; None when it would be larger than ``limit`` bytes or is not zlib data.
    Never more than ``limit`` + 1 bytes are made."""
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, limit + 1)
    except zlib.error:
        return None
    return inflated if len(inflated) <= limit else None
