"""The errors the library raises on purpose are worded by the catalogue: ``str()`` is the English it always
was, and with ``--lang fa`` the reason after «خطا:» is Persian too."""

from __future__ import annotations

import ast
import contextlib
import io
import pickle
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

import minutes.archive.check
import minutes.archive.signing
import minutes.output.files
import minutes.serve.server  # noqa: F401  (the modules that define the other MinutesErrors)
from minutes.archive.signing import FileRefused
from minutes.cli import main
from minutes.diagnostics import Diagnostic, InvalidInput, MinutesError, Note, RenderError

TINY = "harms-committee-1403-05-10"
RECORD = f"data/meetings/{TINY}.yaml"
KNOWN = "harms-committee, provincial-council, resistance-economy-hq, social-committee, social-cultural-wg"


def said(root: Path, lang: str, *args: str) -> tuple[int, str]:
    """The exit status and the last line ``minutes --lang LANG ARGS…``, run in ``root``, printed on standard
    error (the workspace's folder shown as «ROOT»)."""
    err = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        status = main(["--lang", lang, *args])
    return status, err.getvalue().splitlines()[-1].replace(str(root), "ROOT")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "fonts", tmp_path / "fonts")
    return tmp_path


def _subclasses(kind: type[MinutesError]) -> list[type[MinutesError]]:
    return [kind, *(sub for direct in kind.__subclasses__() for sub in _subclasses(direct))]


@pytest.mark.parametrize("kind", [k for k in _subclasses(MinutesError) if k not in (InvalidInput, FileRefused)],
                         ids=lambda k: k.__name__)
def test_every_error_is_worded_by_a_note(kind: type[MinutesError]) -> None:
    with pytest.raises(TypeError, match="worded by a Note"):
        kind("plain English")  # type: ignore[arg-type]
    error = kind(Note.of("no-register", register="archive/register.sqlite"))
    assert str(error) == "archive/register.sqlite: no register here"
    assert error.note.text("fa") == "دفتر ثبتی اینجا نیست: archive/register.sqlite"


def test_no_error_is_raised_with_words_of_its_own() -> None:
    """In the source, no MinutesError is made from a string: each takes a Note (FileRefused a catalogue variant)."""
    names = {kind.__name__ for kind in _subclasses(MinutesError)}
    worded = []
    for path in sorted((ROOT / "minutes").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant | ast.JoinedStr | ast.BinOp) and node.func.id != "FileRefused":
                    worded.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                if isinstance(first, ast.Call) and getattr(first.func, "id", None) == "str":
                    worded.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert len(names) >= 10
    assert worded == []


def test_errors_cross_to_another_process_whole() -> None:
    """A rendering worker sends its error to the parent pickled: the note, and a subclass's own fields, survive."""
    refused = pickle.loads(pickle.dumps(FileRefused("keys/office.p12", "too-large", limit=65536)))
    assert (type(refused), refused.variant, refused.values) == (FileRefused, "too-large",
                                                                {"path": "keys/office.p12", "limit": 65536})
    assert str(refused) == "keys/office.p12: larger than 65536 bytes"
    assert refused.note.text("fa") == "keys/office.p12: بیش از 65536 بایت است"
    invalid = pickle.loads(pickle.dumps(InvalidInput([Diagnostic("r.yaml", 1, 2, "custom", "something")])))
    assert str(invalid) == "r.yaml:1:2: custom: something" and invalid.note.text() == (
        "1 problem(s) in the input; nothing was written")
    failed = pickle.loads(pickle.dumps(RenderError(Note.of("render-failed", error="boom"))))
    assert (type(failed), failed.note.text("fa")) == (RenderError, "سند ساخته نشد: boom")


@pytest.mark.parametrize(("lang", "line"), [
    ("en", f"error: no body with id 'nobody' (known bodies: {KNOWN})"),
    ("fa", f"خطا: کارگروه، کمیته یا شورایی با شناسه «nobody» نیست (شناسه‌های موجود: {KNOWN})"),
])
def test_an_unknown_body(workspace: Path, lang: str, line: str) -> None:
    assert said(workspace, lang, "new", "--body", "nobody") == (2, line)
    assert said(workspace, lang, "followup", "--body", "nobody", "--as-of", "1403/06/01") == (2, line)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "error: ROOT is not empty (data, fonts): choose an empty folder, or add --existing to add only the "
           "files it lacks"),
    ("fa", "خطا: پوشه ROOT خالی نیست (data, fonts): پوشه‌ای خالی برگزینید، یا با \u200e--existing تنها "
           "فایل‌هایی را که ندارد به آن بیفزایید"),
])
def test_init_into_a_folder_that_is_not_empty(workspace: Path, lang: str, line: str) -> None:
    assert said(workspace, lang, "init", str(workspace)) == (2, line)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "error: ROOT/templates/brief.txt:1: unexpected 'end of template' (in template brief.txt)"),
    ("fa", "خطا: ROOT/templates/brief.txt:1: unexpected 'end of template' (در قالب brief.txt)"),
])
def test_a_template_that_cannot_render(workspace: Path, lang: str, line: str) -> None:
    (workspace / "templates").mkdir()
    (workspace / "templates" / "brief.txt").write_text("{{ doc.summary(\n", encoding="utf-8")
    assert said(workspace, lang, "build", RECORD, "-o", "out", "-j", "1") == (1, line)
    assert not (workspace / "out").exists()


def test_a_record_issued_twice(workspace: Path) -> None:
    assert said(workspace, "en", "issue", RECORD, "--date", "1404/02/01")[0] == 0
    assert said(workspace, "fa", "issue", RECORD, "--date", "1404/02/02") == (
        2, f"خطا: صورتجلسه {TINY} پیش‌تر صادر شده است (نسخه 1 در 1404/02/01)؛ برای صدور نسخه اصلاح‌شده، "
           "\u200e--supersede --reason TEXT را به کار ببرید")
    assert said(workspace, "en", "issue", RECORD, "--date", "1404/02/02") == (
        2, f"error: {TINY} was already issued (version 1 on 1404/02/01); to issue a corrected version use "
           "--supersede --reason TEXT")


def test_a_persian_reason_quotes_what_the_system_said_as_it_is() -> None:
    """A wrapped system error's own words are a value: the sentence around them is Persian."""
    error = minutes.output.files.WriteError(Note.of("cannot-write", target=Path("out/x.pdf"), error="Disk full"))
    assert str(error) == "cannot write out/x.pdf: Disk full"
    assert error.note.text("fa") == "نوشتن out/x.pdf ممکن نیست: Disk full"
    assert re.search("[\u0600-\u06ff]", minutes.archive.check.TooLarge(
        Note.of("held-too-large", path="a.pdf", limit=1)).note.text("fa"))
