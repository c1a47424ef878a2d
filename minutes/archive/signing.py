"""Digital signatures on issued originals (PAdES baseline B-B, or B-T with a time-stamp), with pyHanko.

A signature is added as an incremental update: the rendered PDF's bytes stay the first bytes of
the signed file, unchanged, so the unsigned render stays reproducible and can be compared with a
re-render (the register keeps its length). The update adds the signature field (invisible, or over the
place a template reserved), the signature and pyHanko's metadata update, which keeps the PDF/A
identification and sets the information dictionary's and XMP's producer alike.
:func:`check_signatures` names every problem as a catalogue note; nothing here prints.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minutes.diagnostics import BadInput, MinutesError, Note

FIELD_NAME = "OfficeSignature"
for _library in ("pyhanko", "pyhanko_certvalidator"):  # failures come back as statuses; no tracebacks on stderr
    logging.getLogger(_library).addHandler(logging.NullHandler())
ACCEPTED_KEY_USAGE = {"non_repudiation", "digital_signature"}  # either will do
MAX_KEY_FILE = 1 << 20  # bytes of a key or certificate file (they hold a few kilobytes)
MAX_TSA_REPLY = 1 << 20  # bytes: a time-stamp reply (a token and its certificates) is a few kilobytes
TSA_DEADLINE = 60  # seconds for the whole exchange with a time-stamp authority


class SigningError(MinutesError):
    """The key, the certificate or the signing itself failed; the note says why."""


class FileRefused(SigningError):
    """A key or certificate file named in the signing settings cannot be used: the catalogue entry
    ``file-refused.<variant>`` words why, with ``values`` (and the file as ``path``), and
    ``signing-file.<variant>`` as a diagnostic at the setting that names the file."""

    def __init__(self, name: str, variant: str, **values: Any) -> None:
        self.variant = variant
        self.values = {"path": name, **values}
        super().__init__(Note.of(f"file-refused.{variant}", **self.values))


class WrongPassword(SigningError, BadInput):
    """The key file does not open with the password given."""


@dataclass(frozen=True)
class OfficeKey:
    """The office's private key and certificate, loaded from its PKCS#12 file (decrypted once), with
    the other certificates it holds (DER)."""

    private_key: Any  # a cryptography private key
    certificate: bytes  # DER
    others: tuple[bytes, ...] = ()

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate (hex), as the register keeps it."""
        return hashlib.sha256(self.certificate).hexdigest()

    @functools.cached_property
    def signer(self) -> Any:
        """pyHanko's signer for this key (made when first needed: importing pyHanko takes a while)."""
        from asn1crypto import keys
        from asn1crypto import x509 as asn1
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = self.private_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        store = SimpleCertificateStore()
        store.register_multiple(asn1.Certificate.load(other) for other in self.others)
        return SimpleSigner(signing_key=keys.PrivateKeyInfo.load(der),
                            signing_cert=asn1.Certificate.load(self.certificate), cert_registry=store)


@dataclass(frozen=True)
class FieldPlace:
    """Where a visible signature field goes: page index and box (x1, y1, x2, y2) in PDF points."""

    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Trust:
    """Certificates (DER) accepted as anchors: a signer must be one of them or chain to one."""

    anchors: tuple[bytes, ...] = ()


def load_certificates(data: bytes, name: str) -> list[bytes]:
    """The certificates (DER) in a PEM file (one or more) or a DER file; ``name`` is for messages."""
    from cryptography import x509 as pyca

    try:
        if b"-----BEGIN" in data:
            return [c.public_bytes(_der()) for c in pyca.load_pem_x509_certificates(data)]
        return [pyca.load_der_x509_certificate(data).public_bytes(_der())]
    except ValueError:
        raise FileRefused(name, "not-certificate") from None


def _der() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def load_pkcs12(data: bytes, password: bytes | None, name: str) -> OfficeKey:
    """The key and certificate in PKCS#12 ``data``; a wrong password or a file without a key says so."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        raise WrongPassword(Note.of("wrong-password", keyfile=name)) from None
    if key is None or certificate is None:
        raise FileRefused(name, "no-key")
    return OfficeKey(key, certificate.public_bytes(_der()), tuple(other.public_bytes(_der()) for other in others))


def certificate_problems(der: bytes, moment: datetime.datetime | None = None) -> list[Note]:
    """Why a certificate should not sign now (outside its validity period); empty when it may."""
    from cryptography import x509 as pyca

    certificate = pyca.load_der_x509_certificate(der)
    now = moment or datetime.datetime.now(datetime.UTC)
    subject = certificate.subject.rfc4514_string()
    if now > certificate.not_valid_after_utc:
        return [Note.of("certificate-expired", subject=subject, date=f"{certificate.not_valid_after_utc:%Y-%m-%d}")]
    if now < certificate.not_valid_before_utc:
        return [Note.of("certificate-not-yet", subject=subject, date=f"{certificate.not_valid_before_utc:%Y-%m-%d}")]
    return []


def sign_pdf(data: bytes, key: OfficeKey, *, place: FieldPlace | None = None, timestamp_url: str | None = None,
             timestamper: Any = None, reason: str | None = None, field_name: str = FIELD_NAME,
             room: int | None = None) -> bytes:
    """``data`` with an appended PAdES signature (B-T when ``timestamp_url`` or ``timestamper`` is given).

    ``room`` (hex digits for the signature, see :func:`signature_room`) spares pyHanko a trial
    signature to estimate it; when it proves too small, the signing is done again with an estimate.

    The field is visible at ``place`` with an empty appearance (the page below it shows what the
    template drew there), else invisible; either way its widget is printable, as PDF/A wants.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.model import VENDOR
    from pyhanko.sign import fields, signers
    from pyhanko.stamp.noop import NoOpStampStyle

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        info = writer._info  # PDF/A: the information dictionary's producer must equal XMP's, which pyHanko sets
        if info is not None:
            info.get_object()["/Producer"] = generic.TextStringObject(VENDOR)
            writer.mark_update(info)
        box = tuple(round(v, 2) for v in place.box) if place else None
        fields.append_signature_field(writer, fields.SigFieldSpec(field_name, on_page=place.page if place else 0,
                                                                  box=box))
        if timestamp_url and timestamper is None:
            timestamper = _url_timestamper(timestamp_url)
        meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES,
                                            md_algorithm="sha256", reason=reason)
        signed = signers.PdfSigner(meta, key.signer, timestamper=timestamper,
                                   stamp_style=NoOpStampStyle()).sign_pdf(writer, bytes_reserved=room).getvalue()
    except Exception as error:  # pyHanko and the TSA client raise many kinds
        if room is not None:
            return sign_pdf(data, key, place=place, timestamp_url=timestamp_url, timestamper=timestamper,
                            reason=reason, field_name=field_name)
        raise SigningError(Note.of("signing-failed", kind=type(error).__name__, error=str(error))) from None
    if not signed.startswith(data):
        raise SigningError(Note.of("signing-changed-bytes"))
    return bytes(signed)


def revisions(data: bytes) -> int | None:
    """How many revisions a PDF has (1, plus one per incremental update); None when it cannot be read."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return int(PdfFileReader(io.BytesIO(data), strict=False).xrefs.total_revisions)
    except Exception:  # a damaged file can fail in many ways; other checks name it
        return None


def signature_room(signed: bytes) -> int | None:
    """The hex digits a signed file reserved for its (last) signature: its /ByteRange's gap less the brackets."""
    found = re.findall(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)", signed)
    return int(found[-1][1]) - int(found[-1][0]) - 2 if found else None


def _context(trust: Trust, moment: datetime.datetime | None) -> Any:
    from asn1crypto import x509 as asn1
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1.Certificate.load(der) for der in trust.anchors]
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=moment)


def check_signatures(data: bytes, trust: Trust, *, expected_signer: str | None = None,
                     moment: datetime.datetime | None = None) -> list[Note]:
    """Every problem with the one office signature an original carries, as notes; empty when
    it is intact, covers the whole file, was made by ``expected_signer`` (a certificate SHA-256,
    when given) and that certificate is one of ``trust``'s anchors or chains to one (at ``moment``,
    default now)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as error:  # a damaged file can fail in many ways
        return [Note.of("signature-unreadable-pdf", kind=type(error).__name__)]
    if not signatures:
        return [Note.of("signature-none")]
    problems = [] if len(signatures) == 1 else [Note.of("signature-more", count=len(signatures) - 1)]
    return problems + _signature_problems(signatures[0], trust, expected_signer, moment)


def _signature_problems(signature: Any, trust: Trust, expected_signer: str | None,
                        moment: datetime.datetime | None) -> list[Note]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    context = _context(trust, moment)
    usage = KeyUsageConstraints(key_usage=ACCEPTED_KEY_USAGE, match_all_key_usages=False)
    try:
        status = validate_pdf_signature(signature, signer_validation_context=context, ts_validation_context=context,
                                        key_usage_settings=usage)
    except Exception as error:
        return [Note.of("signature-unreadable", kind=type(error).__name__, error=str(error))]
    problems = []
    if not status.intact:
        problems.append(Note.of("signature-changed"))
    elif not status.valid:
        problems.append(Note.of("signature-invalid"))
    if status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(Note.of("signature-appended"))
    certificate = status.signing_cert.dump()
    fingerprint = hashlib.sha256(certificate).hexdigest()
    if expected_signer and fingerprint != expected_signer:
        problems.append(Note.of("signature-other-signer", subject=_subject(certificate), fingerprint=fingerprint[:16],
                                expected=expected_signer[:16]))
    if status.intact and status.valid:  # trust means nothing for a broken signature
        problems += _trust_problems(status, certificate, trust, moment)
        problems += _timestamp_problems(status.timestamp_validity)
    return problems


def _subject(der: bytes) -> str:
    from cryptography import x509 as pyca

    return pyca.load_der_x509_certificate(der).subject.rfc4514_string()


def _trust_problems(status: Any, certificate: bytes, trust: Trust, moment: datetime.datetime | None) -> list[Note]:
    if status.trusted:
        return []
    dated = certificate_problems(certificate, moment)
    if dated:
        return [Note.of("signature-out-of-date", problem=dated[0])]
    if not trust.anchors:
        return [Note.of("signature-no-trust")]
    why = status.trust_problem_indic.name if status.trust_problem_indic else "untrusted"
    return [Note.of("signature-untrusted", subject=_subject(certificate), why=why)]


def _timestamp_problems(timestamp: Any) -> list[Note]:
    if timestamp is None:
        return []
    if not (timestamp.intact and timestamp.valid):
        return [Note.of("timestamp-invalid")]
    if not timestamp.trusted:
        return [Note.of("timestamp-untrusted")]
    return []


def _url_timestamper(url: str) -> Any:
    """An RFC 3161 client over HTTP(S) with the standard library (pyHanko's own needs aiohttp)."""
    from asn1crypto import tsp
    from pyhanko.sign.timestamps import TimeStamper

    class UrlTimeStamper(TimeStamper):
        async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
            return tsp.TimeStampResp.load(post_time_stamp_query(url, req.dump()))

    return UrlTimeStamper()


def post_time_stamp_query(url: str, query: bytes) -> bytes:
    """The time-stamp authority's reply to ``query``: over http or https only, no redirect followed, at most
    :data:`MAX_TSA_REPLY` bytes, within :data:`TSA_DEADLINE` seconds in all (a reply is a few kilobytes).

    The addresses are not restricted otherwise: an office's time-stamp authority may be on its own network."""
    import threading
    import urllib.parse

    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise SigningError(Note.of("tsa-not-http", url=repr(url[:100])))
    outcome: list[bytes | BaseException] = []

    def fetch() -> None:
        try:
            outcome.append(_fetch(url, query))
        except BaseException as error:  # handed to the caller's thread
            outcome.append(error)

    worker = threading.Thread(target=fetch, name="time-stamp", daemon=True)  # a reply trickling in is left behind
    worker.start()
    worker.join(TSA_DEADLINE)
    if not outcome:
        raise SigningError(Note.of("tsa-timeout", seconds=TSA_DEADLINE))
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _fetch(url: str, query: bytes) -> bytes:
    import urllib.request

    opener = urllib.request.OpenerDirector()  # no file:, ftp: or data: handler, and no redirect handler
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    headers = {"Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply"}
    request = urllib.request.Request(url, data=query, headers=headers, method="POST")
    with opener.open(request, timeout=TSA_DEADLINE) as response:
        reply = response.read(MAX_TSA_REPLY + 1)
    if len(reply) > MAX_TSA_REPLY:
        raise SigningError(Note.of("tsa-reply-too-large", limit=MAX_TSA_REPLY))
    return bytes(reply)


def read_file(path: Path, workspace_root: Path) -> bytes:
    """A key or certificate file named in office.yaml: it must lie inside the workspace (links followed), be a
    file and hold at most :data:`MAX_KEY_FILE` bytes."""
    name = path.as_posix()
    target = (workspace_root / path).resolve()
    if not target.is_relative_to(workspace_root.resolve()):
        raise FileRefused(name, "outside")
    if not target.exists():
        raise FileRefused(name, "missing")
    if not target.is_file():
        raise FileRefused(name, "not-a-file")
    with target.open("rb") as file:
        data = file.read(MAX_KEY_FILE + 1)
    if len(data) > MAX_KEY_FILE:
        raise FileRefused(name, "too-large", limit=MAX_KEY_FILE)
    return data
