"""bench/fidelity.py on the seed record (drafts and issued originals) as assertions: every word of
the HTML is found in the PDF text by each extractor, ZWNJ and «لا» included, with no presentation forms."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from conftest import ROOT, SEED_RECORD

# The share of the HTML's words each extractor must find exactly (pdftotext misplaces the spaces
# around numbers in right-to-left lines; Chromium's PDFs fare no better there).
WORDS_AT_LEAST = {"pdftotext": 90.0, "pdfium": 97.0, "pdfminer": 99.5}


def fidelity() -> ModuleType:
    """bench/fidelity.py (a script, not a package module)."""
    if "fidelity" not in sys.modules:
        spec = importlib.util.spec_from_file_location("fidelity", ROOT / "bench" / "fidelity.py")
        assert spec is not None and spec.loader is not None
        sys.modules["fidelity"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["fidelity"]


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, dict[str, float | int]]]:
    return fidelity().measure(ROOT, [SEED_RECORD]).as_json()["weasyprint"]


@pytest.mark.parametrize("kind", ["draft minutes", "draft letter", "original minutes", "original letter"])
@pytest.mark.parametrize("extractor", sorted(WORDS_AT_LEAST))
def test_every_word_is_found(scores: dict[str, dict[str, dict[str, float | int]]], kind: str,
                             extractor: str) -> None:
    score = scores[kind][extractor]
    assert score["zwnj_words"] and score["zwnj %"] == 100.0, score
    assert score["lam_alef_words"] and score["lam-alef %"] == 100.0, score
    assert score["presentation forms"] == 0
    assert score["words %"] >= WORDS_AT_LEAST[extractor], score


def test_the_measure_can_fail() -> None:
    """A PDF that lost its ZWNJs and reads «لا» backwards scores below 100 on both."""
    from collections import Counter

    module = fidelity()
    expected = module.words("می‌خواهم سلامت")
    assert expected == Counter({"می‌خواهم": 1, "سلامت": 1})
    lost = module.score(expected, "میخواهم سالمت")
    assert (lost.found, lost.zwnj_found, lost.lam_alef_found) == (0, 0, 0)
    kept = module.score(expected, "۳.می‌خواهم سلامت")  # glued to a number: not a word, but its letters came through
    assert (kept.found, kept.zwnj_found, kept.lam_alef_found) == (1, 1, 1)
