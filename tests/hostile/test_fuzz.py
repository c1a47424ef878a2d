"""Fuzzing the command line (issue 11): no input crashes `validate`, and text that passes `validate` renders.

Deterministic (derandomized, no example database). `make test` runs a few examples of each property;
`make fuzz` (MINUTES_FUZZ=1) runs many, and shrinks what fails.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from minutes.cli import main
from minutes.load import load_file

from .scene import FUZZ, TINY, Run, make_workspace, positioned

QUICK = {"text": 30, "bytes": 15, "shaped": 25, "mutated": 30, "inject": 6, "sane": 3}
LONG = {"text": 3000, "bytes": 1000, "shaped": 2000, "mutated": 3000, "inject": 400, "sane": 150}


def budget(kind: str) -> settings:
    """Settings for one property: few examples and no shrinking by default, many under `make fuzz`."""
    phases = tuple(Phase) if FUZZ else (Phase.explicit, Phase.generate)
    return settings(max_examples=(LONG if FUZZ else QUICK)[kind], derandomize=True, database=None, deadline=None,
                    phases=phases, suppress_health_check=list(HealthCheck))


@contextlib.contextmanager
def _captured() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def cli(ws: Path, *args: str) -> Run:
    """``minutes -C ws ARGS`` in this process, from inside ``ws`` (so messages name data/…)."""
    raised = None
    code: int | None = None
    with contextlib.chdir(ws), _captured() as (out, err):
        try:
            code = main(["-C", str(ws), *args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 2
        except KeyboardInterrupt:
            raise
        except BaseException as error:
            raised = error
    return Run(code, out.getvalue(), err.getvalue(), raised)


def assert_no_crash(run: Run) -> None:
    assert run.raised is None, f"raised {type(run.raised).__name__}: {run.raised}"
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text[-2000:]


# -- (1) whatever the record file holds, validate answers 0 or 1 with positioned diagnostics ------

@pytest.fixture(scope="module")
def blank_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose only record is data/meetings/fuzz.yaml, written by each example."""
    return make_workspace(tmp_path_factory.mktemp("fuzz"), records=())


def check_record_bytes(ws: Path, data: bytes) -> None:
    record = ws / "data" / "meetings" / "fuzz.yaml"
    record.write_bytes(data)
    run = cli(ws, "validate", str(record))
    assert_no_crash(run)
    assert run.code in (0, 1), run.text[-2000:]
    if run.code == 1:  # (messages quoting a value with a line break span lines: see test_text.py)
        lines = max(1, data.count(b"\n") + 1)
        found = positioned(run.err)
        assert found, f"no positioned diagnostic: {run.err[-1000:]!r}"
        assert all(file == "data/meetings/fuzz.yaml" and 1 <= line <= lines + 1 and column >= 1
                   for file, line, column in found), run.err[-1000:]


BASE = (Path(__file__).resolve().parents[2] / "data" / "meetings" / f"{TINY}.yaml").read_text(encoding="utf-8")


@budget("text")
@given(text=st.text())
def test_any_text_as_a_record_never_crashes_validate(blank_ws: Path, text: str) -> None:
    check_record_bytes(blank_ws, text.encode("utf-8", "surrogatepass"))


@budget("bytes")
@given(data=st.binary())
def test_any_bytes_as_a_record_never_crash_validate(blank_ws: Path, data: bytes) -> None:
    check_record_bytes(blank_ws, data)


RECORD_KEYS = ["meeting", "attendance", "agenda", "decisions", "followups", "letters", "summary", "issued"]
_values = st.recursive(st.none() | st.text(max_size=20) | st.sampled_from(["1403/05/10", "10:00", "nouri", "3"]),
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                           st.sampled_from(["body", "date", "place", "chair", "present", "title", "text",
                                            "responsible", "to", "subject", "body"]) | st.text(max_size=8),
                           inner, max_size=4), max_leaves=20)


@budget("shaped")
@given(shape=st.dictionaries(st.sampled_from(RECORD_KEYS) | st.text(max_size=8), _values, max_size=6))
def test_any_yaml_shape_never_crashes_validate(blank_ws: Path, shape: dict[str, Any]) -> None:
    check_record_bytes(blank_ws, yaml.safe_dump(shape, allow_unicode=True).encode("utf-8"))


@budget("mutated")
@given(cut=st.tuples(st.integers(0, len(BASE)), st.integers(0, 40)), insert=st.text(max_size=12))
def test_a_damaged_record_never_crashes_validate(blank_ws: Path, cut: tuple[int, int], insert: str) -> None:
    start, length = cut
    check_record_bytes(blank_ws, (BASE[:start] + insert + BASE[start + length:]).encode("utf-8", "surrogatepass"))


# -- (2) text injected into any text field: refused where it is, or rendered --------------------------

EXTRA = """
letters:
  - to: education
    subject: دعوت به جلسه
    body: متن نامه برای آزمون.
    attachments: [فهرست مدارس]
    copies:
      - to: بایگانی
        purpose: جهت اطلاع
"""
FIELDS = [  # (file, data path) of every free text field the fuzzed workspace has
    ("record", ("meeting", "place")), ("record", ("summary",)), ("record", ("agenda", 0, "title")),
    ("record", ("agenda", 0, "discussion", 0, "summary")), ("record", ("decisions", 0, "text")),
    ("record", ("decisions", 0, "dissent", 0, "note")), ("record", ("letters", 0, "subject")),
    ("record", ("letters", 0, "body")), ("record", ("letters", 0, "to")), ("record", ("letters", 0, "attachments", 0)),
    ("record", ("letters", 0, "copies", 0, "to")), ("record", ("letters", 0, "copies", 0, "purpose")),
    ("office", ("office", "name")), ("office", ("office", "lines", 0)), ("office", ("office", "invocation")),
    ("directory", ("people", "salehi", "name")), ("directory", ("people", "salehi", "post")),
    ("directory", ("organisations", "education", "name")),
]
FILES = {"record": f"data/meetings/{TINY}.yaml", "office": "data/office.yaml",
         "directory": "data/directory-examples.yaml"}  # where the tiny record's people and organisations are


@pytest.fixture(scope="module")
def rich_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny record with a summary, a dissent and a spelled-out letter: every kind of text field."""
    ws = make_workspace(tmp_path_factory.mktemp("inject"))
    record = ws / FILES["record"]
    text = record.read_text(encoding="utf-8").replace(
        "    item: 1", "    item: 1\n    dissent:\n      - person: kiani\n        note: با تحفظ موافقت کردند.")
    text = text.replace("attendance:", "summary: جلسه با حضور اعضا تشکیل شد.\n\nattendance:")
    record.write_text(text + EXTRA, encoding="utf-8")
    assert cli(ws, "validate").code == 0
    return ws


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _span(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """The first and last line of the value at ``path`` in YAML ``text``."""
    node = yaml.compose(text)
    for step in path:
        if isinstance(step, int):
            node = node.value[step]
        else:
            node = next(value for key, value in node.value if key.value == step)
    return node.start_mark.line + 1, node.end_mark.line + 1


def check_injection(ws: Path, field: int, value: str) -> None:
    kind, path = FIELDS[field]
    target = ws / FILES[kind]
    original = target.read_text(encoding="utf-8")
    data = load_file(target).data
    _set(data, path, value)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    target.write_text(text, encoding="utf-8")
    try:
        checked = cli(ws, "validate")
        assert_no_crash(checked)
        if checked.code == 0:
            built = cli(ws, "build", "-j", "1", "--force", "-q", "-o", str(ws / "out"))
            assert_no_crash(built)
            assert built.code == 0, f"validate passed, then build failed: {built.err[-1500:]}"
            return
        assert checked.code == 1, checked.text[-1500:]
        first, last = _span(text, path)
        places = [(f, line) for f, line, _ in positioned(checked.err)]
        assert any(f == FILES[kind] and first <= line <= last for f, line in places), \
            f"no diagnostic at {FILES[kind]}:{first}-{last}: {checked.err[-1500:]}"
    finally:
        target.write_text(original, encoding="utf-8")


@budget("inject")
@given(field=st.integers(0, len(FIELDS) - 1), value=st.text(min_size=1, max_size=12))
def test_any_unicode_in_a_text_field_is_refused_there_or_rendered(rich_ws: Path, field: int, value: str) -> None:
    check_injection(rich_ws, field, value)


PERSIAN_TYPING = st.text(alphabet=st.sampled_from(
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی") + list("۰۱۲۳۴۵۶۷۸۹0123456789") + [" ", "\u200c", "،", "؛", "«", "»",
                                                                            ".", "-", "/", "(", ")", "<", "&", "\n"]
    + list("abcXYZ")), min_size=1, max_size=30)


@budget("sane")
@given(field=st.integers(0, len(FIELDS) - 1), value=PERSIAN_TYPING)
def test_ordinary_persian_typing_in_a_text_field_is_refused_there_or_rendered(rich_ws: Path, field: int,
                                                                              value: str) -> None:
    check_injection(rich_ws, field, value)
