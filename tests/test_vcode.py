"""Verification codes: derived from the issued record, number and date; typed back in any reasonable way."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from minutes.vcode import ALPHABET, codes_of, derive_code, parse_code, qr_data_uri

RECORD = "3f" * 32
CODE_SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def test_code_is_grouped_base32_and_stable() -> None:
    code = derive_code(RECORD, "04/2", "1404/02/01")
    assert CODE_SHAPE.match(code)
    assert code == derive_code(RECORD, "04/2", "1404/02/01")


def test_each_input_changes_the_code() -> None:
    base = derive_code(RECORD, "04/2", "1404/02/01")
    assert len({base, derive_code("40" * 32, "04/2", "1404/02/01"), derive_code(RECORD, "04/3", "1404/02/01"),
                derive_code(RECORD, "04/2", "1404/02/02")}) == 4


def test_codes_of_an_issued_text_hash_it() -> None:
    text = b"meeting: {}\n"
    digest = hashlib.sha256(text).hexdigest()
    assert codes_of(text, {"minutes": "04/1", "letter-x": "04/2"}, "1404/02/01") == {
        "minutes": derive_code(digest, "04/1", "1404/02/01"), "letter-x": derive_code(digest, "04/2", "1404/02/01")}


def test_code_reveals_nothing_but_a_hash() -> None:
    """The code is a cut hash: none of its inputs' text appears in it."""
    code = derive_code(RECORD, "1234/5678", "1404/02/01")
    assert "1234" not in code and "5678" not in code and "1404" not in code


def test_parse_accepts_what_people_type() -> None:
    code = derive_code(RECORD, "04/2", "1404/02/01")
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for typed in (code, code.lower(), code.replace("-", ""), code.replace("-", " "), f"  {persian} ",
                  code.replace("0", "O").replace("1", "I")):
        assert parse_code(typed) == code, typed


@pytest.mark.parametrize("typed, why", [("ABCD-EFGH", "12 letters"), ("ABCD-EFGH-JKU!", "never appears"),
                                        ("", "12 letters")])
def test_parse_names_what_is_wrong(typed: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_code(typed)


def test_a_single_mistyped_character_is_caught_mostly() -> None:
    """One wrong character is caught unless the check character happens to agree (about 1 in 32)."""
    code = derive_code(RECORD, "04/2", "1404/02/01").replace("-", "")
    typos = [code[:i] + c + code[i + 1:] for i in range(11) for c in ALPHABET if c != code[i]]
    rejected = 0
    for typo in typos:
        try:
            parse_code(typo)
        except ValueError:
            rejected += 1
    assert rejected / len(typos) > 0.9


def test_qr_is_an_svg_data_uri_of_the_code() -> None:
    uri = qr_data_uri("VK8F-5CAT-2QFV")
    assert uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 23 23"')  # version 1 plus border
