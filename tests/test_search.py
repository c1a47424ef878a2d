"""Search that forgives Persian typing: ی/ي, ک/ك, half-space/space/none, Persian/Latin digits."""

from __future__ import annotations

import pytest
from conftest import ROOT

from minutes.archive.search import fold_with_offsets, index_record, open_index, record_texts, search
from minutes.sources import check_workspace as validate
from minutes.text.persian import fold_for_search
from minutes.workspace import Workspace


@pytest.fixture
def index():
    connection = open_index(":memory:")
    for item in validate(Workspace.at(ROOT)).records:
        index_record(connection, item.name, record_texts(item))
    index_record(connection, "typed", [("x/1/1", "این کار می‌شود و در سال 1404 انجام خواهد شد")])
    return connection


@pytest.mark.parametrize(("query", "record"), [
    ("كارگروه", "social-cultural-1395-08-12"),      # Arabic kaf finds Persian kaf
    ("آسيب های اجتماعی", "social-cultural-1395-08-12"),  # Arabic yeh and a space for the half-space
    ("میشود", "typed"),                              # no space for the half-space
    ("می شود", "typed"),
    ("۱۴۰۴", "typed"),                               # Persian digits find Latin ones
])
def test_folded_queries_match(index, query: str, record: str) -> None:
    assert record in {hit.record for hit in search(index, query)}


def test_hit_names_decision_and_shows_original_text(index) -> None:
    hits = [h for h in search(index, "دبیرخانه ستاد") if h.decision]
    assert [h.decision for h in hits] == ["social-cultural-wg/1395-08-12/1"]
    assert "دبیرخانه ستاد فرماندهی" in hits[0].snippet


def test_no_match_and_wildcards_are_literal(index) -> None:
    assert search(index, "واژه‌ای که نیست") == []
    assert search(index, "%") == []
    assert search(index, "   ") == []


def test_offsets_map_folded_characters_back() -> None:
    text = "می‌شود  كار ۱۲"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold_for_search(text)
    assert [text[i] for i in offsets] == ["م", "ی", "ش", "و", "د", "ك", "ا", "ر", "۱", "۲"]
