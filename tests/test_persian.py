"""Persian normalisation, digits, search keys and the typing lint, checked on examples and the seed."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.lint.rules import LINT_CODES, Suggestion, apply, lint
from minutes.text.persian import NBSP, ZWNJ, display, fold_for_search, line_col, normalize, persian_digits

SEED = Path(__file__).resolve().parent / "fixtures/seed-news.txt"  # ../shared/seed/, byte for byte
ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


# --- normalize -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كارگروه اجتماعي", "کارگروه اجتماعی"),
        ("مصطفى", "مصطفی"),
        (f"موسی{NBSP}پور", "موسی پور"),
        ("a\u2009\u2009b\u3000c", "a b c"),
        ("یک  \t دو", "یک دو"),
        ("  سطر اول  \n\t سطر دوم \n", "سطر اول\nسطر دوم\n"),
        (f"می{ZWNJ}شود", f"می{ZWNJ}شود"),
        ("ساعت 10:30 و ۱۲ و ١٢", "ساعت 10:30 و ۱۲ و ١٢"),
        ("«نقل‌قول»، (پرانتز)؛ ؟!", "«نقل‌قول»، (پرانتز)؛ ؟!"),
        ("\n\n", "\n\n"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


# --- digits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ساعت 10:30", "ساعت ۱۰:۳۰"),
        ("COVID-19 در 1403", "COVID-19 در ۱۴۰۳"),
        ("https://x.ir/a/12 و 12", "https://x.ir/a/12 و ۱۲"),
        ("www.x12.ir و ١٢", "www.x12.ir و ۱۲"),
        ("info2@x.ir", "info2@x.ir"),
        ("کاغذ A4 و ISO9001 و H2O", "کاغذ A4 و ISO9001 و H2O"),
        ("۴برنامه", "۴برنامه"),
        ("4برنامه", "۴برنامه"),
        ("021-88776655", "۰۲۱-۸۸۷۷۶۶۵۵"),
        ("1403/05/17", "۱۴۰۳/۰۵/۱۷"),
        ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"),
        ("no digits", "no digits"),
    ],
)
def test_persian_digits(text: str, expected: str) -> None:
    assert persian_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("جلسه  شماره 12\u00a0كارگروه ", "جلسه شماره ۱۲ کارگروه"),
        ("COVID-19  در  1403", "COVID-19 در ۱۴۰۳"),
    ],
)
def test_display(text: str, expected: str) -> None:
    assert display(text) == expected


# --- search keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (("کارگروه", "كارگروه"), "کارگروه"),
        ((f"می{ZWNJ}شود", "می شود", "میشود", f"مي{NBSP}شود"), "میشود"),
        (("۱۴۰۳/۰۵/۱۷", "1403/05/17", "١٤٠٣/٠٥/١٧"), "1403/05/17"),
        ((" برنامه ریزی\n", f"برنامه{ZWNJ}ریزی"), "برنامهریزی"),
    ],
)
def test_fold_for_search(variants: tuple[str, ...], key: str) -> None:
    assert {fold_for_search(variant) for variant in variants} == {key}


# --- line and column -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, (1, 1)), (3, (1, 4)), (4, (1, 5)), (5, (2, 1)), (7, (2, 3)), (8, (3, 1))],
)
def test_line_col(offset: int, expected: tuple[int, int]) -> None:
    assert line_col("ab\u200cc\nde\n", offset) == expected


def test_line_col_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        line_col("abc", 4)


# --- apply ---------------------------------------------------------------------------------


def test_apply_replaces_and_inserts_in_offset_order() -> None:
    suggestions = [
        Suggestion(4, 0, "X", "test"),
        Suggestion(4, 0, "Y", "test"),
        Suggestion(4, 1, ZWNJ, "half-space"),
        Suggestion(0, 0, "«", "quotes"),
    ]
    assert apply("ab c d", suggestions) == f"«ab cXY{ZWNJ}d"


def test_apply_rejects_overlapping_suggestions() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        apply("abcdef", [Suggestion(0, 3, "", "x"), Suggestion(2, 1, "", "x")])


# --- lint, one code at a time --------------------------------------------------------------

LINT_EXAMPLES = [
    # (text, codes of its suggestions in order, text with all of them applied)
    # bad-character: direction controls, controls and stray invisible characters are removed
    ("شماره \u202e0001\u202c ثبت شد", ["bad-character", "bad-character"], "شماره 0001 ثبت شد"),
    ("زنگ\x07 و فاصله\u200bصفر", ["bad-character", "bad-character"], "زنگ و فاصلهصفر"),
    # arabic-letter
    ("كارگروه", ["arabic-letter"], "کارگروه"),
    ("مصطفى علي", ["arabic-letter", "arabic-letter"], "مصطفی علی"),
    # nbsp
    (f"درجلسه{NBSP} کارگروه", ["nbsp"], "درجلسه کارگروه"),
    (f"دفتر{NBSP}اجتماعی", ["nbsp"], "دفتر اجتماعی"),
    # half-space, separated by a space or a no-break space
    ("آسیب های اجتماعی", ["half-space"], f"آسیب{ZWNJ}های اجتماعی"),
    ("برنامه های خود", ["half-space"], f"برنامه{ZWNJ}های خود"),
    (f"برنامه{NBSP}هایی", ["half-space"], f"برنامه{ZWNJ}هایی"),
    ("می شود", ["half-space"], f"می{ZWNJ}شود"),
    (f"نمی{NBSP}توان", ["half-space"], f"نمی{ZWNJ}توان"),
    ("ساده تر", ["half-space"], f"ساده{ZWNJ}تر"),
    ("بزرگ ترین", ["half-space"], f"بزرگ{ZWNJ}ترین"),
    ("برنامه ریزی", ["half-space"], f"برنامه{ZWNJ}ریزی"),
    ("موسی پور", ["half-space"], f"موسی{ZWNJ}پور"),
    ("صادق زاده", ["half-space"], f"صادق{ZWNJ}زاده"),
    ("دانش بنیان", ["half-space"], f"دانش{ZWNJ}بنیان"),
    ("آینده نگری", ["half-space"], f"آینده{ZWNJ}نگری"),
    ("گفتمان سازی", ["half-space"], f"گفتمان{ZWNJ}سازی"),
    ("آسیب پذیر", ["half-space"], f"آسیب{ZWNJ}پذیر"),
    ("درون زا", ["half-space"], f"درون{ZWNJ}زا"),
    ("جهت گیری", ["half-space"], f"جهت{ZWNJ}گیری"),
    ("سه گانه", ["half-space"], f"سه{ZWNJ}گانه"),
    ("کوتاه مدت", ["half-space"], f"کوتاه{ZWNJ}مدت"),
    ("بلند مدت", ["half-space"], "بلندمدت"),
    ("فن آوری", ["half-space"], f"فن{ZWNJ}آوری"),
    ("نتیجه گیری", ["half-space"], f"نتیجه{ZWNJ}گیری"),
    ("برنامه ریزی های", ["half-space", "half-space"], f"برنامه{ZWNJ}ریزی{ZWNJ}های"),
    # half-space, glued
    ("میشود", ["half-space"], f"می{ZWNJ}شود"),
    ("میتوان", ["half-space"], f"می{ZWNJ}توان"),
    ("نمیکردند", ["half-space"], f"نمی{ZWNJ}کردند"),
    ("دستگاههای", ["half-space"], f"دستگاه{ZWNJ}های"),
    ("دستگاهها", ["half-space"], f"دستگاه{ZWNJ}ها"),
    ("طرح و طرحهای", ["half-space"], f"طرح و طرح{ZWNJ}های"),
    ("موسیپور", ["half-space"], f"موسی{ZWNJ}پور"),
    # space-after-punctuation
    ("شد.مدیران", ["space-after-punctuation"], "شد. مدیران"),
    ("مطلق،کاهش", ["space-after-punctuation"], "مطلق، کاهش"),
    ("دستور:بررسی", ["space-after-punctuation"], "دستور: بررسی"),
    ("چرا؟چون", ["space-after-punctuation"], "چرا؟ چون"),
    # space-before-punctuation
    ("کردند .", ["space-before-punctuation"], "کردند."),
    ("اجتماعی ، فرهنگی", ["space-before-punctuation"], "اجتماعی، فرهنگی"),
    ("ساعت : ۱۰", ["space-before-punctuation"], "ساعت: ۱۰"),
    ("اجتماعی ،برنامه", ["space-before-punctuation", "space-after-punctuation"], "اجتماعی، برنامه"),
    # digit-glued
    ("4برنامه", ["digit-glued"], "4 برنامه"),
    ("۲۰درصد", ["digit-glued"], "۲۰ درصد"),
    # glued-va
    ("کردندو رفتند", ["glued-va"], "کردند و رفتند"),
    ("گفتمان وگفتمان", ["glued-va"], "گفتمان و گفتمان"),
    ("اطلاع واطلاع", ["glued-va"], "اطلاع و اطلاع"),
    # quotes
    ('گفت "کار تمام است" و رفت', ["quotes", "quotes"], "گفت «کار تمام است» و رفت"),
    # double-space
    ("یک  دو   سه", ["double-space", "double-space"], "یک دو سه"),
    # suspect-spelling
    ("ئاجرای طرح", ["suspect-spelling"], "اجرای طرح"),
    ("ئیدئولوژی", ["suspect-spelling"], "ایدئولوژی"),
    (
        "مقاومتی و مقاومتی و مقاومتی و مقاوتی",
        ["suspect-spelling"],
        "مقاومتی و مقاومتی و مقاومتی و مقاومتی",
    ),
    # repeated-paragraph
    ("سطر اول جلسه\nسطر دوم جلسه\nسطر اول  جلسه\n", ["repeated-paragraph"], "سطر اول جلسه\nسطر دوم جلسه\n"),
    ("سطر اول جلسه\nسطر دوم جلسه\nسطر اول جلسه", ["repeated-paragraph"], "سطر اول جلسه\nسطر دوم جلسه\n"),
]


@pytest.mark.parametrize(("text", "codes", "fixed"), LINT_EXAMPLES)
def test_lint_codes(text: str, codes: list[str], fixed: str) -> None:
    suggestions = lint(text)
    assert [s.code for s in suggestions] == codes
    assert apply(text, suggestions) == fixed
    assert lint(fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "میز میان میدان میراث میلیون میوه میهن میزان مینا میل همیشه",
        "تحقیقات میدانی",
        "دختر دفتر بستر اختر کمتر",
        "وزارت وظایف وی وزیر",
        "به مدت دو سال و در این مدت",
        "تنها آنها",
        "کارها",
        "ساعت 10:30 و 12.5 و 1403/05/17",
        "https://x.ir/a.ب و info@x.ir",
        "۱۴۰۳ ه.ش",
        "جلسه ۱۲ام",
        "COVID-19را",
        'He said "hi"',
        f"می{ZWNJ}شود و برنامه{ZWNJ}ریزی",
        "مقاومت و مقاومت و مقاومت و مقاومتی",
        "باشند باشند باشند باشد",
        "تصویب شد.\nتصویب شد.",
    ],
)
def test_lint_leaves_correct_text_alone(text: str) -> None:
    assert lint(text) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("موسی پور", "write «موسی‌پور» with a half-space instead of «موسی پور»"),
        ("بلند مدت", "write «بلندمدت» as one word instead of «بلند مدت»"),
        (f"می{NBSP}شود", f"write «می‌شود» with a half-space instead of the no-break space in «می{NBSP}شود»"),
        (f"دفتر{NBSP}اجتماعی", f"replace the no-break space in «دفتر{NBSP}اجتماعی» with a plain space"),
        (
            "مقاومتی مقاومتی مقاومتی مقاوتی",
            "possible typo: «مقاوتی» occurs once but «مقاومتی» 3 times; did you mean «مقاومتی»?",
        ),
        ("شد.مدیران", "add a space after the punctuation mark: «شد. مدیران» instead of «شد.مدیران»"),
        ("کردندو", "separate the conjunction «و»: «کردند و» instead of «کردندو»"),
        ("ئاجرای", "possible typo: no Persian word starts with «ئ»; write «اجرای» instead of «ئاجرای»"),
        ("سطر اول جلسه\nسطر اول جلسه", "line 2 repeats line 1 word for word; remove the copy"),
    ],
)
def test_lint_messages_quote_the_text_and_the_fix(text: str, message: str) -> None:
    assert [s.message for s in lint(text)] == [message]


def test_overlapping_fixes_merge_under_the_first_code() -> None:
    text = f"طرح{NBSP} ،طرح"
    suggestions = lint(text)
    assert [(s.offset, s.length, s.replacement, s.code) for s in suggestions] == [
        (3, 2, "", "nbsp"),
        (6, 0, " ", "space-after-punctuation"),
    ]
    assert apply(text, suggestions) == "طرح، طرح"


def test_every_lint_code_has_examples() -> None:
    assert {code for _, codes, _ in LINT_EXAMPLES for code in codes} == set(LINT_CODES)
    assert len(LINT_CODES) == 12


# --- the seed news item --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _reported(text: str, suggestions: list[Suggestion], span: str) -> Suggestion:
    """The one suggestion inside (or at the edges of) the first ``span`` in ``text``."""
    start = text.index(span)
    end = start + len(span)
    touching = [s for s in suggestions if start <= s.offset <= end and s.offset + s.length <= end]
    assert len(touching) == 1, (span, touching)
    return touching[0]


@pytest.mark.parametrize(
    ("span", "code", "replacement"),
    [
        ("دستگاههای", "half-space", ZWNJ),
        ("برنامه ریزی", "half-space", ZWNJ),
        ("موسی پور", "half-space", ZWNJ),
        ("شد.مدیران", "space-after-punctuation", " "),
        ("کردندو", "glued-va", " "),
        ("مقاوتی", "suspect-spelling", "م"),
        ("ئاجرای", "suspect-spelling", ""),
        ("4برنامه", "digit-glued", " "),
        ("مطلق،کاهش", "space-after-punctuation", " "),
        ("کردند .", "space-before-punctuation", ""),
        ("وگفتمان", "glued-va", " "),
        ("آسیب های", "half-space", ZWNJ),
        ("میشود", "half-space", ZWNJ),
        ("بلند مدت", "half-space", ""),
    ],
)
def test_seed_defects_are_reported(seed: str, span: str, code: str, replacement: str) -> None:
    found = _reported(seed, lint(seed), span)
    assert (found.code, found.replacement) == (code, replacement)


def test_seed_no_break_spaces_are_reported(seed: str) -> None:
    suggestions = lint(seed)
    repeated = [s for s in suggestions if s.code == "repeated-paragraph"]
    assert len(repeated) == 1
    removed = range(repeated[0].offset, repeated[0].offset + repeated[0].length)
    positions = [i for i, char in enumerate(seed) if char == NBSP]
    assert len(positions) == 14
    for position in positions:
        covering = [s for s in suggestions if s.offset <= position < s.offset + s.length]
        assert len(covering) == 1, position
        # The one inside the repeated copy goes with it; every other one has its own suggestion.
        expected = {"repeated-paragraph"} if position in removed else {"nbsp", "half-space"}
        assert covering[0].code in expected, position
    assert sum(position in removed for position in positions) == 1


def test_seed_repeated_paragraph_is_the_second_one(seed: str) -> None:
    lines = seed.split("\n")
    (repeated,) = [s for s in lint(seed) if s.code == "repeated-paragraph"]
    assert line_col(seed, repeated.offset) == (len(lines), 1)
    assert seed[repeated.offset : repeated.offset + repeated.length] == lines[1]
    assert repeated.message == f"line {len(lines)} repeats line 2 word for word; remove the copy"


def test_seed_fixed(seed: str) -> None:
    fixed = apply(seed, lint(seed))
    for expected in ("موسی‌پور", "برنامه‌ریزی", "دستگاه‌های", "شد. مدیران", "کردند و", "مقاومتی", "اجرای طرح"):
        assert expected in fixed
    assert "مقاوتی" not in fixed
    assert NBSP not in fixed
    assert fixed.count("این کارگروه که با") == 1
    assert lint(fixed) == []


def test_seed_suggestions_are_ordered_and_disjoint(seed: str) -> None:
    suggestions = lint(seed)
    assert all(s.code in LINT_CODES and s.message for s in suggestions)
    for first, second in zip(suggestions, suggestions[1:], strict=False):
        assert first.offset + first.length <= second.offset


# --- properties ----------------------------------------------------------------------------

SPACES = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Zs") + "\t"
PERSIANISH = [" ", NBSP, ZWNJ, "ي", "ك", "ى", ".", "،", "و", "ه", "ا", "ی", "م", "ن", "د"]
# fmt: off
FRAGMENTS = [
    *PERSIANISH, "\n", '"', ":", "؟", "4", "۱۲", "ئ", "می", "نمی", "شود", "کردند", "ها", "های", "تر",
    "برنامه", "ریزی", "موسی", "پور", "مدت", "بلند", "طرح", "گفتمان", "مقاومتی", "مقاوتی", "ئاجرای",
    "کردندو", "وگفتمان", "دستگاه", "A4", "https://x.ir/1", "  ",
]
# fmt: on
persianish_text = st.text(alphabet=st.sampled_from(PERSIANISH), max_size=60)
fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
def test_persian_digits_is_idempotent(text: str) -> None:
    assert persian_digits(persian_digits(text)) == persian_digits(text)


@given(st.text())
def test_display_is_idempotent(text: str) -> None:
    assert display(display(text)) == display(text)


@given(st.text() | persianish_text)
def test_normalize_changes_only_letters_and_spaces(text: str) -> None:
    result = normalize(text)
    assert all(char in text or char in "یک " for char in result)

    def without_spaces(value: str) -> str:
        return "".join(char for char in value if char not in SPACES).translate(ARABIC_LETTERS)

    assert without_spaces(result) == without_spaces(text)
    assert result.count("\n") == text.count("\n")
    assert result.count(ZWNJ) == text.count(ZWNJ)


@given(st.text(alphabet="0123456789"))
def test_digits_round_trip(digits: str) -> None:
    shown = persian_digits(digits)
    assert all("۰" <= char <= "۹" for char in shown)
    assert fold_for_search(shown) == digits


@settings(max_examples=300)
@given(persianish_text | fragment_text)
def test_lint_fixes_converge(text: str) -> None:
    suggestions = lint(text)
    for first, second in zip(suggestions, suggestions[1:], strict=False):
        assert first.offset <= second.offset
    assert lint(apply(text, suggestions)) == []
