"""Shared fixtures: throwaway copies of the example workspace and helpers to read PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pki import Identity, identity

from minutes.build import build
from minutes.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SEED_RECORD = "social-cultural-1395-08-12"
ONE_PIXEL_PNG = bytes.fromhex(  # a valid image: an emblem, another watermark
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415478da63f8cfc000000301010018dd8db00000000049454e44ae426082")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A writable copy of the repository's example workspace (data and fonts)."""
    root = tmp_path / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "templates").mkdir()
    return Workspace.at(root)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace built once; returns the folder of the seed record's PDFs."""
    out = tmp_path_factory.mktemp("out")
    build(Workspace.at(ROOT), None, out)
    return out / SEED_RECORD


def normalised(text: str) -> list[str]:
    """Markup as its non-blank lines, runs of white space made one space: what a golden snapshot compares."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def comparable(text: str) -> str:
    """Text made comparable with what extractors give: NFKC, no bidi controls or white space
    (extractors misplace spaces around digit and Latin runs). ZWNJ and «لا» must be extracted as written."""
    text = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return "".join(text.split())


def pdftotext(path: Path) -> str:
    """Logical-order text of a PDF, as poppler extracts it."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="session")
def ca() -> Identity:
    """A throwaway certificate authority, made once for the session (nothing secret is committed)."""
    return identity("Test CA", ca=True)


@pytest.fixture(scope="session")
def office(ca: Identity) -> Identity:
    """The office's signing identity, issued by :func:`ca`."""
    return identity("Office of the working group", ca)
