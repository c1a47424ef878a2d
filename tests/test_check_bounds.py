"""``minutes check`` within bounds: what it is asked about, how much of a file it reads, how far it inflates
the issued record a file attaches (and ``verify`` alike)."""

from __future__ import annotations

import shutil
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT

from minutes.archive.check import MAX_ASKED, MAX_HELD
from minutes.archive.embedded import MAX_SOURCE, embedded_source, inflate
from minutes.archive.issued import SOURCE_NAME
from minutes.cli import main
from minutes.load import MAX_FILE_BYTES
from minutes.vcode import parse_code
from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The tiny record issued (unsigned) in a copy of the example workspace."""
    root = tmp_path_factory.mktemp("check") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    for path in (root / "data" / "meetings").glob("*.yaml"):
        if path.stem != TINY:
            path.unlink()
    workspace = Workspace.at(root)
    assert main(["-C", str(root), "issue", str(workspace.meetings / f"{TINY}.yaml"), "--date", "1404/02/01"]) == 0
    return workspace


def original(workspace: Workspace) -> Path:
    return workspace.root / "archive" / TINY / "v1" / "data" / "minutes.pdf"


def check(workspace: Workspace, capsys: pytest.CaptureFixture[str], what: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(workspace.root), "check", what])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def reattached(source: Path, target: Path, data: bytes, **stream: object) -> Path:
    """A copy of ``source`` whose attached issued record is the stream ``data`` (with the ``stream`` keys)."""
    with pikepdf.open(source) as pdf:
        spec = pdf.attachments[SOURCE_NAME].obj
        replacement = pikepdf.Stream(pdf, data)
        replacement.Type = pikepdf.Name.EmbeddedFile
        for key, value in stream.items():
            replacement[f"/{key}"] = value
        spec.EF.F = pdf.make_indirect(replacement)
        pdf.save(target, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return target


def test_the_record_our_originals_attach_is_read_whole(issued: Workspace) -> None:
    with pikepdf.open(original(issued)) as pdf:
        assert embedded_source(pdf) == (original(issued).parent / "source" / SOURCE_NAME).read_bytes()
    assert MAX_SOURCE >= 4 * MAX_FILE_BYTES  # a record may have MAX_FILE_BYTES; its issued block adds little


def test_inflating_stops_past_the_limit() -> None:
    assert inflate(zlib.compress(b"x" * 1000), 1000) == b"x" * 1000
    assert inflate(zlib.compress(b"x" * 1001), 1000) is None
    assert inflate(zlib.compress(b"\0" * (64 << 20), 9), MAX_SOURCE) is None
    assert inflate(b"not zlib at all", 1000) is None


@pytest.mark.parametrize(("data", "stream"), [
    (b" " * (MAX_SOURCE + 1), {}),  # stored, too large
    (zlib.compress(b" " * (MAX_SOURCE + 1), 9), {"Filter": pikepdf.Name.FlateDecode}),  # inflates too large
    (b"6D656574696E673A>", {"Filter": pikepdf.Name.ASCIIHexDecode}),  # a filter our originals never use
    (zlib.compress(b"meeting:"), {"Filter": pikepdf.Name.FlateDecode,
                                  "DecodeParms": pikepdf.Dictionary(Predictor=12)}),
    (zlib.compress(zlib.compress(b"meeting:")), {"Filter": pikepdf.Array([pikepdf.Name.FlateDecode] * 2)}),
], ids=["stored-large", "deflated-large", "hex", "predictor", "twice"])
def test_an_attached_record_we_never_make_is_not_read(issued: Workspace, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str], data: bytes,
                                                      stream: dict[str, object]) -> None:
    held = reattached(original(issued), tmp_path / "held.pdf", data, **stream)
    with pikepdf.open(held) as pdf:
        assert embedded_source(pdf) is None
    code, said = check(issued, capsys, str(held))
    assert code == 1
    assert said.startswith("not issued:"), said


def test_a_file_larger_than_any_original_is_not_read(issued: Workspace, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as file:  # sparse: 300 MB that take no room
        file.seek(300 << 20)
        file.write(b"%%EOF\n")
    started = time.monotonic()
    code, said = check(issued, capsys, str(huge))
    assert code == 1
    assert said == f"not issued: {huge} is larger than {MAX_HELD >> 20} MB, and no original this archive issues " \
                   "is that large\n"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("length", [MAX_ASKED + 1, 100_000])
def test_a_very_long_argument_is_refused_without_being_echoed(issued: Workspace, capsys: pytest.CaptureFixture[str],
                                                              length: int) -> None:
    code, said = check(issued, capsys, "A/" * (length // 2) + "A" * (length % 2))
    assert code == 1
    assert said == f"error: the argument has {length} characters: a verification code or a file name has at " \
                   f"most {MAX_ASKED}\n"


@pytest.mark.parametrize("what", ["A" * 300, "Z" * MAX_ASKED, "MN3F\0YJBC", "x" * 256 + ".pdf",
                                  "dir/" + "y" * 300 + "/original.pdf"])
def test_an_argument_the_system_cannot_look_up_is_answered_in_short(issued: Workspace,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    what: str) -> None:
    code, said = check(issued, capsys, what)
    assert code == 1
    assert "Traceback" not in said and "internal error" not in said
    assert len(said) < 1200, said


def test_a_file_with_a_long_path_is_still_checked(issued: Workspace, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path
    for _ in range(4):
        folder = folder / ("d" * 200)
    folder.mkdir(parents=True)
    held = shutil.copyfile(original(issued), folder / "minutes.pdf")
    assert len(str(held)) < MAX_ASKED
    code, said = check(issued, capsys, str(held))
    assert code == 0, said
    assert said.startswith(f"issued: {TINY} version 1, minutes")


def test_a_mistyped_code_is_quoted_in_short() -> None:
    with pytest.raises(ValueError, match=r"'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…' has 500"):
        parse_code("A" * 500)
