"""What issue, verify and check need from signatures, given the office's settings.

The glue between the office's ``signing:`` block (:class:`minutes.model.Signing`), the rendered
originals and the register's rows of originals; the cryptography is in :mod:`.signing`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from minutes.archive.originals import NewOriginal, Original
from minutes.archive.signing import (
    FieldPlace,
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
from minutes.diagnostics import MinutesError
from minutes.load import LoadedFile
from minutes.model import Office, Signing
from minutes.output.jobs import Made
from minutes.sources import read_directory
from minutes.workspace import Workspace

AskPassword = Callable[[str], str]  # asks with a prompt; raises SigningError when it cannot ask
FIELD_ANCHOR = "signature-field"  # the id templates give the place of a visible signature


def office_signing(workspace: Workspace) -> Signing | None:
    """The office's ``signing:`` block, read from the directory files without checking the records
    (verify and check must work even when a directory file has a problem elsewhere)."""
    for source in read_directory(workspace):
        if not isinstance(source, LoadedFile) or not isinstance(source.data.get("office"), dict):
            continue
        try:
            return Office.model_validate(source.data["office"]).signing
        except ValueError as error:
            raise MinutesError(f"{source.display_name}: the office block is not valid "
                               f"({str(error).splitlines()[0]}); run 'minutes validate'") from None
    return None


def load_key(workspace: Workspace, signing: Signing, environ: Mapping[str, str], ask: AskPassword | None) -> OfficeKey:
    """The office key: the password from ``signing.password_env``, else asked for; it must be usable now
    and match the configured office certificate, if any."""
    password = environ.get(signing.password_env)
    if password is None:
        if ask is None:
            raise SigningError(f"set {signing.password_env} to the password of {signing.pkcs12}")
        password = ask(f"password of {signing.pkcs12}: ")
    key = load_pkcs12(read_file(Path(signing.pkcs12), workspace.root), password.encode("utf-8"), signing.pkcs12)
    problems = certificate_problems(key.certificate)
    if problems:
        raise SigningError(f"{signing.pkcs12}: {problems[0]}; originals signed with it would not verify")
    if signing.certificate and key.certificate not in _certificates(workspace, [signing.certificate]):
        raise SigningError(f"{signing.pkcs12} holds another certificate than {signing.certificate}")
    return key


def _certificates(workspace: Workspace, paths: list[str]) -> list[bytes]:
    return [der for path in paths for der in load_certificates(read_file(Path(path), workspace.root), path)]


def trust_of(workspace: Workspace, signing: Signing | None) -> Trust:
    """The anchors a signer must be or chain to: the office certificate and the trust anchors configured."""
    if signing is None:
        return Trust()
    return Trust(tuple(_certificates(workspace, [*([signing.certificate] if signing.certificate else []),
                                                 *signing.trust])))


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
                raise SigningError(f"a signed original would not verify: {'; '.join(problems)}")
        signed[original.target] = data
    return signed


def new_original(file: str, document: str, code: str, rendered: bytes, archived: bytes,
                 key: OfficeKey | None) -> NewOriginal:
    """The register row of one original: ``rendered`` as made, ``archived`` as stored (signed or not)."""
    return NewOriginal(code=code, document=document, file=file, sha256=hashlib.sha256(archived).hexdigest(),
                       unsigned_sha256=hashlib.sha256(rendered).hexdigest(), unsigned_length=len(rendered),
                       signer_sha256=key.fingerprint if key else None)


def original_problems(data: bytes, original: Original, trust: Trust) -> list[str]:
    """How a file differs from the original the register describes: its bytes, the render it was signed
    over, updates appended after ours, its signature."""
    problems = []
    if hashlib.sha256(data).hexdigest() != original.sha256:
        problems.append("its bytes differ from the original the register recorded")
    if hashlib.sha256(data[:original.unsigned_length]).hexdigest() != original.unsigned_sha256:
        problems.append("its rendered part differs from the one issued")
    expected = 2 if original.signed else 1  # the render, and the signature's update when signed
    found = revisions(data)
    if found is not None and found > expected:
        problems.append(f"{found - expected} incremental update(s) were appended after issue")
    if original.signed:
        problems += check_signatures(data, trust, expected_signer=original.signer_sha256)
    return problems
