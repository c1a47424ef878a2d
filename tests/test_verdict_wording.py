"""The problems ``verify`` and ``check`` name are worded by the catalogue: with ``--lang fa`` they are Persian,
with ``--lang en`` they are the English they always were (values such as paths and certificate names as they are)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from cryptography import x509
from pki import Identity, identity
from test_signed_archive import PASSWORD, PASSWORD_ENV, signing_workspace

from minutes.archive.originals import of_issue
from minutes.archive.registry import REGISTRY_NAME, Registry
from minutes.archive.signing import load_pkcs12, sign_pdf
from minutes.cli import main

TINY = "harms-committee-1403-05-10"
MINUTES = f"ROOT/archive/{TINY}/v1/data/minutes.pdf"
LETTER = f"ROOT/archive/{TINY}/v1/data/letters/letter-notify-education.pdf"


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory, ca: Identity, office: Identity) -> Path:
    """A workspace whose office signs, with the tiny record issued."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSWORD_ENV, PASSWORD)
        workspace = signing_workspace(tmp_path_factory.mktemp("issued"), ca, office)
        record = workspace.meetings / f"{TINY}.yaml"
        assert main(["-C", str(workspace.root), "issue", str(record), "--date", "1404/02/01"]) == 0
    return workspace.root


@pytest.fixture
def root(issued: Path, tmp_path: Path) -> Path:
    """A copy of the issued workspace to damage."""
    shutil.copytree(issued, tmp_path / "ws")
    return tmp_path / "ws"


def said(root: Path, lang: str, *args: str) -> tuple[int, list[str], list[str]]:
    """The exit status, standard output and standard error of ``minutes --lang LANG ARGS…`` run in ``root``
    (its folder shown as «ROOT»)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--lang", lang, *args])
    return (status, [line.replace(str(root), "ROOT") for line in out.getvalue().splitlines()],
            [line.replace(str(root), "ROOT") for line in err.getvalue().splitlines()])


def _unsigned_length(root: Path, pdf: Path) -> int:
    """Where a signed original's render ends, as the register recorded."""
    registry = Registry(root / "archive" / REGISTRY_NAME)
    try:
        (row,) = [row for row in of_issue(registry.connection, TINY, 1) if root / "archive" / row.file == pdf]
    finally:
        registry.close()
    return row.unsigned_length


@pytest.mark.parametrize(("lang", "bytes_differ", "render_differs", "summary"), [
    ("fa", f"نسخه اصل {MINUTES}: بایت‌های فایل با نسخه اصلی که در دفتر ثبت آمده است یکی نیست",
     f"نسخه اصل {MINUTES}: بخش ساخته‌شده فایل با آنچه صادر شد یکی نیست",
     "اشکال در بایگانی پیدا شد: archive"),
    ("en", f"{MINUTES}: its bytes differ from the original the register recorded",
     f"{MINUTES}: its rendered part differs from the one issued",
     "problem(s) in archive"),
])
def test_a_changed_byte_in_each_language(root: Path, lang: str, bytes_differ: str, render_differs: str,
                                         summary: str) -> None:
    pdf = root / "archive" / TINY / "v1" / "data" / "minutes.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 4] ^= 0x01
    pdf.write_bytes(bytes(data))
    status, out, err = said(root, lang, "verify")
    assert status == 1 and bytes_differ in out and render_differs in out, out
    assert len(err) == 1 and summary in err[0]


@pytest.mark.parametrize(("lang", "missing"), [
    ("fa", f"{LETTER}: نیست (دفتر ثبت آن را فهرست کرده است)"),
    ("en", f"{LETTER}: missing (the register lists it)"),
])
def test_a_missing_original_in_each_language(root: Path, lang: str, missing: str) -> None:
    (root / LETTER.removeprefix("ROOT/")).unlink()
    status, out, _ = said(root, lang, "verify")
    assert status == 1 and missing in out, out


@pytest.fixture
def resigned(root: Path, ca: Identity) -> tuple[Path, str]:
    """The minutes original signed again with another certificate of the same CA, and that certificate's
    subject and SHA-256."""
    impostor = identity("Impostor", ca)
    pdf = root / "archive" / TINY / "v1" / "data" / "minutes.pdf"
    render = pdf.read_bytes()[:_unsigned_length(root, pdf)]
    pdf.write_bytes(sign_pdf(render, load_pkcs12(impostor.pkcs12(b"x", (ca,)), b"x", "impostor.p12")))
    subject = x509.load_der_x509_certificate(impostor.der()).subject.rfc4514_string()
    return pdf, f"{subject} (SHA-256 {hashlib.sha256(impostor.der()).hexdigest()[:16]}…)"


def test_a_signature_from_another_certificate_in_each_language(root: Path, office: Identity,
                                                               resigned: tuple[Path, str]) -> None:
    signer, recorded = resigned[1], hashlib.sha256(office.der()).hexdigest()[:16]
    _, persian, _ = said(root, "fa", "verify")
    _, english, _ = said(root, "en", "verify")
    assert (f"نسخه اصل {MINUTES}: با گواهی {signer} امضا شده است، نه با گواهی دبیرخانه که در بایگانی ثبت شده "
            f"است ({recorded}…)") in persian, persian
    assert (f"{MINUTES}: signed with the certificate of {signer}, not the office certificate the archive recorded "
            f"({recorded}…)") in english, english


def test_check_says_how_a_held_file_differs_in_each_language(root: Path, resigned: tuple[Path, str]) -> None:
    shutil.copy(resigned[0], root / "held.pdf")
    fa_status, persian, _ = said(root, "fa", "check", "held.pdf")
    en_status, english, _ = said(root, "en", "check", "held.pdf")
    assert fa_status == en_status == 1
    assert "مغایرت: بایت‌های فایل با نسخه اصلی که در دفتر ثبت آمده است یکی نیست" in persian, persian
    assert "differs: its bytes differ from the original the register recorded" in english, english
    assert len(persian) == len(english) and not any(line.startswith("differs") for line in persian)
