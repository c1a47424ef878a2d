"""Wording the documents add: the quorum from a body's rule, «مقرر گردید» printed once however the
secretary typed the decision, and a dissent labelled «نظر مخالف» or «تحفظ»."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import ROOT

from minutes.documents.registry import documents_for, followup_documents
from minutes.documents.views import MinutesView
from minutes.model import Body, Dissent
from minutes.quorum import parse_quorum
from minutes.render import environment, render_document
from minutes.sources import check_workspace as validate
from minutes.text.jalali import JalaliDate
from minutes.validate import Validated, ValidRecord
from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"


@pytest.fixture(scope="module")
def validated() -> Validated:
    return validate(Workspace.at(ROOT))


def record(validated: Validated, name: str) -> ValidRecord:
    return next(item for item in validated.records if item.name == name)


def with_body(validated: Validated, **changes: object) -> Validated:
    """The validated workspace with the tiny record's committee changed."""
    directory = validated.directory
    body: Body = directory.bodies["harms-committee"].model_copy(update=changes)
    bodies = {**directory.bodies, "harms-committee": body}
    return dataclasses.replace(validated, directory=directory.model_copy(update={"bodies": bodies}))


def quorum_statement(validated: Validated, item: ValidRecord) -> str:
    view = documents_for(item, validated.directory)[0].view
    assert isinstance(view, MinutesView) and view.quorum is not None
    return str(view.quorum)


@pytest.mark.parametrize(("rule", "members", "statement"), [
    ("2/3", 3, "با حضور ۳ نفر از اعضا و با توجه به حد نصاب دو سوم اعضا (۲ نفر از ۳ عضو)، جلسه رسمیت یافت."),
    ("2/3", 5, "با حضور ۳ نفر از اعضا، جلسه به حد نصاب دو سوم اعضا (۴ نفر از ۵ عضو) نرسید."),
    ("majority", 4, "با حضور ۳ نفر از اعضا و با توجه به حد نصاب نصف به علاوه یک اعضا (۳ نفر از ۴ عضو)، جلسه رسمیت "
                    "یافت."),
    ("majority", 6, "با حضور ۳ نفر از اعضا، جلسه به حد نصاب نصف به علاوه یک اعضا (۴ نفر از ۶ عضو) نرسید."),
    ("3", 9, "با حضور ۳ نفر از اعضا و با توجه به حد نصاب ۳ نفر، جلسه رسمیت یافت."),
    ("5/7", 7, "با حضور ۳ نفر از اعضا، جلسه به حد نصاب ۵/۷ اعضا (۵ نفر از ۷ عضو) نرسید."),
])
def test_the_quorum_from_the_bodys_rule_is_computed_and_stated(validated: Validated, rule: str, members: int,
                                                              statement: str) -> None:
    people = ["nouri", "kiani", "salehi", *(f"member-{n}" for n in range(members - 3))]
    changed = with_body(validated, quorum=parse_quorum(rule), members=people)
    assert quorum_statement(changed, record(changed, TINY)) == statement


def test_the_meetings_own_quorum_wins_over_the_rule(validated: Validated) -> None:
    item = record(validated, TINY)
    assert "دو سوم اعضا (۲ نفر از ۳ عضو)" in quorum_statement(validated, item)
    meeting = item.record.meeting.model_copy(update={"quorum": 3})
    own = dataclasses.replace(item, record=item.record.model_copy(update={"meeting": meeting}))
    assert quorum_statement(validated, own) == "با حضور ۳ نفر از اعضا و با توجه به حد نصاب ۳ نفر، جلسه رسمیت یافت."


def plain(document_html: str) -> str:
    """Visible text of rendered HTML, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", document_html).split())


def with_decision(item: ValidRecord, **changes: object) -> ValidRecord:
    """The tiny record with its decision changed."""
    decision = item.record.decisions[0].model_copy(update=changes)
    return dataclasses.replace(item, record=item.record.model_copy(update={"decisions": [decision]}))


TYPED = ["مقرر گردید ", "مقرر گرديد: ", "مقرر\u200cگردید ", "مقررگردید ", "مقرر شد ", "مصوب گردید، ",
         "مقرر گردید مقرر گردید "]


@pytest.mark.parametrize("typed", TYPED)
def test_a_typed_decision_prefix_is_printed_once(validated: Validated, typed: str) -> None:
    """The fault of issue 12: «مقرر گردید مقرر گردید …» in every document that puts the phrase before a decision."""
    item = record(validated, TINY)
    text = item.record.decisions[0].text
    typed_item = with_decision(item, text=typed + text)
    documents = {doc.key: doc for doc in documents_for(typed_item, validated.directory)}
    body = typed_item.record.meeting.body
    overdue = followup_documents([typed_item], validated.directory, JalaliDate(1404, 1, 1), body)
    documents |= {doc.key: doc for doc in overdue if doc.key.startswith("reminder")}
    env = environment(Workspace.at(ROOT))
    for key in ("minutes", "letter-notify-education", "brief", "brief-text", "reminder-education"):
        shown = plain(render_document(env, documents[key]))
        assert shown.count("مقرر گردید") == 1, key
        assert f"مقرر گردید {text[:20]}" in shown, key


@pytest.mark.parametrize(("kind", "label"), [(None, "نظر مخالف"), ("dissent", "نظر مخالف"), ("reservation", "تحفظ")])
def test_a_dissent_is_labelled_as_its_kind(validated: Validated, kind: str | None, label: str) -> None:
    item = record(validated, TINY)
    given = {"person": "kiani", "note": "بودجه آن پیش‌بینی نشده است."} | ({"kind": kind} if kind else {})
    changed = with_decision(item, dissent=[Dissent.model_validate(given)])
    minutes = {doc.key: doc for doc in documents_for(changed, validated.directory)}["minutes"]
    shown = plain(render_document(environment(Workspace.at(ROOT)), minutes))
    assert f"{label} الهام کیانی (" in shown
    others = {"نظر مخالف", "تحفظ"} - {label}
    assert not any(other in shown for other in others)
