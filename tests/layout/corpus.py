"""A deterministic corpus of meeting records for the layout tests (issue 12).

``write_corpus(root)`` writes a whole workspace: ``data/office.yaml``, ``data/directory.yaml``
(people, organisations, bodies), ``data/meetings/layout-NNN.yaml`` and a copy of the repository's
``fonts/``. The records span 1–80 attendees, 0–40 decisions, 0–15 discussion entries, short and
1,500-character texts, substitutes, guests and absentees present or not, long unbreakable tokens
(a URL, a 200-character word, an e-mail address), numbers and dates, and spelled-out letters.
Every choice comes from a ``random.Random`` seeded with the record's index, so the corpus is the
same on every machine. ``describe(index)`` tells what the test needs to know about a record.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
COUNT = 64
LONG = 1500  # characters of a long text
URL = "https://social-affairs.province-governorate.example.ir/monitoring/reports/1403/quarterly-summary?" \
      "district=all&format=pdf&version=2"
EMAIL = "secretariat.social-and-cultural-working-group@province-governorate.example.ir"
WORD200 = "سامانه" * 4 + "یکپارچه" * 4 + "پایش" * 5 + "آسیب" * 5 + "اجتماعی" * 6 + "استانداری" * 6
WORD200 = (WORD200 * 2)[:200]  # one unbreakable Persian «word» of 200 letters
TOKENS = (URL, EMAIL, WORD200)
# Attendee counts: every count up to 24, then steps up to 80 (the largest grids run past a page).
ATTENDEES = [*range(1, 25), 26, 28, 30, 32, 34, 36, 38, 40, 42, 43, 44, 45, 46, 47, 48, 50, 52, 54, 56, 58,
             60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 79, 80, 80, 35, 27]

FIRST = ["علی", "زهرا", "محمد", "فاطمه", "حسین", "مریم", "رضا", "سارا", "مهدی", "نرگس", "امیر", "الهام",
         "سید جواد", "لیلا", "کامران", "شیما", "پرویز", "نسرین", "بهروز", "منیژه"]
LAST = ["رحیمی", "موسوی", "کاظمی", "نوروزی", "قاسمی", "جعفری", "حسینی", "صادقی", "کرمانی", "اصفهانی",
        "طهمورثی", "اوحدی", "فرهادی", "نیک‌نام", "عسگری", "شریفی", "بهرامی", "پورمند", "غلامی", "ملکی"]
TITLES = [None, None, None, "دکتر", "مهندس"]
POSTS = ["مدیرکل", "معاون", "کارشناس مسئول", "نماینده", "رئیس اداره", "مشاور"]
ORGANISATIONS = ["آموزش و پرورش استان", "بهزیستی استان", "دانشگاه علوم پزشکی استان", "شهرداری مرکز استان",
                 "فرماندهی انتظامی استان", "ورزش و جوانان استان", "تعاون، کار و رفاه اجتماعی استان",
                 "کمیته امداد امام خمینی استان", "صدا و سیمای مرکز استان", "دادگستری استان",
                 "ارتباطات و فناوری اطلاعات استان", "سازمان مدیریت و برنامه‌ریزی استان"]
RESPONSIBLE = ["org-01", "org-02", "org-03", "org-04", "body-small"]  # few units: few notification letters
SENTENCE = ("برنامه آموزش مهارت‌های زندگی در مدارس متوسطه استان با همکاری دستگاه‌های عضو کارگروه و "
         "سازمان‌های مردم‌نهاد اجرا شود و گزارش پیشرفت آن هر سه ماه به دبیرخانه ارسال گردد؛ اعتبار مورد نیاز "
         "در قالب طرح‌های استانی پیش‌بینی و سامانه پایش آسیب‌های اجتماعی برای ۳۸ محله پرخطر در ۹ شهرستان "
         "راه‌اندازی می‌شود. نماینده هر دستگاه ظرف دو هفته معرفی و نتیجه تا ۱۴۰۳/۰۶/۳۱ اعلام می‌گردد.")
WORDS = SENTENCE.split()


@dataclass(frozen=True)
class Shape:
    """The sizes and options of one record, drawn from its index."""

    index: int
    attendees: int
    decisions: int
    statements: int
    agenda: int
    long_text: bool
    substitutes: int
    guests: int
    absent: str  # "unrecorded", "none" or "some"
    tokens: bool
    letters: int
    followups: int


def shape(index: int) -> Shape:
    """The shape of record ``index``: a spread of sizes, with the extremes at fixed indices."""
    rng = random.Random(index)
    attendees = ATTENDEES[index % len(ATTENDEES)]
    decisions = [0, 40, 1, 40, 0][index] if index < 5 else rng.choice([0, 1, 2, 3, 5, 8, 12, 17, 25, 33, 40])
    statements = [0, 15, 0, 15, 1][index] if index < 5 else rng.choice([0, 0, 1, 2, 4, 6, 9, 12, 15])
    substitutes = rng.choice([0, 0, 1, 3]) if attendees > 4 else 0
    guests = rng.choice([0, 0, 1, 2, 5]) if attendees > 6 else 0
    return Shape(
        index=index, attendees=attendees, decisions=decisions, statements=statements,
        agenda=1 if index == 0 else rng.randint(1, 6),
        long_text=index in (1, 3) or rng.random() < 0.3,
        substitutes=min(substitutes, max(0, attendees - 2)),
        guests=min(guests, max(0, attendees - 2 - substitutes)),
        absent=rng.choice(["unrecorded", "none", "some"]),
        tokens=index in (1, 2) or index % 5 == 2,
        letters=rng.choice([0, 0, 1, 2]) if index > 4 else (2 if index == 1 else 0),
        followups=rng.choice([0, 0, 1, 3]) if index > 5 else 0,
    )


def prose(rng: random.Random, length: int, token: str | None = None) -> str:
    """Persian text of about ``length`` characters, with ``token`` in the middle when given."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    if token:
        words.insert(len(words) // 2, token)
    return " ".join(words).rstrip("،؛.") + "."


def directory() -> dict[str, Any]:
    """People, organisations and bodies enough for every record."""
    organisations = {f"org-{k + 1:02d}": {"name": f"اداره کل {name}"} for k, name in enumerate(ORGANISATIONS)}
    people: dict[str, Any] = {}
    for k in range(1, 221):
        rng = random.Random(10_000 + k)
        person: dict[str, Any] = {"name": f"{FIRST[k % len(FIRST)]} {LAST[(k * 7) % len(LAST)]}",
                                  "gender": "female" if k % 2 else "male",
                                  "post": f"{rng.choice(POSTS)} {ORGANISATIONS[k % len(ORGANISATIONS)]}",
                                  "organisation": f"org-{k % len(ORGANISATIONS) + 1:02d}"}
        if (title := rng.choice(TITLES)) is not None:
            person["title"] = title
        if k % 17 == 0:
            del person["name"]  # known by post only
        if k % 23 == 0:
            person["post"] += " و دبیر کمیته تخصصی کاهش آسیب‌های اجتماعی و ساماندهی کودکان کار و خیابان"
        people[f"p{k:03d}"] = person
    bodies = {
        "body-hq": {"name": "ستاد فرماندهی اقتصاد مقاومتی", "kind": "ستاد",
                    "secretariat": "دبیرخانه ستاد فرماندهی اقتصاد مقاومتی"},
        "body-main": {"name": "کارگروه اجتماعی و فرهنگی", "kind": "کارگروه", "reports_to": "body-hq"},
        "body-small": {"name": "کمیته تخصصی کاهش آسیب‌های اجتماعی", "kind": "کمیته", "under": ["body-main"]},
    }
    return {"organisations": organisations, "bodies": bodies, "people": people}


def office() -> dict[str, Any]:
    """The issuing office of the corpus."""
    return {"office": {"lines": ["جمهوری اسلامی ایران", "استانداری"], "name": "دبیرخانه کارگروه اجتماعی و فرهنگی",
                       "invocation": "بسمه‌تعالی", "font": "Vazirmatn", "letter_number": "{yy}/{serial}"}}


@dataclass(frozen=True)
class Described:
    """What the layout test needs to know about a record besides its PDFs."""

    name: str
    shape: Shape
    discussion: bool  # some agenda item has discussion («خلاصه مذاکرات» is printed)
    agenda_titles: tuple[str, ...]  # of the items with discussion, in order (their «N. title» headings)
    signers: dict[str, tuple[str, ...]]  # letter file name -> the names its signature block shows
    tokens: tuple[str, ...]  # the over-long tokens the record holds


def _date(index: int) -> tuple[int, int, int]:
    return 1403, 1 + index // 12, 1 + (index * 7) % 28


def _people(rng: random.Random, s: Shape) -> dict[str, list[str]]:
    """Distinct people for every role; the chair and secretary first, and named."""
    absent = {"unrecorded": 0, "none": 0, "some": rng.randint(1, 3)}[s.absent]
    pool = [f"p{k:03d}" for k in rng.sample(range(1, 221), s.attendees + s.substitutes + absent)]
    named = sorted(pool, key=lambda p: int(p[1:]) % 17 == 0)  # the unnamed (every 17th) last
    present_count = s.attendees - s.substitutes - s.guests
    present, rest = named[:present_count], named[present_count:]
    subs, guests = s.substitutes, s.guests
    return {"present": present, "substitutes": rest[:subs], "replaces": rest[subs:2 * subs],
            "guests": rest[2 * subs:2 * subs + guests], "absent": rest[2 * subs + guests:]}


def _attendance(rng: random.Random, s: Shape, who: dict[str, list[str]]) -> dict[str, Any]:
    attendance: dict[str, Any] = {"present": who["present"]}
    if s.absent != "unrecorded":
        attendance["absent"] = [{"person": p, **({"reason": "مأموریت اداری"} if k % 2 == 0 else {})}
                                for k, p in enumerate(who["absent"])]
    if who["substitutes"]:
        attendance["substitutes"] = [
            {"person": p, "replaces": r, "letter_number": f"{rng.randint(100, 99999)}/د/۱۴۰۳",
             **({"letter_date": "1403/01/01", "reason": "مأموریت خارج از استان"} if k % 2 else {})}
            for k, (p, r) in enumerate(zip(who["substitutes"], who["replaces"], strict=True))]
    if who["guests"]:
        attendance["guests"] = who["guests"]
    return attendance


def _agenda(rng: random.Random, s: Shape, speakers: list[str]) -> list[dict[str, Any]]:
    """Agenda items with the record's discussion entries spread over them (some items without)."""
    items: list[dict[str, Any]] = [{"title": f"بررسی {prose(rng, rng.choice([20, 40, 90]))[:-1]}"}
                                   for _ in range(s.agenda)]
    for k in range(s.statements):
        length = LONG if s.long_text and k % 3 == 0 else rng.choice([60, 150, 400])
        token = EMAIL if s.tokens and k == 1 else WORD200 if s.tokens and k == 2 else None
        entry = {"speaker": rng.choice(speakers), "summary": prose(rng, length, token)}
        items[(k * 2) % s.agenda].setdefault("discussion", []).append(entry)
    return items


def _decisions(rng: random.Random, s: Shape, present: list[str]) -> list[dict[str, Any]]:
    decisions = []
    for k in range(s.decisions):
        last = k == s.decisions - 1
        length = LONG if s.long_text and (last or k % 7 == 0) else rng.choice([40, 90, 200, 350])
        token = URL if s.tokens and k == 0 else WORD200 if s.tokens and k == 1 else None
        decision: dict[str, Any] = {"text": prose(rng, length, token),
                                    "responsible": rng.sample(RESPONSIBLE, rng.choice([1, 1, 2])),
                                    "item": rng.randint(1, s.agenda)}
        deadline = rng.choice([None, "next-meeting", "asap", "date"])
        if deadline == "date":
            year, month, day = _date(s.index)
            decision["deadline"] = f"{year}/{month + 3:02d}/{day:02d}"
        elif deadline:
            decision["deadline"] = deadline
        if rng.random() < 0.25:  # no more votes than members present (validation refuses more)
            in_favour, against = rng.randint(3, 60), rng.randint(0, 9)
            against = min(against, max(0, len(present) - 2))
            decision["votes"] = {"in_favour": max(0, min(in_favour, len(present) - against - 1)), "against": against,
                                 "abstain": 1}
        if rng.random() < 0.15:
            decision["dissent"] = [{"person": rng.choice(present), "note": prose(rng, rng.choice([50, 300]))}]
        decisions.append(decision)
    return decisions


def _letters(rng: random.Random, s: Shape, present: list[str]) -> list[dict[str, Any]]:
    named = [p for p in present if int(p[1:]) % 17]
    letters = []
    for k in range(s.letters):
        long = (s.index + k) % 2 == 0
        paragraphs = [prose(rng, rng.choice([500, 700]) if long else 120, URL if s.tokens and j == 1 else None)
                      for j in range(rng.randint(4, 7) if long else 1)]
        letter: dict[str, Any] = {"to": "org-06", "subject": prose(rng, rng.choice([30, 80]))[:-1],
                                  "body": "\n\n".join(paragraphs),
                                  "signatories": named[:1 + (s.index + k) % 3]}
        if k % 2 == 0:
            letter["attachments"] = ["شیوه‌نامه اجرایی (۳ برگ)"]
        letter["copies"] = [{"to": "org-05", "purpose": "جهت اطلاع"}, {"to": "بایگانی", "purpose": "جهت درج در پرونده"}]
        letters.append(letter)
    return letters


def _followups(rng: random.Random, s: Shape) -> list[dict[str, Any]]:
    earlier = [k for k in range(s.index) if _body(k) == "body-main" and shape(k).decisions]
    return [{"decision": f"body-main/{k + 1}/1", "status": rng.choice(["done", "in-progress", "not-done"]),
             "report": prose(rng, rng.choice([40, 200])), **({"evidence": "نامه شماره ۲۳۴۵/ب/۱۴۰۳"} if j else {})}
            for j, k in enumerate(earlier[-s.followups:]) if s.followups]


def _body(index: int) -> str:
    return "body-small" if index % 3 == 0 else "body-main"


def record(index: int) -> tuple[dict[str, Any], Described]:
    """Record ``index`` as plain data, and what the test needs to know about it."""
    s = shape(index)
    rng = random.Random(f"record-{index}")
    who = _people(rng, s)
    present = who["present"]
    year, month, day = _date(index)
    meeting: dict[str, Any] = {"body": _body(index), "number": index + 1, "date": f"{year}/{month:02d}/{day:02d}",
                               "start": "9:00", "end": "11:30", "place": "سالن اجتماعات استانداری",
                               "chair": present[0]}
    if len(present) > 1:
        meeting["secretary"] = present[1]
    if index % 4 == 1:
        meeting["quorum"] = max(1, s.attendees // 2)
    data: dict[str, Any] = {"meeting": meeting, "attendance": _attendance(rng, s, who)}
    if index % 3 != 2:
        data["summary"] = prose(rng, LONG if s.long_text else 120, URL if s.tokens and not s.decisions else None)
    speakers = present + who["substitutes"] + who["guests"]
    data["agenda"] = _agenda(rng, s, speakers)
    if s.decisions:
        data["decisions"] = _decisions(rng, s, present)
    if s.followups and (followups := _followups(rng, s)):
        data["followups"] = followups
    if s.letters:
        data["letters"] = _letters(rng, s, present)
    return data, _describe(index, s, data)


def _name(directory_people: dict[str, Any], ident: str) -> str:
    person = directory_people[ident]
    return " ".join(part for part in (person.get("title"), person.get("name")) if part) or person["post"]


def _describe(index: int, s: Shape, data: dict[str, Any]) -> Described:
    people = directory()["people"]
    chair = (_name(people, data["meeting"]["chair"]),)
    signers: dict[str, tuple[str, ...]] = {}
    units = dict.fromkeys(u for d in data.get("decisions", []) for u in d["responsible"])
    for unit in units:
        signers[f"letter-notify-{unit}.pdf"] = chair
    if data["meeting"]["body"] == "body-main":
        signers["letter-forwarding.pdf"] = chair
    for n, letter in enumerate(data.get("letters", []), start=1):
        signers[f"letter-{n}.pdf"] = tuple(_name(people, p) for p in letter["signatories"])
    discussed = [f"{n}. {item['title']}" for n, item in enumerate(data["agenda"], start=1) if item.get("discussion")]
    return Described(name=f"layout-{index:03d}", shape=s, discussion=bool(discussed), agenda_titles=tuple(discussed),
                     signers=signers, tokens=TOKENS if s.tokens else ())


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_corpus(root: Path, count: int = COUNT) -> list[Described]:
    """A workspace at ``root`` (replaced if it exists) with ``count`` records; what each holds."""
    if root.exists():
        shutil.rmtree(root)
    meetings = root / "data" / "meetings"
    meetings.mkdir(parents=True)
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "templates").mkdir()
    (root / "data" / "office.yaml").write_text(_dump(office()), encoding="utf-8")
    (root / "data" / "directory.yaml").write_text(_dump(directory()), encoding="utf-8")
    described = []
    for index in range(count):
        data, about = record(index)
        (meetings / f"{about.name}.yaml").write_text(_dump(data), encoding="utf-8")
        described.append(about)
    return described


if __name__ == "__main__":  # write the corpus somewhere to look at it: python tests/layout/corpus.py DIR
    import sys

    for about in write_corpus(Path(sys.argv[1])):
        print(about.name, about.shape)
