"""Signing and checking signatures, on a small PDF: every failure is named, and the render stays the prefix."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pki import DAY, NOW, Identity, identity, time_stamp_authority
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from minutes.archive.signing import (
    FieldPlace,
    OfficeKey,
    SigningError,
    Trust,
    check_signatures,
    load_certificates,
    load_pkcs12,
    read_file,
    sign_pdf,
    signature_room,
)
from minutes.diagnostics import Note

PASSWORD = b"correct horse"


def english(problems: list[Note]) -> list[str]:
    """The problems as the English command line says them."""
    return [problem.text("en") for problem in problems]


@pytest.fixture(scope="module")
def key(office: Identity, ca: Identity) -> OfficeKey:
    return load_pkcs12(office.pkcs12(PASSWORD, (ca,)), PASSWORD, "office.p12")


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(420, 595))
    out = io.BytesIO()
    pdf.save(out, static_id=True, deterministic_id=True)
    return out.getvalue()


@pytest.fixture(scope="module")
def signed(unsigned: bytes, key: OfficeKey) -> bytes:
    return sign_pdf(unsigned, key)


def test_a_signed_pdf_checks_out_and_keeps_the_render_as_its_prefix(signed: bytes, unsigned: bytes, key: OfficeKey,
                                                                     ca: Identity) -> None:
    assert signed.startswith(unsigned) and len(signed) > len(unsigned)
    assert check_signatures(signed, Trust((ca.der(),)), expected_signer=key.fingerprint) == []


def test_pdfsig_accepts_the_signature(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Signature is Valid." in report and "Total document signed" in report
    assert "ETSI.CAdES.detached" in report


def test_the_office_certificate_itself_may_be_the_anchor(signed: bytes, office: Identity) -> None:
    assert check_signatures(signed, Trust((office.der(),))) == []


def test_a_changed_byte_is_named(signed: bytes, unsigned: bytes, ca: Identity) -> None:
    changed = bytearray(signed)
    changed[len(unsigned) // 2] ^= 0x01
    assert english(check_signatures(bytes(changed), Trust((ca.der(),)))) == [
        "the signed bytes were changed after signing (their digest no longer matches)"]


def test_an_appended_update_is_named(signed: bytes, ca: Identity) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("en")  # any later change
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert english(check_signatures(out.getvalue(), Trust((ca.der(),)))) == [
        "something was appended to the file after it was signed"]


def test_another_certificate_is_named(unsigned: bytes, key: OfficeKey, ca: Identity) -> None:
    impostor = identity("Impostor", ca)  # even one from the same CA is not the recorded office certificate
    data = sign_pdf(unsigned, load_pkcs12(impostor.pkcs12(b"x"), b"x", "other.p12"))
    problems = english(check_signatures(data, Trust((ca.der(),)), expected_signer=key.fingerprint))
    assert len(problems) == 1 and "not the office certificate the archive recorded" in problems[0]


def test_an_expired_certificate_is_named(unsigned: bytes, ca: Identity) -> None:
    old = identity("Old office", ca, not_before=NOW - 400 * DAY, not_after=NOW - 30 * DAY)
    data = sign_pdf(unsigned, load_pkcs12(old.pkcs12(b"x"), b"x", "old.p12"))
    problems = english(check_signatures(data, Trust((ca.der(),))))
    assert len(problems) == 1 and "out of date" in problems[0] and "expired on" in problems[0]


def test_an_untrusted_certificate_is_named(signed: bytes) -> None:
    stranger = identity("Some other CA", ca=True)
    problems = english(check_signatures(signed, Trust((stranger.der(),))))
    assert len(problems) == 1 and "does not chain to a configured trust anchor" in problems[0]
    assert english(check_signatures(signed, Trust())) == [
        "no trust anchor or office certificate is configured, so the signer cannot be checked"]


def test_unsigned_and_unreadable_files_are_named(unsigned: bytes) -> None:
    assert english(check_signatures(unsigned, Trust())) == ["it carries no signature"]
    assert check_signatures(b"not a pdf", Trust())[0].text("en").startswith("not a readable PDF")


def test_wrong_password_and_keyless_files_are_refused(office: Identity) -> None:
    with pytest.raises(SigningError, match="wrong password"):
        load_pkcs12(office.pkcs12(PASSWORD), b"guess", "office.p12")
    with pytest.raises(SigningError, match="not a certificate"):
        load_certificates(b"junk", "ca.pem")
    assert load_certificates(office.pem() + office.pem(), "two.pem") == [office.der(), office.der()]


def test_visible_field_is_printable_with_an_appearance(unsigned: bytes, key: OfficeKey) -> None:
    data = sign_pdf(unsigned, key, place=FieldPlace(0, (250.0, 80.0, 363.39, 125.35)))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (widget,) = pdf.pages[0].Annots
        assert [float(v) for v in widget.Rect] == [250.0, 80.0, 363.39, 125.35]
        assert int(widget.F) & 0b100 and not int(widget.F) & 0b11  # printed, neither hidden nor invisible
        assert "/N" in widget.AP


def test_invisible_field_is_printable_and_zero_sized(signed: bytes) -> None:
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        (field,) = pdf.Root.AcroForm.Fields
        assert [float(v) for v in field.Rect] == [0, 0, 0, 0] and int(field.F) & 0b100


def test_b_t_signature_carries_a_trusted_time_stamp(unsigned: bytes, key: OfficeKey, ca: Identity,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    tsa = identity("Test TSA", ca, timestamping=True)
    with time_stamp_authority(tsa) as url:
        data = sign_pdf(unsigned, key, timestamp_url=url)
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    unsigned_attributes = [a["type"].native for a in signature.signer_info["unsigned_attrs"]]
    assert unsigned_attributes == ["signature_time_stamp_token"]  # PAdES B-T
    assert check_signatures(data, Trust((ca.der(),))) == []
    assert english(check_signatures(data, Trust((key.certificate,)))) == [
        "its time-stamp authority does not chain to a configured trust anchor"]


def test_unreachable_time_stamp_authority_fails_the_signing(unsigned: bytes, key: OfficeKey,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with pytest.raises(SigningError, match="signing failed"):
        sign_pdf(unsigned, key, timestamp_url="http://127.0.0.1:9/tsa")


def test_signing_files_must_lie_inside_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "secret.p12").write_bytes(b"x")
    with pytest.raises(SigningError, match="inside the workspace"):
        read_file(Path("../secret.p12"), tmp_path / "ws")
    with pytest.raises(SigningError, match="no such file"):
        read_file(Path("keys/office.p12"), tmp_path / "ws")


def test_a_reused_size_estimate_signs_alike_and_a_too_small_one_is_redone(unsigned: bytes, signed: bytes,
                                                                          key: OfficeKey, ca: Identity) -> None:
    room = signature_room(signed)
    assert room is not None and room > 1000 and room % 2 == 0
    reused = sign_pdf(unsigned, key, room=room)
    assert signature_room(reused) == room and check_signatures(reused, Trust((ca.der(),))) == []
    redone = sign_pdf(unsigned, key, room=64)  # 64 hex digits cannot hold a signature: signed again, estimated
    assert signature_room(redone) > 1000 and check_signatures(redone, Trust((ca.der(),))) == []
