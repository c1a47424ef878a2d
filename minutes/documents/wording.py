"""How documents word things: the fixed Persian phrases, dates and deadlines in words, names with
their honorifics and posts, and the recipient lines of letters. Plain strings, to compose into
sentences; the document kinds turn them into display text."""

from __future__ import annotations

import re
from fractions import Fraction

from minutes.documents.views import NameAndPost
from minutes.model import Body, Directory, DissentKind, FollowUp, Gender, Person, RelativeDeadline, Status, is_reference
from minutes.quorum import Required
from minutes.standings import Standing
from minutes.text.bidi import Display, text
from minutes.text.jalali import ClockTime, JalaliDate
from minutes.text.persian import display

DEADLINE_WORDS = {RelativeDeadline.NEXT_MEETING: "تا جلسه بعد", RelativeDeadline.ASAP: "در اسرع وقت"}
HONORIFICS = {Gender.MALE: "جناب آقای", Gender.FEMALE: "سرکار خانم"}
STATUS_WORDS = {
    Status.DONE: "انجام‌شده",
    Status.IN_PROGRESS: "در حال انجام",
    Status.NOT_DONE: "انجام‌نشده",
    Status.DROPPED: "منتفی",
    Status.EXTENDED: "تمدید",
}
STANDING_WORDS = {
    Standing.OPEN: "باز",
    Standing.OVERDUE: "معوق",
    Standing.DONE: "انجام‌شده",
    Standing.DROPPED: "منتفی",
}
DISSENT_WORDS = {DissentKind.DISSENT: "نظر مخالف", DissentKind.RESERVATION: "تحفظ"}
SHARE_WORDS = {Fraction(1, 2): "نصف", Fraction(1, 3): "یک سوم", Fraction(2, 3): "دو سوم", Fraction(3, 4): "سه چهارم",
               Fraction(3, 5): "سه پنجم", Fraction(4, 5): "چهار پنجم"}
NOT_RECORDED = "ثبت نشده"
DRAFT = "پیش‌نویس"
NONE = "—"
ARCHIVE = "بایگانی"
HEAD = "ریاست محترم"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def digits(value: int | str) -> str:
    return display(str(value))


def number_of(ident: str) -> str:
    """A decision id (body/meeting/item) as documents print it: «۱۲-۳» (meeting number-item), or «۳»
    for a meeting without number."""
    _, meeting, item = ident.rsplit("/", 2)
    return digits(f"{meeting}-{item}" if meeting.isdigit() else item)


def status_words(followup: FollowUp) -> str:
    """A reported status in words, with the new deadline of an extension: «تمدید تا ۱۴۰۴/۰۳/۰۱»."""
    status = STATUS_WORDS[followup.status]
    return status if followup.extended_to is None else f"{status} تا {followup.extended_to.persian()}"


def the_decisions(many: bool) -> tuple[str, str]:
    """«the decision(s) below» and «it/them», singular or plural."""
    return ("مصوبات زیر", "آن‌ها") if many else ("مصوبه زیر", "آن")


def deadline_words(deadline: RelativeDeadline | JalaliDate | None) -> str:
    if deadline is None:
        return NONE
    if isinstance(deadline, RelativeDeadline):
        return DEADLINE_WORDS[deadline]
    return deadline.persian()


def time_words(period: str | None, start: ClockTime | None, end: ClockTime | None) -> str:
    if start and end:
        return f"ساعت {start.persian()} تا {end.persian()}"
    if start:
        return f"ساعت {start.persian()}"
    return period or NOT_RECORDED


def quorum_words(needed: Required) -> str:
    """«حد نصاب ۵ نفر», or with a body's rule «حد نصاب دو سوم اعضا (۷ نفر از ۱۰ عضو)»."""
    rule = needed.rule
    if rule is None or rule.count is not None:
        return f"حد نصاب {needed.count} نفر"
    share = "نصف به علاوه یک" if rule.share is None else SHARE_WORDS.get(rule.share, rule.text)
    return f"حد نصاب {share} اعضا ({needed.count} نفر از {needed.members} عضو)"


def series(items: list[str]) -> str:
    """«الف»، «الف و ب»، «الف، ب و ج»."""
    return items[0] if len(items) == 1 else "، ".join(items[:-1]) + " و " + items[-1]


def with_honorific(post: str) -> str:
    """«مدیرکل استان» → «مدیرکل محترم استان»: «محترم» after the first word of a post."""
    first, _, rest = post.partition(" ")
    return f"{first} محترم {rest}" if rest else f"{first} محترم"


def head_of(name: str, addressed_as: str | None) -> str:
    """The line addressing the head of an organisation or body: «مدیرکل محترم اداره کل …». A title
    without «محترم» gets it after its first word; a name starting with the title's first word does not
    repeat it: «فرماندهی محترم» + «فرماندهی انتظامی استان» → «فرماندهی محترم انتظامی استان»."""
    title = addressed_as or HEAD
    if "محترم" not in title.split():
        title = with_honorific(title)
    first, _, rest = name.partition(" ")
    return f"{title} {rest}" if rest and first == title.split()[0] else f"{title} {name}"


def shortened(value: str, limit: int) -> str:
    """``value`` cut at the last word boundary within ``limit`` characters, with «…», or whole if it fits."""
    words = value.split()
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    kept: list[str] = []
    while words and len(" ".join([*kept, words[0]])) < limit:
        kept.append(words.pop(0))
    return " ".join(kept or [value[:limit]]).rstrip("،,؛;:.") + " …"


def paragraphs(body: str) -> tuple[Display, ...]:
    """Paragraphs of a letter body: separated by blank lines, line breaks inside one are spaces."""
    return tuple(text(" ".join(part.split())) for part in _PARAGRAPH_BREAK.split(body.strip()) if part.strip())


class Names:
    """Display names of directory entries (plain strings, to compose into sentences)."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def person(self, ident: str) -> Person:
        return self.directory.people[ident]

    def full_name(self, ident: str) -> str:
        """«دکتر زهرا موسی‌پور», or an empty string for someone the source does not name."""
        person = self.person(ident)
        if person.name is None:
            return ""
        return " ".join(part for part in (person.title, person.name) if part)

    def post(self, ident: str) -> str:
        return self.person(ident).post or ""

    def organisation(self, ident: str) -> str:
        person = self.person(ident)
        return self.directory.organisations[person.organisation].name if person.organisation else ""

    def speaker(self, ident: str) -> str:
        """Name with post in brackets, or the post alone when unnamed."""
        name, post = self.full_name(ident), self.post(ident)
        if name and post:
            return f"{name} ({post})"
        return name or post

    def reporter(self, ident: str) -> str:
        """Post, then name, as a news item introduces someone: «نماینده پارک علم و فن‌آوری، عباس طهمورثی»."""
        name, post = self.full_name(ident), self.post(ident)
        return f"{post}، {name}" if name and post else name or post

    def unit(self, ident: str) -> str:
        entry = self.directory.organisations.get(ident) or self.directory.bodies[ident]
        return entry.name

    def attendee(self, ident: str) -> NameAndPost:
        return NameAndPost(text(self.full_name(ident)), text(self.post(ident) or self.organisation(ident)))

    def salutation(self, ident: str) -> str:
        """«جناب آقای دکتر علی رضایی», «سرکار خانم زهرا موسی‌پور»; empty for someone unnamed."""
        person = self.person(ident)
        if person.name is None:
            return ""
        parts = [HONORIFICS[person.gender]] if person.gender else []
        return " ".join([*parts, *(p for p in (person.title, person.name) if p)])

    def addressee(self, target: str, meeting_body: str) -> tuple[str, ...]:
        """The recipient lines of a letter to a person, organisation or body id, or to free text."""
        if not is_reference(target):
            return (target,)
        if target in self.directory.people:
            post = self.post(target)
            lines = (self.salutation(target), with_honorific(post) if post else "")
            return tuple(line for line in lines if line)
        if target in self.directory.organisations:
            return (self.head(target),)
        body: Body = self.directory.bodies[target]
        if body.secretariat is not None and body.secretariat.name:
            return (with_honorific(body.secretariat.name),)
        if target == meeting_body:
            return (f"اعضای محترم {body.name}",)
        return (self.head(target),)

    def head(self, unit: str) -> str:
        """The line addressing the head of an organisation or body: «ریاست محترم …», or its ``addressed_as``."""
        entry = self.directory.organisations.get(unit) or self.directory.bodies[unit]
        return head_of(entry.name, entry.addressed_as)


