"""The message catalogue: every diagnostic worded in English and Persian, and the language chosen."""

from __future__ import annotations

import re
import string

import pytest

from minutes.cli.console import language_from_environment
from minutes.diagnostics import Diagnostic, InvalidInput, Severity
from minutes.lint.rules import lint
from minutes.messages import LANGUAGES, MESSAGES, PARTS, Phrase, text
from minutes.messages.reports import REPORTS

PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fields(template: str) -> set[tuple[str, str | None, str | None]]:
    """Each placeholder with its format (``{seconds:.1f}``) and conversion."""
    return {(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template) if name}


def test_languages() -> None:
    assert LANGUAGES == ("en", "fa")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_message_has_both_languages_with_the_same_values(key: str) -> None:
    message = MESSAGES[key]
    assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9_-]+)?", key)
    assert placeholders(message.en) == placeholders(message.fa)
    assert fields(message.en) == fields(message.fa), "a value is shown alike in both languages"
    assert PERSIAN_LETTER.search(message.fa), "the Persian wording is Persian"
    assert not PERSIAN_LETTER.search(message.en), "the English wording is English"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_the_persian_wording_passes_the_typing_rules(key: str) -> None:
    wording = re.sub(r"\{[^}]*\}", "X", MESSAGES[key].fa)
    if key in ("build-rate", "build-rate.seconds", "doctor-archive.rerender", "bag-reason"):
        wording = " ".join(wording.split())  # columns two spaces apart, a line indented under another: on purpose
    assert [suggestion.code for suggestion in lint(wording)] == [], "«minutes lint» would correct it"


def test_the_parts_of_the_catalogue_share_no_key() -> None:
    assert sum(len(part) for part in PARTS) == len(MESSAGES)
    assert REPORTS.items() <= MESSAGES.items()


def test_one_diagnostic_in_both_languages() -> None:
    diagnostic = Diagnostic.of("data/meetings/a.yaml", 7, 3, "duplicate-key", name="chair", first_line=6)
    assert str(diagnostic) == diagnostic.format() == diagnostic.format("en") == (
        "data/meetings/a.yaml:7:3: duplicate-key: duplicate key 'chair' (first given on line 6)")
    assert diagnostic.format("fa") == (
        "data/meetings/a.yaml:7:3: duplicate-key: فیلد «chair» تکراری است (بار اول در سطر 6 آمده است)")
    assert diagnostic.message == "duplicate key 'chair' (first given on line 6)"


def test_variants_and_suggestions() -> None:
    diagnostic = Diagnostic.of("r.yaml", 6, 10, "unknown-id", variant="person", id="mousapur", suggestion="mousapour")
    assert diagnostic.format("en").endswith(": unknown-id: no person with id 'mousapur'; did you mean 'mousapour'?")
    assert diagnostic.format("fa").endswith(
        ": unknown-id: شخصی با شناسه «mousapur» در فهرست اشخاص (people) نیست؛ آیا منظورتان «mousapour» است؟")
    without = Diagnostic.of("r.yaml", 6, 10, "unknown-id", variant="person", id="zzz", suggestion="")
    assert "did you mean" not in str(without)
    assert "منظورتان" not in without.format("fa")


def test_values_worded_per_language() -> None:
    esfand = Phrase("Esfand", "اسفند")
    diagnostic = Diagnostic.of("r.yaml", 3, 9, "bad-date", variant="month-length",
                               date="1404/12/30", month=esfand, year=1404, days=29)
    assert str(diagnostic).endswith("1404/12/30 is not a real Jalali date: Esfand 1404 has 29 days")
    assert diagnostic.format("fa").endswith("تاریخ 1404/12/30 وجود ندارد: اسفند 1404 تنها 29 روز دارد")


def test_warnings_are_labelled_in_each_language() -> None:
    warning = Diagnostic.of("r.yaml", 12, 11, "quorum-not-reached", severity=Severity.WARNING, count=4, quorum=5)
    assert ": quorum-not-reached: warning: 4 members attended" in str(warning)
    assert ": quorum-not-reached: هشدار: 4 عضو حاضر بوده‌اند" in warning.format("fa")


def test_a_diagnostic_without_a_template_keeps_its_message() -> None:
    plain = Diagnostic("r.yaml", 1, 1, "custom", "something happened", Severity.WARNING)
    assert str(plain) == "r.yaml:1:1: custom: warning: something happened"
    assert plain.format("fa") == "r.yaml:1:1: custom: هشدار: something happened"


@pytest.mark.parametrize("diagnostic", [
    Diagnostic("r.yaml", 1, 1, "custom", "plain"),
    Diagnostic.of("r.yaml", 1, 1, "no-records"),
])
def test_an_unknown_language_is_refused(diagnostic: Diagnostic) -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        diagnostic.format("de")


def test_wording_does_not_change_order_or_equality() -> None:
    worded = Diagnostic.of("r.yaml", 2, 1, "missing-field", field="place")
    plain = Diagnostic("r.yaml", 2, 1, "missing-field", "'place' is required")
    assert worded == plain
    later = Diagnostic.of("r.yaml", 1, 5, "yaml-key")
    assert InvalidInput([worded, later]).diagnostics == [later, worded]


def test_text_fills_a_template() -> None:
    assert text("too-many", {"limit": 3, "count": 4}) == "at most 3 entries are allowed, not 4"
    assert text("too-many", {"limit": 3, "count": 4}, "fa") == "حداکثر 3 مورد مجاز است، نه 4"


@pytest.mark.parametrize(("environ", "language"), [
    ({}, "en"),
    ({"LANG": "fa_IR.UTF-8"}, "fa"),
    ({"LANG": "fa"}, "fa"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "fa_IR", "LANG": "en_US.UTF-8"}, "fa"),
    ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "fa_IR", "LANG": "fa_IR"}, "en"),
    ({"LC_ALL": "fa_IR.UTF-8", "LANG": "en_US.UTF-8"}, "fa"),
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fa_IR.UTF-8"}, "fa"),
    ({"LANGUAGE": "fa", "LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "fake_XX"}, "en"),
])
def test_language_from_environment(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language
