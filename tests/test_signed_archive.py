"""Signed originals end to end, through the command line: issue signs, verify names each failure, check answers."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from asn1crypto import x509 as asn1
from conftest import ROOT, SEED_RECORD, pdftotext
from pki import DAY, NOW, Identity, identity, time_stamp_authority
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from minutes.archive.issued import load_issued, render_originals
from minutes.archive.originals import of_issue
from minutes.archive.registry import REGISTRY_NAME, Registry
from minutes.archive.signing import Trust, load_pkcs12, sign_pdf
from minutes.archive.verify import verify
from minutes.cli import main
from minutes.sources import check_workspace
from minutes.vcode import derive_code
from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"
PASSWORD_ENV = "MINUTES_TEST_SIGNING_PASSWORD"
PASSWORD = "a long test password"
CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def signing_workspace(root: Path, ca: Identity, office: Identity, *, tsa_url: str | None = None,
                      visible: bool = True) -> Workspace:
    """A copy of the example workspace whose office signs with ``office`` and trusts ``ca``."""
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "keys").mkdir()
    (root / "keys" / "office.p12").write_bytes(office.pkcs12(PASSWORD.encode(), (ca,)))
    (root / "keys" / "ca.pem").write_bytes(ca.pem())
    office_yaml = root / "data" / "office.yaml"
    office_yaml.write_text(office_yaml.read_text(encoding="utf-8") + (
        f"  signing:\n    pkcs12: keys/office.p12\n    password_env: {PASSWORD_ENV}\n    trust: [keys/ca.pem]\n"
        f"    visible: {'true' if visible else 'false'}\n" + (f"    tsa_url: {tsa_url}\n" if tsa_url else "")),
        encoding="utf-8")
    return Workspace.at(root)


def run(workspace: Workspace, *args: str) -> int:
    return main(["-C", str(workspace.root), *args])


def issue(workspace: Workspace, record: str, *extra: str, date: str = "1404/02/01") -> int:
    return run(workspace, "issue", str(workspace.meetings / f"{record}.yaml"), "--date", date, *extra)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, ca: Identity, office: Identity) -> Iterator[Workspace]:
    """The seed record issued and signed (letters visibly), and the tiny record issued and then superseded."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSWORD_ENV, PASSWORD)
        workspace = signing_workspace(tmp_path_factory.mktemp("signed"), ca, office)
        assert issue(workspace, SEED_RECORD) == 0
        assert issue(workspace, TINY) == 0
        assert issue(workspace, TINY, "--supersede", "--reason", "اصلاح مهلت", date="1404/02/05") == 0
        yield workspace


def archived(workspace: Workspace, record: str, version: int = 1) -> list[Path]:
    return sorted((workspace.root / "archive" / record / f"v{version}" / "data").rglob("*.pdf"))


def test_originals_are_signed_so_that_pyhanko_and_pdfsig_accept_them(signed: Workspace, ca: Identity) -> None:
    pdfs = archived(signed, SEED_RECORD)
    assert len(pdfs) == 3
    for pdf in pdfs:
        (signature,) = PdfFileReader(io.BytesIO(pdf.read_bytes())).embedded_signatures
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[asn1.Certificate.load(ca.der())]))
        assert status.bottom_line and status.coverage.name == "ENTIRE_FILE", status.pretty_print_details()
        report = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Signature Validation: Signature is Valid." in report and "Total document signed" in report, report


@pytest.mark.skipif(shutil.which("certutil") is None, reason="certutil (Debian libnss3-tools) is not installed")
def test_pdfsig_trusts_the_office_certificate_through_the_ca(signed: Workspace, ca: Identity, tmp_path: Path) -> None:
    """With an NSS database that trusts the throwaway CA, poppler's own chain check accepts the signer."""
    (tmp_path / "ca.pem").write_bytes(ca.pem())
    database = f"sql:{tmp_path}"
    subprocess.run(["certutil", "-N", "-d", database, "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", database, "-n", "test CA", "-t", "CT,C,C", "-i", str(tmp_path / "ca.pem")],
                   check=True, capture_output=True)
    for pdf in archived(signed, SEED_RECORD):
        report = subprocess.run(["pdfsig", "-nssdir", database, str(pdf)], capture_output=True, text=True,
                                check=True).stdout
        assert "Signature is Valid." in report and "Certificate Validation: Certificate is Trusted." in report, report


def test_signing_keeps_pdfa_identification_and_the_render_as_prefix(signed: Workspace) -> None:
    bag = signed.root / "archive" / SEED_RECORD / "v1" / "data"
    issued_yaml = (bag / "source" / "meeting.yaml").read_bytes()
    item = load_issued(issued_yaml, SEED_RECORD, "meeting.yaml")
    again = render_originals(signed, item, check_workspace(signed).directory, issued_yaml)  # a re-render, unsigned
    for pdf in archived(signed, SEED_RECORD):
        data, render = pdf.read_bytes(), again[pdf.relative_to(bag).as_posix()]
        assert data.startswith(render) and len(data) > len(render)
        with pikepdf.open(pdf) as document:
            xmp = document.open_metadata()
            assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("3", "A"), pdf
            assert str(document.docinfo["/Producer"]) == xmp.get("pdf:Producer")  # Info and XMP agree (PDF/A)
            assert document.attachments["meeting.yaml"].get_file().read_bytes() == issued_yaml
            assert "/StructTreeRoot" in document.Root and str(document.Root.Lang) == "fa-IR"  # still tagged
            (field,) = document.Root.AcroForm.Fields
            assert int(field.F) & 0b100 and not int(field.F) & 0b11  # printed, not hidden: as PDF/A wants


def _words(pdf: Path) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    """The page height and every word of the first page with its box (PDF points, from the top)."""
    bbox = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', bbox)[1])  # type: ignore[index]
    words = [(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4]))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                                  bbox)]
    return height, words


def test_a_visible_field_surrounds_the_first_signatory_of_a_letter(signed: Workspace) -> None:
    letter = signed.root / "archive" / SEED_RECORD / "v1" / "data" / "letters" / "letter-forwarding.pdf"
    with pikepdf.open(letter) as document:
        (field,) = document.Root.AcroForm.Fields
        x1, y1, x2, y2 = (float(v) for v in field.Rect)
        assert "/N" in field.AP
    height, words = _words(letter)
    inside = [w for w, left, top, right, bottom in words  # within half a point: glyph boxes may stick out a little
              if x1 - 0.5 <= left and right <= x2 + 0.5 and y1 - 0.5 <= height - bottom and height - top <= y2 + 0.5]
    label = {"امضای", "الکترونیکی", "الکترونیکی"[::-1], "امضای"[::-1]}  # poppler may give -bbox words in visual order
    assert len(set(inside) & label) == 2, inside
    assert len(inside) >= 4, "the signatory's name and post lie inside the field too"


def test_a_visible_field_leaves_the_letters_layout_alone(signed: Workspace) -> None:
    """The place of the field takes no room: every letter keeps its paper and every word its place."""
    bag = signed.root / "archive" / SEED_RECORD / "v1" / "data"
    issued_yaml = (bag / "source" / "meeting.yaml").read_bytes()
    item = load_issued(issued_yaml, SEED_RECORD, "meeting.yaml")
    directory = check_workspace(signed).directory
    assert directory.office.signing is not None
    invisible = directory.model_copy(update={"office": directory.office.model_copy(update={
        "signing": directory.office.signing.model_copy(update={"visible": False})})})
    plain = render_originals(signed, item, invisible, issued_yaml)
    for pdf in archived(signed, SEED_RECORD):
        copy = pdf.parent / f"plain-{pdf.name}"
        copy.write_bytes(plain[pdf.relative_to(bag).as_posix()])
        try:
            (_, visible_words), (_, plain_words) = _words(pdf), _words(copy)
        finally:
            copy.unlink()
        label = {"امضای", "الکترونیکی", "الکترونیکی"[::-1], "امضای"[::-1]}
        assert [w for w in visible_words if w[0] not in label] == plain_words, pdf.name


def test_minutes_are_signed_invisibly(signed: Workspace) -> None:
    with pikepdf.open(signed.root / "archive" / SEED_RECORD / "v1" / "data" / "minutes.pdf") as document:
        (field,) = document.Root.AcroForm.Fields
        assert [float(v) for v in field.Rect] == [0, 0, 0, 0]


def test_verify_accepts_the_signed_archive(signed: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(signed, "verify") == 0, capsys.readouterr()
    assert "every bag, hash, signature and embedded source checks out" in capsys.readouterr().err


@pytest.fixture
def tampered(signed: Workspace, tmp_path: Path) -> Workspace:
    """A copy of the signed workspace to damage."""
    shutil.copytree(signed.root, tmp_path / "ws")
    return Workspace.at(tmp_path / "ws")


def _verify_problems(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert run(workspace, "verify") == 1
    return capsys.readouterr().out.splitlines()


def _unsigned_length(workspace: Workspace, pdf: Path) -> int:
    registry = Registry(workspace.root / "archive" / REGISTRY_NAME)
    try:
        rows = of_issue(registry.connection, SEED_RECORD, 1)
    finally:
        registry.close()
    (row,) = [r for r in rows if workspace.root / "archive" / r.file == pdf]
    return row.unsigned_length


def test_verify_names_a_byte_changed_after_signing(tampered: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = archived(tampered, SEED_RECORD)[0]
    data = bytearray(pdf.read_bytes())
    data[_unsigned_length(tampered, pdf) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    problems = _verify_problems(tampered, capsys)
    assert f"{pdf}: the signed bytes were changed after signing (their digest no longer matches)" in problems


def _append_update(pdf: Path) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())


def test_verify_names_an_appended_update(tampered: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = archived(tampered, SEED_RECORD)[0]
    _append_update(pdf)
    problems = _verify_problems(tampered, capsys)
    assert f"{pdf}: something was appended to the file after it was signed" in problems
    assert f"{pdf}: 1 incremental update(s) were appended after issue" in problems


@pytest.mark.parametrize("who", ["another office of the same CA", "an expired certificate"])
def test_verify_names_a_signature_by_another_or_expired_certificate(
        tampered: Workspace, ca: Identity, who: str, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = archived(tampered, SEED_RECORD)[0]
    if who == "an expired certificate":
        signer = identity("Office of the working group", ca, not_before=NOW - 400 * DAY, not_after=NOW - DAY)
    else:
        signer = identity("Impostor", ca)
    render = pdf.read_bytes()[:_unsigned_length(tampered, pdf)]
    pdf.write_bytes(sign_pdf(render, load_pkcs12(signer.pkcs12(b"x", (ca,)), b"x", "other.p12")))
    problems = [p for p in _verify_problems(tampered, capsys) if p.startswith(f"{pdf}: ")]
    assert any("not the office certificate the archive recorded" in p for p in problems), problems
    if who == "an expired certificate":
        assert any("the signer's certificate is out of date" in p and "expired on" in p for p in problems), problems


def test_verify_names_an_untrusted_certificate(signed: Workspace) -> None:
    stranger = identity("Some other CA", ca=True)
    problems = [p.text() for p in verify(signed.root / "archive", Trust((stranger.der(),))).problems]
    assert len(problems) == 7 and all("does not chain to a configured trust anchor" in p for p in problems)
    assert all("no trust anchor" in p.text() for p in verify(signed.root / "archive").problems)  # nothing configured


def _code_in(pdf: Path) -> str:
    (code,) = set(CODE.findall(pdftotext(pdf)))
    return code


def test_check_the_code_read_from_the_letter_text(signed: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    letter = signed.root / "archive" / SEED_RECORD / "v1" / "data" / "letters" / "letter-forwarding.pdf"
    capsys.readouterr()
    assert run(signed, "check", _code_in(letter).lower()) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"issued: {SEED_RECORD} version 1, letter-forwarding, number 04/2, dated 1404/02/01")
    assert out[1:] == ["current: no later version supersedes it",
                       "signature and contents: match the archived original"]


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) is not installed")
def test_check_the_code_scanned_from_the_qr_image(signed: Workspace, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    letter = signed.root / "archive" / TINY / "v2" / "data" / "letters" / "letter-notify-education.pdf"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(letter), str(tmp_path / "page")],
                   check=True)
    scanned = subprocess.run(["zbarimg", "--raw", "-q", *map(str, tmp_path.glob("page*.png"))], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert scanned == _code_in(letter)
    capsys.readouterr()
    assert run(signed, "check", scanned) == 0
    assert f"issued: {TINY} version 2" in capsys.readouterr().out


def test_check_a_superseded_code_names_its_successor(signed: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = (signed.root / "archive" / TINY / f"v{v}" / "data" / "letters" / "letter-notify-education.pdf"
                for v in (1, 2))
    capsys.readouterr()
    assert run(signed, "check", _code_in(old)) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"issued: {TINY} version 1, letter-notify-education, number 04/5, dated 1404/02/01")
    assert out[1] == "superseded: by version 2 of 1404/02/05 (اصلاح مهلت), where it is number 04/7"
    assert _code_in(old) != _code_in(new)


def test_check_unknown_and_mistyped_codes(signed: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = derive_code("00" * 32, "04/1", "1404/02/01")
    capsys.readouterr()
    assert run(signed, "check", unknown) == 1
    assert capsys.readouterr().out.splitlines() == [f"not issued: this archive has no original with {unknown}"]
    code = _code_in(archived(signed, SEED_RECORD)[0])
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert run(signed, "check", typo) == 1
    assert "mistyped" in capsys.readouterr().err


def test_check_a_file_says_whether_it_matches(signed: Workspace, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    original = archived(signed, SEED_RECORD)[0]
    copy = tmp_path / "received.pdf"
    shutil.copyfile(original, copy)
    capsys.readouterr()
    assert run(signed, "check", str(copy)) == 0
    assert "signature and contents: match the archived original" in capsys.readouterr().out
    _append_update(copy)
    assert run(signed, "check", str(copy)) == 1
    answer = capsys.readouterr().out.splitlines()
    assert answer[0].startswith(f"issued: {SEED_RECORD} version 1, letter-forwarding")  # recognised by its render
    assert "differs: something was appended to the file after it was signed" in answer
    unrelated = tmp_path / "unrelated.pdf"
    pikepdf.new().save(unrelated)
    assert run(signed, "check", str(unrelated)) == 1
    assert capsys.readouterr().out.startswith("not issued:")


def test_issue_prints_the_code_printed_in_each_original(signed: Workspace, tmp_path: Path, ca: Identity,
                                                       office: Identity, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bag = signed.root / "archive" / SEED_RECORD / "v1" / "data"
    digest = hashlib.sha256((bag / "source" / "meeting.yaml").read_bytes()).hexdigest()
    assert _code_in(bag / "minutes.pdf") == derive_code(digest, "04/1", "1404/02/01")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    workspace = signing_workspace(tmp_path / "ws", ca, office, visible=False)
    capsys.readouterr()
    assert issue(workspace, TINY) == 0
    printed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(key, number) for key, number, _ in printed] == [("minutes", "04/1"), ("letter-notify-education", "04/2")]
    for key, _, code in printed:
        name = "minutes.pdf" if key == "minutes" else f"letters/{key}.pdf"
        assert _code_in(workspace.root / "archive" / TINY / "v1" / "data" / name) == code


def test_issue_without_the_password_takes_no_number(tmp_path: Path, ca: Identity, office: Identity,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = signing_workspace(tmp_path / "ws", ca, office)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    assert issue(workspace, TINY) == 3
    assert "set the office's password_env variable" in capsys.readouterr().err
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    assert issue(workspace, TINY) == 1  # invalid input, said in words: a password has no place in a file
    assert "cannot open it: wrong password" in capsys.readouterr().err
    assert not (workspace.root / "archive").exists()
    assert all(PASSWORD not in p.read_text(encoding="utf-8", errors="replace")
               for p in workspace.root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".txt", ".sqlite"))


def test_issue_with_a_time_stamp_authority_makes_b_t(tmp_path: Path, ca: Identity, office: Identity,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with time_stamp_authority(identity("Test TSA", ca, timestamping=True)) as url:
        workspace = signing_workspace(tmp_path / "ws", ca, office, tsa_url=url)
        assert issue(workspace, TINY) == 0
    for pdf in archived(workspace, TINY):
        (signature,) = PdfFileReader(io.BytesIO(pdf.read_bytes())).embedded_signatures
        assert [a["type"].native for a in signature.signer_info["unsigned_attrs"]] == ["signature_time_stamp_token"]
    assert verify(workspace.root / "archive", Trust((ca.der(),))).problems == ()


def test_issue_refuses_an_expired_or_untrusted_office_certificate(tmp_path: Path, ca: Identity,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    expired = identity("Old office", ca, not_before=NOW - 400 * DAY, not_after=NOW - DAY)
    workspace = signing_workspace(tmp_path / "expired", ca, expired)
    assert issue(workspace, TINY) == 3
    assert "expired on" in capsys.readouterr().err
    stranger = identity("Stranger", identity("Unknown CA", ca=True))
    workspace = signing_workspace(tmp_path / "stranger", ca, stranger)
    assert issue(workspace, TINY) == 3
    assert "a signed original would not verify" in capsys.readouterr().err
    registry = Registry(workspace.root / "archive" / REGISTRY_NAME)
    assert registry.all_issues() == []  # the numbers it took were given back
    registry.close()


def test_only_final_documents_show_a_code_and_only_final_letters_a_signature_place(workspace: Workspace) -> None:
    from minutes.documents.registry import documents_for
    from minutes.render import environment, render_document

    validated = check_workspace(workspace)
    item = validated.records[0]
    keys = [doc.key for doc in documents_for(item, validated.directory) if doc.is_pdf]
    codes = {key: derive_code("00" * 32, f"04/{n}", "1404/02/01") for n, key in enumerate(keys, start=1)}
    env = environment(workspace)
    for draft in (True, False):
        for document in documents_for(item, validated.directory, draft=draft, numbers={}, codes=codes,
                                      signature_field=True):
            if document.is_pdf:
                html = render_document(env, document)
                assert (codes[document.key] in html) is not draft, document.filename
                assert ('id="signature-field"' in html) is (not draft and document.key != "minutes"), document.filename
