"""The strict YAML loader: no YAML 1.1 typing, positions for everything, exact errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes.diagnostics import InvalidInput
from minutes.load import load_file, parse


def messages(text: str | bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "r.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    with pytest.raises(InvalidInput) as caught:
        load_file(path, "r.yaml")
    return [str(d) for d in caught.value.diagnostics]


def test_scalars_stay_text() -> None:
    loaded = parse("start: 10:30\ndate: 1403-05-17\nletter: 0123\nflag: yes\nversion: 1.10\nnone:\n",
                   Path("r.yaml"), "r.yaml")
    assert loaded.data == {"start": "10:30", "date": "1403-05-17", "letter": "0123", "flag": "yes",
                           "version": "1.10", "none": None}


def test_positions_of_values_and_keys() -> None:
    loaded = parse("meeting:\n  place: دفتر\n  list:\n    - a\n    - b\n", Path("r.yaml"), "r.yaml")
    assert loaded.position(("meeting", "place")) == (2, 10)
    assert loaded.position(("meeting", "place"), key=True) == (2, 3)
    assert loaded.position(("meeting", "list", 1)) == (5, 7)
    assert loaded.position(("meeting", "missing", 3)) == (2, 3)


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    assert messages("meeting:\n  place: a\n  chair: x\n  place: b\n", tmp_path) == [
        "r.yaml:4:3: duplicate-key: duplicate key 'place' (first given on line 2)"]


def test_malformed_yaml_has_line_and_column(tmp_path: Path) -> None:
    assert messages("meeting:\n  place: [a, b\n  chair: x\n", tmp_path) == [
        "r.yaml:3:8: yaml-syntax: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("a: &x 1\nb: *x\n", "r.yaml:1:4: yaml-syntax: anchors and aliases are not allowed"),
    ("a: !!python/object:os.system x\n", "r.yaml:1:4: yaml-syntax: YAML tags such as "
                                          "tag:yaml.org,2002:python/object:os.system are not allowed"),
    ("- a\n- b\n", "r.yaml:1:1: yaml-top-level: the file must hold a mapping of keys to values"),
    ("", "r.yaml:1:1: yaml-top-level: the file must hold a mapping of keys to values"),
    ("? [a]\n: b\n", "r.yaml:1:3: yaml-key: a key must be plain text"),
])
def test_refused_constructs(tmp_path: Path, text: str, expected: str) -> None:
    assert messages(text, tmp_path) == [expected]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_file(path).data == {"a": "1"}


def test_other_encodings_are_refused(tmp_path: Path) -> None:
    assert messages("a: ok\nb: سلام\n".encode("cp1256"), tmp_path) == [
        "r.yaml:2:4: encoding: the file is not UTF-8: it looks like Windows-1256 (Arabic Windows) text "
        "(byte 0xd3); save it as UTF-8"]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    [message] = messages("a: " + "x" * (1024 * 1024) + "\n", tmp_path)
    assert message.startswith("r.yaml:1:1: file-too-large: ")
