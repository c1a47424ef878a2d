"""minutes.native: WeasyPrint loads its libraries through one ldconfig listing, and leaves ctypes as it was."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from minutes.output import native

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick search is Linux only")


def test_the_listing_finds_what_ctypes_finds_and_nothing_for_a_name_that_does_not_exist() -> None:
    for name in ("pango-1.0", "harfbuzz", "fontconfig"):
        assert native.find_library_in_cache(name) == ctypes.util.find_library(name) is not None
    assert native.find_library_in_cache("libgobject-2.0-0") is None  # one of WeasyPrint's guesses
    assert native.find_library_in_cache("harfbuzz-vector-0.0") is None


def test_ctypes_is_left_as_it_was_and_weasyprint_has_its_libraries() -> None:
    assert ctypes.util.find_library is not native.find_library_in_cache
    from weasyprint.text import ffi

    assert ffi.pango.pango_version() > 0
    assert ffi.harfbuzz_subset is not None
