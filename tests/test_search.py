"""Search that forgives Persian typing: ی/ي, ک/ك, half-space/space/none, Persian/Latin digits, Latin case,
decimal separators; names, posts and absence reasons are found too."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import ROOT

from minutes.archive.search import TABLE, Hit, index_record, record_texts, search
from minutes.sources import check_workspace as validate
from minutes.text.persian import fold_for_search, fold_with_offsets
from minutes.workspace import Workspace

LARGE = "social-cultural-1403-05-17"


@pytest.fixture
def index():
    connection = sqlite3.connect(":memory:")
    connection.execute(TABLE)
    validated = validate(Workspace.at(ROOT))
    for item in validated.records:
        index_record(connection, item.name, record_texts(item, validated.directory))
    index_record(connection, "typed", [("x/1/1", "این کار می‌شود و در سال 1404 انجام خواهد شد"),
                                       ("x/1/2", "ارسال پیامک (SMS) به ۲٫۵ درصد خانوارها پس از COVID-19")])
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


@pytest.mark.parametrize(("query", "shown"), [
    ("sms", "(SMS)"), ("Sms", "(SMS)"), ("covid", "COVID-19"), ("Covid-19", "COVID-19"),  # any case
    ("2.5 درصد", "۲٫۵ درصد"), ("۲,۵", "۲٫۵"), ("2٫5", "۲٫۵"),  # any decimal separator
])
def test_latin_in_any_case_and_decimals_with_any_separator_give_a_snippet(index, query: str, shown: str) -> None:
    [hit] = [hit for hit in search(index, query) if hit.record == "typed"]
    assert hit.decision == "x/1/2"
    assert shown in hit.snippet


def test_names_posts_and_absence_reasons_are_found(index) -> None:
    hits = search(index, "میرزایی")  # absent from the large meeting, a substitute came in his place
    [snippet] = [hit.snippet for hit in hits if hit.record == LARGE]
    assert snippet.startswith("دکتر حمیدرضا میرزایی (رئیس دانشگاه علوم پزشکی استان): مأموری")
    assert any(hit.record == LARGE for hit in search(index, "مأموريت خارج از استان"))
    assert {hit.record for hit in search(index, "مدیرکل آموزش و پرورش")} >= {LARGE}


def test_hit_names_decision_and_shows_original_text(index) -> None:
    hits = [h for h in search(index, "دبیرخانه ستاد") if h.decision]
    assert [h.decision for h in hits] == ["social-cultural-wg/1395-08-12/1"]
    assert "دبیرخانه ستاد فرماندهی" in hits[0].snippet


def test_no_match_and_wildcards_are_literal(index) -> None:
    assert search(index, "واژه‌ای که نیست") == []
    assert search(index, "%") == []
    assert search(index, "   ") == []


def test_superseded_versions_are_marked() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(TABLE)
    for folder in ("a/v1", "a/v2", "b/v1"):
        index_record(connection, folder, [("", "متن مشترک")])
    hits = search(connection, "متن مشترک", {"a": 2, "b": 1})
    assert hits == [Hit("a/v1", "", "متن مشترک", 2), Hit("a/v2", "", "متن مشترک"), Hit("b/v1", "", "متن مشترک")]


def test_offsets_map_folded_characters_back() -> None:
    text = "می‌شود  كار ۱۲ و SMS ۲٫۵"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold_for_search(text) == "میشودکار12وsms2.5"
    assert "".join(text[i] for i in offsets) == "میشودكار۱۲وSMS۲٫۵"
