"""The documents of a record as the templates receive them and as HTML: no PDF rendering here."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import ROOT, SEED_RECORD

from minutes.documents.base import Document, Kind
from minutes.documents.registry import documents_for
from minutes.documents.views import BriefView, LetterView, MinutesView
from minutes.model import FollowUp, Status
from minutes.render import environment, render_document
from minutes.sources import check_workspace as validate
from minutes.text.bidi import text
from minutes.text.jalali import JalaliDate
from minutes.text.persian import display
from minutes.validate import Validated, ValidRecord
from minutes.workspace import Workspace

LARGE = "social-cultural-1403-05-17"
TINY = "harms-committee-1403-05-10"


@pytest.fixture(scope="module")
def validated() -> Validated:
    return validate(Workspace.at(ROOT))


def record(validated: Validated, name: str) -> ValidRecord:
    return next(item for item in validated.records if item.name == name)


def documents(validated: Validated, name: str, **options: object) -> dict[str, Document]:
    return {doc.key: doc for doc in documents_for(record(validated, name), validated.directory, **options)}


def html(document: Document) -> str:
    return render_document(environment(Workspace.at(ROOT)), document)


def plain(document_html: str) -> str:
    """Visible text of rendered HTML, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", document_html).split())


@pytest.mark.parametrize(("raw", "isolated"), [
    ("تلفن 031-32224455 ثبت شد", ["۰۳۱-۳۲۲۲۴۴۵۵"]),
    ("مورخ ۱۴۰۳/۰۵/۱۷ ارسال شد", ["۱۴۰۳/۰۵/۱۷"]),
    ("ساعت 9:30 آغاز شد", ["۹:۳۰"]),
    ("در نشانی https://social.example.ir/monitor.", ["https://social.example.ir/monitor"]),
    ("به monitor@social.example.ir نامه بفرستند", ["monitor@social.example.ir"]),
    ("با رعایت ISO 27001 و از طریق API تبادل شود", ["ISO ۲۷۰۰۱", "API"]),
    ("لایه‌های GIS, API و SMS", ["GIS, API", "SMS"]),
    ('نشانی <a href="x">', ['a href="x']),
    ("بیماری COVID-19 در سال ۱۳۹۹", ["COVID-19"]),
    ("این کارگروه با ۴ برنامه اجرایی", []),
])
def test_left_to_right_runs_are_isolated(raw: str, isolated: list[str]) -> None:
    shown = text(raw)
    assert str(shown) == display(raw)
    assert [run for run, direction in shown.runs if direction == "ltr"] == isolated
    assert shown.__html__().count("<bdi dir=ltr>") == len(isolated)


def test_isolated_text_is_still_escaped() -> None:
    markup = text('<link href="file:///etc/passwd"> تلفن 021-1234').__html__()
    without_isolates = re.sub(r'<bdi dir=ltr>|</bdi>|<span class="long">|</span>', "", markup)
    assert without_isolates == '&lt;link href=&#34;file:///etc/passwd&#34;&gt; تلفن ۰۲۱-۱۲۳۴'
    assert "<bdi dir=ltr>۰۲۱-۱۲۳۴</bdi>" in markup


def test_a_long_isolated_run_may_wrap_and_a_short_one_never() -> None:
    markup = text("نشانی https://social.example.ir/monitoring/reports/1403 و کد ISO/IEC 27001").__html__()
    assert '<bdi dir=ltr><span class="long">https://social.example.ir/monitoring/reports/1403</span></bdi>' in markup
    assert "<bdi dir=ltr>ISO/IEC ۲۷۰۰۱</bdi>" in markup


def test_every_record_gives_minutes_letters_and_brief(validated: Validated) -> None:
    assert list(documents(validated, SEED_RECORD)) == [
        "minutes", "letter-forwarding", "letter-notify-social-cultural-wg", "brief", "brief-text"]
    assert list(documents(validated, TINY)) == ["minutes", "letter-notify-education", "brief", "brief-text"]
    large = documents(validated, LARGE)
    assert [key for key, doc in large.items() if doc.kind is Kind.LETTER][-2:] == ["letter-1", "letter-2"]
    assert [doc.filename for doc in large.values() if not doc.is_pdf] == ["brief.html", "brief.txt"]


def test_large_fixture_is_large(validated: Validated) -> None:
    large = record(validated, LARGE).record
    attendance = large.attendance
    assert len(attendance.present) + len(attendance.substitutes) + len(attendance.guests) >= 40
    assert attendance.substitutes and attendance.guests
    assert len(large.decisions) >= 25
    longest = max((s.summary for item in large.agenda for s in item.discussion), key=len)
    assert len(longest) >= 900
    for needle in ("GIS", "API", "https://", "۰۳۱-۳۲۲۲۴۴۵۵", "۱۴۰۲"):
        assert needle in longest
    tiny = record(validated, TINY).record
    assert (len(tiny.attendance.present), len(tiny.decisions)) == (3, 1)


@pytest.mark.parametrize("name", [SEED_RECORD, TINY, LARGE])
def test_one_notification_per_responsible_unit_with_exactly_its_decisions(validated: Validated, name: str) -> None:
    item = record(validated, name)
    decisions = item.record.decisions
    units = {unit for decision in decisions for unit in decision.responsible}
    letters = {key.removeprefix("letter-notify-"): doc for key, doc in documents(validated, name).items()
               if key.startswith("letter-notify-")}
    assert set(letters) == units
    for unit, letter in letters.items():
        assert isinstance(letter.view, LetterView)
        expected = [display(d.text) for d in decisions if unit in d.responsible]
        assert [str(row.text) for row in letter.view.decisions] == expected


def test_notification_names_the_other_responsible_units(validated: Validated) -> None:
    welfare = documents(validated, LARGE)["letter-notify-welfare"].view
    assert isinstance(welfare, LetterView)
    assert [str(row.partners) for row in welfare.decisions][:3] == [
        "اداره کل ارتباطات و فناوری اطلاعات استان", "", "اداره کل ارتباطات و فناوری اطلاعات استان"]
    assert str(welfare.decisions[0].number) == "۱۲-۲"
    assert "همکاران" in plain(html(documents(validated, LARGE)["letter-notify-welfare"]))
    assert "همکاران" not in plain(html(documents(validated, LARGE)["letter-notify-planning"]))


@pytest.mark.parametrize(("name", "key", "lines"), [
    (LARGE, "letter-1", ["جناب آقای دکتر حمیدرضا میرزایی", "رئیس محترم دانشگاه علوم پزشکی استان"]),
    (LARGE, "letter-2", ["سرکار خانم زهره عزیزی", "مدیرکل محترم امور بانوان و خانواده استانداری"]),
    (LARGE, "letter-notify-welfare", ["ریاست محترم اداره کل بهزیستی استان"]),
    (LARGE, "letter-notify-harms-committee", ["ریاست محترم کمیته تخصصی کاهش آسیب‌های اجتماعی"]),
    (LARGE, "letter-notify-social-cultural-wg", ["اعضای محترم کارگروه اجتماعی و فرهنگی"]),
    (SEED_RECORD, "letter-forwarding", ["دبیرخانه محترم ستاد فرماندهی اقتصاد مقاومتی"]),
])
def test_addressee_lines(validated: Validated, name: str, key: str, lines: list[str]) -> None:
    view = documents(validated, name)[key].view
    assert isinstance(view, LetterView)
    assert [str(line) for line in view.addressee] == lines


def test_copies_keep_their_order_and_purpose(validated: Validated) -> None:
    view = documents(validated, LARGE)["letter-2"].view
    assert isinstance(view, LetterView)
    assert [(str(c.recipient), str(c.purpose)) for c in view.copies] == [
        ("ریاست محترم دفتر امور بانوان و خانواده استانداری", "جهت اقدام"),
        ("ریاست محترم کمیته تخصصی کاهش آسیب‌های اجتماعی", "جهت اطلاع"),
        ("بایگانی", "جهت درج در پرونده"),
    ]
    assert [str(s.name) for s in view.signatories] == ["دکتر محمدرضا کاظمی", "نرگس فرهادی", "مرتضی باقری"]


def test_letter_body_paragraphs_follow_blank_lines(validated: Validated) -> None:
    view = documents(validated, LARGE)["letter-1"].view
    assert isinstance(view, LetterView)
    assert len(view.paragraphs) == 2
    assert str(view.paragraphs[1]).startswith("خواهشمند است دستور فرمایید")
    assert "\n" not in str(view.paragraphs[0])


def test_draft_has_no_number_no_date_and_no_emblem(validated: Validated) -> None:
    office = validated.directory.office
    assert office is not None
    directory = validated.directory.model_copy(update={"office": office.model_copy(update={"emblem": "emblem.png"})})
    draft = documents_for(record(validated, TINY), directory)
    assert all(doc.view.head.number is None and doc.view.head.date is None and doc.view.head.emblem is None
               for doc in draft if not isinstance(doc.view, BriefView))
    letter_html = html(draft[1])
    assert 'src="template:watermark.png"' in letter_html and letter_html.count('class="blank"') == 2
    dated = documents_for(record(validated, TINY), directory, issue_date=JalaliDate(1403, 5, 12))
    assert str(dated[1].view.head.date) == "۱۴۰۳/۰۵/۱۲" and dated[1].view.head.number is None
    assert 'class="emblem"' not in letter_html

    final = documents_for(record(validated, TINY), directory, draft=False,
                          numbers={"letter-notify-education": "200/03/4712"}, issue_date=JalaliDate(1403, 5, 12))
    letter = final[1]
    assert letter.view.head.emblem == "assets/emblem.png"
    assert str(letter.view.head.number) == "۲۰۰/۰۳/۴۷۱۲"
    assert str(letter.view.head.date) == "۱۴۰۳/۰۵/۱۲"
    letter_html = html(letter)
    assert "watermark" not in letter_html and 'class="blank"' not in letter_html
    assert '<img class="emblem" src="assets/emblem.png"' in letter_html
    assert "<bdi dir=rtl>۲۰۰/۰۳/۴۷۱۲</bdi>" in letter_html
    assert final[0].view.head.number is None  # no number was given for the minutes


def test_absent_not_recorded_differs_from_nobody(validated: Validated) -> None:
    seed = plain(html(documents(validated, SEED_RECORD)["minutes"]))
    tiny = plain(html(documents(validated, TINY)["minutes"]))
    assert "غایبان ثبت نشده" in seed
    assert "غایبان ندارد" in tiny


def test_substitutes_show_their_introduction_letter(validated: Validated) -> None:
    view = documents(validated, LARGE)["minutes"].view
    assert isinstance(view, MinutesView)
    first = view.substitutes[0]
    assert str(first.replaces) == "دکتر حمیدرضا میرزایی (رئیس دانشگاه علوم پزشکی استان)"
    assert str(first.letter) == "شماره ۱۲۳۴۵/د/۱۴۰۳ مورخ ۱۴۰۳/۰۵/۱۵"
    assert str(view.substitutes[2].reason) == "—"
    assert len(view.signatures) == 43


def test_quorum_statement(validated: Validated) -> None:
    item = record(validated, LARGE)
    view = documents_for(item, validated.directory)[0].view
    assert isinstance(view, MinutesView) and view.quorum is not None
    assert str(view.quorum) == "با حضور ۳۸ نفر از اعضا و با توجه به حد نصاب ۲۰ نفر، جلسه رسمیت یافت."
    meeting = item.record.meeting.model_copy(update={"quorum": 40})
    short = dataclasses.replace(item, record=item.record.model_copy(update={"meeting": meeting}))
    view = documents_for(short, validated.directory)[0].view
    assert isinstance(view, MinutesView)
    assert str(view.quorum) == "با حضور ۳۸ نفر از اعضا، جلسه به حد نصاب ۴۰ نفر نرسید."
    seed = documents(validated, SEED_RECORD)["minutes"].view
    assert isinstance(seed, MinutesView) and seed.quorum is None


def test_votes_dissent_and_followups_in_the_minutes(validated: Validated) -> None:
    view = documents(validated, LARGE)["minutes"].view
    assert isinstance(view, MinutesView)
    votes = {str(d.number): str(d.votes) for d in view.decisions if d.votes}
    assert votes["۱۲-۶"] == "رأی‌گیری: موافق ۳۰، مخالف ۵، ممتنع ۳"
    dissent = [(str(x.person), str(x.note)) for x in view.decisions[5].dissent]
    assert dissent == [("دکتر کامران نجفی (معاون توسعه مدیریت سازمان مدیریت و برنامه‌ریزی استان)",
                        "هزینه ارسال پیامک در بودجه سال جاری پیش‌بینی نشده است.")]
    [followup] = view.followups
    assert str(followup.decision) == "مصوبه ۱ جلسه ۳ کمیته تخصصی کاهش آسیب‌های اجتماعی"
    assert str(followup.status) == "در حال انجام (۶۰٪)"
    assert "پیگیری مصوبات جلسات قبل" in plain(html(documents(validated, LARGE)["minutes"]))
    assert "پیگیری مصوبات جلسات قبل" not in plain(html(documents(validated, SEED_RECORD)["minutes"]))


def test_initials_box_is_an_office_setting(validated: Validated) -> None:
    office = validated.directory.office
    assert office is not None
    assert "محل پاراف" not in html(documents(validated, TINY)["minutes"])
    directory = validated.directory.model_copy(update={"office": office.model_copy(update={"initials_box": True})})
    assert "محل پاراف" in html(documents_for(record(validated, TINY), directory)[0])


def test_brief_states_the_seed_facts(validated: Validated) -> None:
    brief = html(documents(validated, SEED_RECORD)["brief-text"])
    for fact in (
        "جلسه کارگروه اجتماعی و فرهنگی ذیل شورای توسعه و برنامه‌ریزی استان",
        "صبح چهارشنبه",
        "در محل دفتر معاونت سیاسی، امنیتی و اجتماعی استانداری",
        "به ریاست دکتر زهرا موسی‌پور",
        "رفع فقر مطلق", "کاهش آسیب‌های اجتماعی", "توسعه اقتصاد دانش‌بنیان و آینده‌نگری",
        "گفتمان‌سازی و اطلاع‌رسانی اقتصاد مقاومتی",
        "مدیرکل دفتر اجتماعی استانداری:",
        "مدیرکل بهزیستی استان، دکتر صادق‌زاده:",
        "نماینده کمیته امداد امام خمینی:",
        "نماینده اداره ارشاد اسلامی، سید جواد اوحدی:",
        "نماینده پارک علم و فن‌آوری، عباس طهمورثی:",
        "دکتر زهرا موسی‌پور: اگر همه اقشار جامعه",
        "به دبیرخانه ستاد فرماندهی اقتصاد مقاومتی ارسال شود",
        "۴ برنامه اجرایی",
    ):
        assert fact in brief, fact
    assert "<" not in brief and "&" not in brief  # plain text, not escaped HTML
    assert brief.startswith("برگزاری جلسه کارگروه اجتماعی و فرهنگی\n\n")


def test_brief_html_is_escaped_and_isolates_runs(validated: Validated) -> None:
    brief = html(documents(validated, LARGE)["brief"])
    assert brief.startswith("<!doctype html>\n<html lang=\"fa\" dir=\"rtl\">")
    assert "در پایان این جلسه ۲۷ مصوبه به تصویب رسید." in brief
    assert "<bdi dir=ltr>https://social.example.ir/monitor</bdi>" in brief
    assert "«محله بدون آسیب»" in brief


def test_followup_of_an_unnumbered_meeting_and_an_extension(validated: Validated) -> None:
    item = record(validated, LARGE)
    followup = FollowUp(decision="social-cultural-wg/1395-08-12/1", status=Status.EXTENDED,
                        extended_to=JalaliDate(1403, 7, 30), report="در دست اقدام")
    changed = dataclasses.replace(item, record=item.record.model_copy(update={"followups": [followup]}))
    view = documents_for(changed, validated.directory)[0].view
    assert isinstance(view, MinutesView)
    [row] = view.followups
    assert (str(row.decision), str(row.status), str(row.evidence)) == (
        "مصوبه ۱ جلسه ۱۳۹۵/۰۸/۱۲", "تمدید تا ۱۴۰۳/۰۷/۳۰", "—")


def test_office_signatories_sign_generated_letters_and_the_chair_gets_a_copy(validated: Validated) -> None:
    office = validated.directory.office
    assert office is not None
    directory = validated.directory.model_copy(
        update={"office": office.model_copy(update={"signatories": ["farhadi"]})})
    letters = {doc.key: doc.view for doc in documents_for(record(validated, LARGE), directory)}
    notice = letters["letter-notify-police"]
    assert isinstance(notice, LetterView)
    assert [(str(s.name), str(s.post)) for s in notice.signatories] == [
        ("نرگس فرهادی", "کارشناس مسئول دبیرخانه کارگروه اجتماعی و فرهنگی")]
    assert [(str(c.recipient), str(c.purpose)) for c in notice.copies] == [
        ("جناب آقای دکتر محمدرضا کاظمی معاون محترم سیاسی، امنیتی و اجتماعی استاندار", "جهت استحضار"),
        ("بایگانی", "جهت درج در پرونده"),
    ]
    own_signers = letters["letter-2"]
    assert isinstance(own_signers, LetterView) and len(own_signers.signatories) == 3
