"""Safe record names and confined paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.text.slug import MAX_NAME_CHARS, Escape, confined, is_safe_name


@pytest.mark.parametrize("name", [
    "social-cultural-1403-05-17", "harms_committee_3", "جلسه-۱۲", "کارگروه‌اجتماعی", "a", "x" * MAX_NAME_CHARS,
    "Sitzung-Ä", "हिन्दी",
])
def test_safe_names(name: str) -> None:
    assert is_safe_name(name)


@pytest.mark.parametrize("name", [
    "", ".", "..", "...", ".hidden", "-rf", "a/b", "a\\b", "a b", "a.b", "x" * (MAX_NAME_CHARS + 1),
    "\u200cاول", "اول\u200c", "a\u200cb\u200c", "a\u202eb", "a\x00b", "a\nb", "tab\t", "e\u0301",  # e + acute: NFD
    "\u0301a", "a:b", "a*b", "~", "ب" * 101, "😀",
])
def test_unsafe_names(name: str) -> None:
    assert not is_safe_name(name)


def test_names_are_bounded_in_bytes_too() -> None:
    assert not is_safe_name("𐌰" * 60)  # 60 characters, 240 bytes of UTF-8


@given(st.text(max_size=30))
def test_a_safe_name_is_never_a_path(name: str) -> None:
    if is_safe_name(name):
        assert Path(name).name == name and name not in (".", "..") and not name.startswith((".", "-"))
        assert "/" not in name and "\x00" not in name


def test_paths_below_the_root_are_confined(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "rec").mkdir(parents=True)
    assert confined(root, "rec/minutes.pdf") == (root / "rec" / "minutes.pdf").resolve()
    assert confined(root, root / "new" / "deeper" / "x.pdf") == (root / "new" / "deeper" / "x.pdf").resolve()
    os.symlink(root / "rec", root / "alias")
    assert confined(root, "alias/minutes.pdf") == (root / "rec" / "minutes.pdf").resolve()


@pytest.mark.parametrize("path", ["..", ".", "../x.pdf", "rec/../../x.pdf", "/etc/passwd", "rec/../.."])
def test_dot_dot_and_absolute_paths_outside_escape(tmp_path: Path, path: str) -> None:
    root = tmp_path / "out"
    (root / "rec").mkdir(parents=True)
    with pytest.raises(Escape) as caught:
        confined(root, path)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("link", ["folder", "file", "dangling", "root-alias"])
def test_symlinks_leading_out_escape(tmp_path: Path, link: str) -> None:
    root, outside = tmp_path / "out", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "target.pdf").write_bytes(b"x")
    if link == "folder":
        os.symlink(outside, root / "rec")
        path = "rec/minutes.pdf"
    elif link == "file":
        os.symlink(outside / "target.pdf", root / "minutes.pdf")
        path = "minutes.pdf"
    elif link == "dangling":
        os.symlink(outside / "not-yet.pdf", root / "minutes.pdf")
        path = "minutes.pdf"
    else:
        os.symlink(tmp_path, root / "up")
        path = "up/outside/target.pdf"
    with pytest.raises(Escape, match="not inside"):
        confined(root, path)


def test_a_root_reached_through_a_symlink_is_resolved_first(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    assert confined(tmp_path / "link", "x.pdf") == (tmp_path / "real" / "x.pdf")
