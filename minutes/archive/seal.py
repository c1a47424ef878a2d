"""What issue, verify and check need from signatures, given the office's settings.

The glue between the office's ``signing:`` block (:class:`minutes.model.Signing`), the rendered
originals and the register's rows of originals; the cryptography is in :mod:`.signing`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minutes.archive.originals import NewOriginal, Original
from minutes.archive.signing import (
    FieldPlace,
    FileRefused,
    OfficeKey,
    SigningError,
    Trust,
    certificate_problems,
    check_signatures,
    load_certificates,
    load_pkcs12,
    read_file,
    revisions,
    sign_pdf,
    signature_room,
)
from minutes.diagnostics import Diagnostic, InvalidInput, Note
from minutes.load import LoadedFile, Source
from minutes.messages.phrase import Joined
from minutes.model import Directory, Signing
from minutes.output.jobs import Made
from minutes.sources import read_directory
from minutes.validate.schema import check_part
from minutes.workspace import Workspace

AskPassword = Callable[[str], str]  # asks with a prompt; raises SigningError when it cannot ask
FIELD_ANCHOR = "signature-field"  # the id templates give the place of a visible signature


@dataclass(frozen=True)
class Settings:
    """The office's ``signing:`` block and the directory file it is written in (to place its problems)."""

    signing: Signing
    source: LoadedFile

    def refusal(self, where: tuple[Any, ...], error: FileRefused) -> InvalidInput:
        """A file named at ``where`` (below ``office.signing``) refused, at its place in the file."""
        return InvalidInput([self.source.diagnostic(("office", "signing", *where), "signing-file",
                                                    variant=error.variant, **error.values)])

    def named(self, where: tuple[Any, ...]) -> str:
        """The file named at ``where``: ``("pkcs12",)``, ``("certificate",)`` or ``("trust", i)``."""
        value = getattr(self.signing, where[0])
        return str(value[where[1]] if len(where) > 1 else value)

    def read(self, workspace: Workspace, where: tuple[Any, ...]) -> bytes:
        """The bytes of the key or certificate file named at ``where``."""
        try:
            return read_file(Path(self.named(where)), workspace.root)
        except FileRefused as error:
            raise self.refusal(where, error) from None

    def certificates(self, workspace: Workspace, where: tuple[Any, ...]) -> list[bytes]:
        """The certificates (DER) in the file named at ``where``."""
        try:
            return load_certificates(self.read(workspace, where), self.named(where))
        except FileRefused as error:
            raise self.refusal(where, error) from None


def signing_settings(files: Iterable[Source]) -> Settings | None:
    """The office's ``signing:`` block, checked on its own: verify and check must work even when a
    directory file has a problem elsewhere. Its problems are :class:`InvalidInput` at their places."""
    for source in files:
        if not isinstance(source, LoadedFile) or not isinstance(source.data.get("office"), dict):
            continue
        if source.data["office"].get("signing") is None:
            return None
        problems: list[Diagnostic] = []
        signing = check_part(source, ("office", "signing"), Signing, Directory, problems)
        if signing is None:
            raise InvalidInput(problems)
        return Settings(signing, source)
    return None


def office_signing(workspace: Workspace) -> Settings | None:
    """The office's signing settings, read from the workspace's directory files (see :func:`signing_settings`)."""
    return signing_settings(read_directory(workspace))


def load_key(workspace: Workspace, settings: Settings, environ: Mapping[str, str],
             ask: AskPassword | None) -> OfficeKey:
    """The office key: the password from ``signing.password_env``, else asked for; it must be usable now
    and match the configured office certificate, if any."""
    signing = settings.signing
    password = environ.get(signing.password_env)
    if password is None:
        if ask is None:
            raise SigningError(Note.of("password-unset", variable=signing.password_env, keyfile=signing.pkcs12))
        password = ask(f"password of {signing.pkcs12}: ")
    try:
        key = load_pkcs12(settings.read(workspace, ("pkcs12",)), password.encode("utf-8"), signing.pkcs12)
    except FileRefused as error:
        raise settings.refusal(("pkcs12",), error) from None
    problems = certificate_problems(key.certificate)
    if problems:
        raise SigningError(Note.of("key-would-not-verify", keyfile=signing.pkcs12, problem=problems[0]))
    if signing.certificate and key.certificate not in settings.certificates(workspace, ("certificate",)):
        raise settings.refusal(("certificate",), FileRefused(signing.certificate, "other-certificate",
                                                             keyfile=signing.pkcs12))
    return key


def trust_of(workspace: Workspace, settings: Settings | None) -> Trust:
    """The anchors a signer must be or chain to: the office certificate and the trust anchors configured."""
    if settings is None:
        return Trust()
    signing = settings.signing
    places = [*([("certificate",)] if signing.certificate else []), *[("trust", i) for i in range(len(signing.trust))]]
    return Trust(tuple(der for where in places for der in settings.certificates(workspace, where)))


def _place(made: Made, visible: bool) -> FieldPlace | None:
    """The box of the place a letter keeps for a visible signature, when it has one."""
    anchor = made.anchors.get(FIELD_ANCHOR) if visible else None
    return FieldPlace(anchor.page, anchor.box) if anchor else None


def sign_originals(made: Sequence[Made], key: OfficeKey, signing: Signing, trust: Trust) -> dict[Path, bytes]:
    """Every rendered original signed, by target; the first is checked as verify will, so that nothing
    is issued that fails it."""
    signed: dict[Path, bytes] = {}
    room = None  # the first signature's size serves the others: same key, chain and time-stamp authority
    for original in made:
        data = sign_pdf(original.data, key, place=_place(original, signing.visible), timestamp_url=signing.tsa_url,
                        room=room)
        if room is None:
            room = signature_room(data)
            problems = check_signatures(data, trust, expected_signer=key.fingerprint)
            if problems:
                raise SigningError(Note.of("signed-would-not-verify", problems=Joined(tuple(problems))))
        signed[original.target] = data
    return signed


def new_original(file: str, document: str, code: str, rendered: bytes, archived: bytes,
                 key: OfficeKey | None) -> NewOriginal:
    """The register row of one original: ``rendered`` as made, ``archived`` as stored (signed or not)."""
    return NewOriginal(code=code, document=document, file=file, sha256=hashlib.sha256(archived).hexdigest(),
                       unsigned_sha256=hashlib.sha256(rendered).hexdigest(), unsigned_length=len(rendered),
                       signer_sha256=key.fingerprint if key else None)


def original_problems(data: bytes, original: Original, trust: Trust) -> list[Note]:
    """How a file differs from the original the register describes: its bytes, the render it was signed
    over, updates appended after ours, its signature."""
    problems = []
    if hashlib.sha256(data).hexdigest() != original.sha256:
        problems.append(Note.of("original-bytes"))
    if hashlib.sha256(data[:original.unsigned_length]).hexdigest() != original.unsigned_sha256:
        problems.append(Note.of("original-render"))
    expected = 2 if original.signed else 1  # the render, and the signature's update when signed
    found = revisions(data)
    if found is not None and found > expected:
        problems.append(Note.of("original-appended", count=found - expected))
    if original.signed:
        problems += check_signatures(data, trust, expected_signer=original.signer_sha256)
    return problems
