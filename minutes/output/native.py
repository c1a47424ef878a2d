"""Import WeasyPrint without a subprocess for every library name it guesses.

WeasyPrint tries up to six names for each of its C libraries (Pango, HarfBuzz, fontconfig …), and
for every name that does not load, cffi asks ``ctypes.util.find_library``, which on Linux runs
``ldconfig -p`` and then ``gcc`` and ``ld`` in subprocesses: about 0.25 s of the 0.5 s import.
While WeasyPrint loads, this module answers those questions from one ``ldconfig -p`` listing
instead. Every library is still loaded by the dynamic loader, by the names WeasyPrint gives; only
the search for the names that do not exist gets cheaper. Import this module before ``weasyprint``.
"""

from __future__ import annotations

import ctypes.util
import functools
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@functools.cache
def _ldconfig_listing() -> str:
    """The dynamic loader's cache as ``ldconfig -p`` lists it ("" when there is no ldconfig)."""
    try:
        return subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False,
                              env={"LC_ALL": "C", "LANG": "C"}).stdout
    except OSError:
        return ""


def find_library_in_cache(name: str) -> str | None:
    """The soname ``ctypes.util.find_library`` would first consider for ``name``, from one listing."""
    match = re.search(rf"\s(lib{re.escape(name)}\.\S+)\s+\(", _ldconfig_listing())
    return match.group(1) if match else None


@contextmanager
def _quick_library_search() -> Iterator[None]:
    """Within the block, ``ctypes.util.find_library`` reads the cached listing (on Linux only)."""
    if not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = find_library_in_cache
    try:
        yield
    finally:
        ctypes.util.find_library = original


with _quick_library_search():
    import weasyprint  # noqa: F401  (loaded here, under the quick search; callers import what they need)
