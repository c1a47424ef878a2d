"""Mixed-script references (letter numbers, decision numbers, URLs, e-mail addresses, codes) print
as one unit each, in the order a Persian reader expects, and are never broken across lines: checked
on the word boxes poppler finds on the page (``pdftotext -bbox``), not only on the extracted string."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

from conftest import ROOT

from minutes.cli import main
from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"
LARGE = "social-cultural-1403-05-17"
# Each reference as typed, and the words poppler finds for it on one line, from left to right.
REFERENCES = {
    "۱۲۳۴/ص/۱۴۰۳": ["۱۴۰۳/ص/۱۲۳۴"],  # a letter number reads right to left: serial at the right
    "۴۴۱/پ": ["پ/۴۴۱"],
    "https://social.example.ir/monitor/reports": ["https://social.example.ir/monitor/reports"],
    "monitor@social.example.ir": ["monitor@social.example.ir"],
    "ISO/IEC 27001": ["ISO/IEC", "۲۷۰۰۱"],
    "۱۲-۲": ["۱۲-۲"],
    "031-32224455": ["۰۳۱-۳۲۲۲۴۴۵۵"],
}
FILLER = ["و", "برای", "پیگیری", "دستگاه‌های", "اجرایی", "استان", "گزارش", "ارسال", "شود", "همچنین"]


def lines_of_words(path: Path) -> list[list[str]]:
    """Each line of each page as poppler's words from left to right (Persian words come out reversed)."""
    result = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for page, body in enumerate(result.stdout.split("<page ")[1:]):
        for x, y, word in re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]+)</word>', body):
            lines.setdefault((page, round(float(y))), []).append((float(x), word))
    return [[word for _, word in sorted(words)] for _, words in sorted(lines.items())]


def units(path: Path) -> Counter[str]:
    """How often each reference appears on one line as the expected words, side by side."""
    found: Counter[str] = Counter()
    for line in lines_of_words(path):
        for reference, words in REFERENCES.items():
            found[reference] += sum(line[i:i + len(words)] == words for i in range(len(line)))
    return found


def letter_full_of_references(workspace: Workspace, out: Path) -> Path:
    """A long letter whose paragraphs name every reference often, at every place in a line."""
    paragraphs = []
    for n in range(24):
        filler = " ".join(FILLER[(n + i) % len(FILLER)] for i in range(n % 7 + 2))
        paragraphs.append(f"{filler} " + "، ".join(f"{reference} {FILLER[(n + j) % len(FILLER)]}"
                                                   for j, reference in enumerate(REFERENCES)))
    body = "\n\n".join(paragraphs)
    letter = ("letters:\n  - to: rahimi\n    subject: نشانی‌ها و شماره‌ها\n    signatories: [nouri]\n    body: |\n"
              + "".join(f"      {line}\n" if line else "\n" for line in body.split("\n")))
    record = workspace.meetings / f"{TINY}.yaml"
    record.write_text(record.read_text(encoding="utf-8") + letter, encoding="utf-8")
    assert main(["-C", str(workspace.root), "build", str(record), "-o", str(out)]) == 0
    return out / TINY / "letter-1.pdf"


def test_every_reference_is_one_unit_in_reading_order(workspace: Workspace, tmp_path: Path) -> None:
    found = units(letter_full_of_references(workspace, tmp_path))
    assert found == dict.fromkeys(REFERENCES, 24)


def test_without_the_stylesheet_rule_references_would_break(workspace: Workspace, tmp_path: Path) -> None:
    """The check above can fail: without ``bdi { white-space: nowrap }`` lines break inside references."""
    style = (ROOT / "minutes" / "templates" / "style.css").read_text(encoding="utf-8")
    rule = re.compile(r"^bdi \{ white-space: nowrap; \}.*$", re.M)
    assert rule.search(style)
    (workspace.templates / "style.css").write_text(rule.sub("", style), encoding="utf-8")
    found = units(letter_full_of_references(workspace, tmp_path))
    assert sum(found.values()) < 24 * len(REFERENCES)


def test_references_of_the_large_example_on_one_line(seed_build: Path) -> None:
    """The introduction letters and the URL of the large example, which the page once broke."""
    words = [word for line in lines_of_words(seed_build.parent / LARGE / "minutes.pdf") for word in line]
    for shown in ("۱۴۰۳/د/۱۲۳۴۵", "پ/۴۴۱", "ص/۴۵۶۷", "https://social.example.ir/monitor",
                  "monitor@social.example.ir"):
        assert shown in words, shown
