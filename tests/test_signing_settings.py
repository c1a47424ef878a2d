"""The office's signing settings: every problem with a value written in office.yaml is a diagnostic at
that value's place, whichever command reads it (validate, issue, verify, check); a wrong password is
invalid input said in words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pki import Identity, identity

from minutes.archive.signing import MAX_KEY_FILE
from minutes.cli import main
from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"
PASSWORD_ENV = "MINUTES_TEST_SIGNING_PASSWORD"
PASSWORD = "a long test password"
OFFICE = "data/office.yaml"


def workspace_signing(root: Path, ca: Identity, office: Identity, **values: str) -> Workspace:
    """The example workspace whose office signs with ``office``: its signing block's values are
    ``pkcs12``, ``certificate``, ``trust`` (a flow list) and ``tsa_url`` unless ``values`` says otherwise."""
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "keys").mkdir()
    (root / "keys" / "office.p12").write_bytes(office.pkcs12(PASSWORD.encode(), (ca,)))
    (root / "keys" / "office.pem").write_bytes(office.pem())
    (root / "keys" / "ca.pem").write_bytes(ca.pem())
    block = {"pkcs12": "keys/office.p12", "password_env": PASSWORD_ENV, "certificate": "keys/office.pem",
             "trust": "[keys/ca.pem]", **values}
    lines = "".join(f"    {name}: {value}\n" for name, value in block.items())
    office_yaml = root / OFFICE
    office_yaml.write_text(office_yaml.read_text(encoding="utf-8") + "  signing:\n" + lines, encoding="utf-8")
    return Workspace.at(root)


def place(workspace: Workspace, needle: str, *, key: bool = False) -> str:
    """``data/office.yaml:line:col:`` of the value that follows ``needle`` (or of ``needle`` itself, a key), on
    the last line that holds it."""
    lines = (workspace.root / OFFICE).read_text(encoding="utf-8").splitlines()
    number = max(i for i, line in enumerate(lines) if needle in line)
    column = lines[number].index(needle) + 1 + (0 if key else len(needle))
    return f"{workspace.display_name(workspace.root / OFFICE)}:{number + 1}:{column}:"


def run(workspace: Workspace, *args: str) -> int:
    return main(["-C", str(workspace.root), *args])


@pytest.mark.parametrize(("url", "variant"), [
    ("file:///etc/passwd", "not an http or https URL"),
    ("file:///dev/zero", "not an http or https URL"),
    ("ftp://tsa.example/", "not an http or https URL"),
    ("gopher://127.0.0.1:25/", "not an http or https URL"),
    ("tsa.example/tsr", "not an http or https URL"),
    ("'http:///tsr'", "names no host"),
    ("'http://'", "names no host"),
    ("'http://[::1/tsr'", "cannot be read"),
    ("'http://tsa.example:port/'", "cannot be read"),
])
def test_a_time_stamp_authority_that_is_no_http_url_is_an_error_at_its_place(
        tmp_path: Path, ca: Identity, office: Identity, capsys: pytest.CaptureFixture[str], url: str,
        variant: str) -> None:
    workspace = workspace_signing(tmp_path / "ws", ca, office, tsa_url=url)
    assert run(workspace, "validate") == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if ": tsa-url: " in line]
    assert len(lines) == 1
    assert lines[0].startswith(place(workspace, "tsa_url: ") + " tsa-url: ")
    assert variant in lines[0]
    assert run(workspace, "--lang", "fa", "validate") == 1
    assert "نشانی مرجع مهر زمانی" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["https://tsa.example/", "http://10.1.2.3:318/tsr", "HTTP://[::1]:8080/"])
def test_an_http_time_stamp_authority_is_accepted_even_on_a_private_network(
        tmp_path: Path, ca: Identity, office: Identity, capsys: pytest.CaptureFixture[str], url: str) -> None:
    workspace = workspace_signing(tmp_path / "ws", ca, office, tsa_url=url)
    assert run(workspace, "validate") == 0, capsys.readouterr().err


def _outside(workspace: Workspace) -> None:
    (workspace.root.parent / "elsewhere.p12").write_bytes(b"x")


def _link_out(workspace: Workspace) -> None:
    _outside(workspace)
    (workspace.root / "keys" / "link.p12").symlink_to(workspace.root.parent / "elsewhere.p12")


def _folder(workspace: Workspace) -> None:
    (workspace.root / "keys" / "folder").mkdir()


def _large(workspace: Workspace) -> None:
    (workspace.root / "keys" / "large.pem").write_bytes(b"-" * (MAX_KEY_FILE + 1))


def _garbage(workspace: Workspace) -> None:
    (workspace.root / "keys" / "garbage.pem").write_bytes(b"not a certificate")


def _stranger(workspace: Workspace) -> None:
    (workspace.root / "keys" / "stranger.pem").write_bytes(identity("Stranger").pem())


def _nothing(workspace: Workspace) -> None:
    pass


# (the value written, the needle before it, how the workspace is spoilt, the variant's words)
SPOILT = {
    "outside": ({"pkcs12": "../elsewhere.p12"}, "pkcs12: ", _outside, "not inside the workspace"),
    "link-out": ({"pkcs12": "keys/link.p12"}, "pkcs12: ", _link_out, "not inside the workspace"),
    "absolute": ({"pkcs12": "/etc/passwd"}, "pkcs12: ", _nothing, "not inside the workspace"),
    "folder": ({"pkcs12": "keys/folder"}, "pkcs12: ", _folder, "is not a file"),
    "missing": ({"certificate": "keys/none.pem"}, "certificate: ", _nothing, "no file 'keys/none.pem'"),
    "large": ({"trust": "[keys/ca.pem, keys/large.pem]"}, "keys/ca.pem, ", _large, "larger than"),
    "garbage": ({"trust": "[keys/garbage.pem]"}, "trust: [", _garbage, "holds no certificate"),
    "other": ({"certificate": "keys/stranger.pem"}, "certificate: ", _stranger, "not the certificate the key"),
}


@pytest.mark.parametrize("case", sorted(SPOILT))
def test_a_signing_file_that_cannot_be_used_is_an_error_at_its_place_in_office_yaml(
        tmp_path: Path, ca: Identity, office: Identity, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    values, needle, spoil, words = SPOILT[case]
    workspace = workspace_signing(tmp_path / "ws", ca, office, **values)
    spoil(workspace)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    commands = [("issue", str(workspace.meetings / f"{TINY}.yaml"), "--date", "1404/02/01")]
    if case not in ("outside", "link-out", "absolute", "folder", "other"):  # verify and check read no key
        commands += [("verify",), ("check", "MN3F-YJBC-1WMZ")]
    for command in commands:
        assert run(workspace, *command) == 1, command
        err = capsys.readouterr().err
        assert err.startswith(place(workspace, needle) + " signing-file: "), (command, err)
        assert words in err
    assert not (workspace.root / "archive").exists()


@pytest.mark.parametrize(("block", "needle", "code"), [
    ("yes", "signing: ", "expected-mapping"),
    ("{pkcs12: keys/office.p12, colour: red}", "colour", "unknown-field"),
    ("{pkcs12: keys/office.p12, trust: keys/ca.pem}", "trust: ", "expected-list"),
])
@pytest.mark.parametrize("command", [("verify",), ("check", "MN3F-YJBC-1WMZ")])
def test_a_malformed_signing_block_read_by_verify_or_check_is_an_error_at_its_place(
        tmp_path: Path, ca: Identity, office: Identity, capsys: pytest.CaptureFixture[str], block: str, needle: str,
        code: str, command: tuple[str, ...]) -> None:
    workspace = workspace_signing(tmp_path / "ws", ca, office)
    office_yaml = workspace.root / OFFICE
    text = office_yaml.read_text(encoding="utf-8")
    office_yaml.write_text(text[:text.index("  signing:")] + f"  signing: {block}\n", encoding="utf-8")
    assert run(workspace, *command) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{place(workspace, needle, key=code == 'unknown-field')} {code}: "), err


def test_a_wrong_password_is_invalid_input_said_in_words(tmp_path: Path, ca: Identity, office: Identity,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = workspace_signing(tmp_path / "ws", ca, office)
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    assert run(workspace, "issue", str(workspace.meetings / f"{TINY}.yaml"), "--date", "1404/02/01") == 1
    assert capsys.readouterr().err == "error: keys/office.p12: cannot open it: wrong password, or not a PKCS#12 file\n"
    assert not (workspace.root / "archive").exists()
