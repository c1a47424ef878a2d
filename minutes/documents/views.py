"""The view types: everything a template shows, as frozen data ready to lay out.

Every value is what the reader sees (references resolved, Jalali dates, Persian digits, left-to-right
runs isolated): templates only lay it out. Document kinds (:mod:`minutes.documents.registry`) make them.
"""

from __future__ import annotations

from dataclasses import dataclass

from minutes.text.bidi import Display


@dataclass(frozen=True)
class Meta:
    """Document metadata written into the PDF (dates are Gregorian ISO, from the record)."""

    title: str
    subject: str
    keywords: str
    created: str


@dataclass(frozen=True)
class Verification:
    """An issued original's verification code, shown at the foot of every page with its QR code
    (``qr``: a ``data:`` URI of an SVG image)."""

    code: Display
    qr: str


@dataclass(frozen=True)
class Letterhead:
    """The header of every printed document: office side, invocation and the number/date block.

    ``number`` and ``date`` are the secretariat's, given when it registers the document: a draft
    has neither (the templates leave a blank to fill in); ``verification`` is an issued original's.
    """

    emblem: str | None
    lines: tuple[Display, ...]
    office: Display
    invocation: Display
    number: Display | None
    date: Display | None
    attachments: Display
    verification: Verification | None = None


@dataclass(frozen=True)
class NameAndPost:
    """A person as documents show them, in an attendance row or a signature block: name (empty when
    the source gives none) and post (the organisation when there is no post)."""

    name: Display
    post: Display


@dataclass(frozen=True)
class AbsenceRow:
    """An absent member and the reason, when given."""

    name: Display
    post: Display
    reason: Display


@dataclass(frozen=True)
class SubstituteRow:
    """Someone attending in a member's place, with the introduction letter that authorises it."""

    name: Display
    post: Display
    replaces: Display
    letter: Display
    reason: Display


@dataclass(frozen=True)
class StatementRow:
    """Speaker – summary."""

    speaker: Display
    summary: Display


@dataclass(frozen=True)
class AgendaRow:
    """A numbered agenda item with its discussion."""

    number: Display
    title: Display
    discussion: tuple[StatementRow, ...]


@dataclass(frozen=True)
class DissentRow:
    """A recorded reservation on a decision."""

    person: Display
    note: Display
    label: Display  # «نظر مخالف» or «تحفظ»


@dataclass(frozen=True)
class DecisionRow:
    """A decision as printed in the minutes."""

    number: Display
    ident: str
    text: Display
    responsible: Display
    deadline: Display
    votes: Display | None
    dissent: tuple[DissentRow, ...]


@dataclass(frozen=True)
class FollowUpRow:
    """Where an earlier decision stands, as reported at this meeting."""

    decision: Display
    status: Display
    report: Display
    evidence: Display


@dataclass(frozen=True)
class MinutesView:
    """Everything the minutes template shows."""

    meta: Meta
    head: Letterhead
    draft: bool
    initials_box: bool
    title: Display
    body: Display
    number: Display
    date: Display
    time: Display
    place: Display
    chair: Display
    secretary: Display
    quorum: Display | None
    summary: Display
    present: tuple[NameAndPost, ...]
    absent: tuple[AbsenceRow, ...] | None
    substitutes: tuple[SubstituteRow, ...]
    guests: tuple[NameAndPost, ...]
    agenda: tuple[AgendaRow, ...]
    decisions: tuple[DecisionRow, ...]
    followups: tuple[FollowUpRow, ...]
    signatures: tuple[NameAndPost, ...]
    signature_columns: int


@dataclass(frozen=True)
class CopyRow:
    """A «رونوشت» line: recipient and purpose."""

    recipient: Display
    purpose: Display


@dataclass(frozen=True)
class NoticeRow:
    """A decision in a notification letter: number, text, deadline and the other units responsible."""

    number: Display
    text: Display
    deadline: Display
    partners: Display


@dataclass(frozen=True)
class ReminderRow:
    """An overdue decision in a reminder letter: number, text, the meeting that took it, deadline, partners."""

    number: Display
    text: Display
    meeting: Display
    deadline: Display
    partners: Display


@dataclass(frozen=True)
class LetterView:
    """Everything a letter template shows; ``decisions`` only in notification and reminder letters,
    ``agenda`` (numbered) and ``distribution`` (the invitees of a letter to them all) only in invitations."""

    meta: Meta
    head: Letterhead
    draft: bool
    addressee: tuple[Display, ...]
    subject: Display
    paragraphs: tuple[Display, ...]
    decisions: tuple[NoticeRow, ...] | tuple[ReminderRow, ...]
    closing: tuple[Display, ...]
    signatories: tuple[NameAndPost, ...]
    attachments: tuple[Display, ...]
    copies: tuple[CopyRow, ...]
    agenda: tuple[Display, ...] = ()
    distribution: tuple[Display, ...] = ()
    signature_field: bool = False  # a place kept at the first signatory for a visible signature


@dataclass(frozen=True)
class LedgerRow:
    """A decision in the follow-up ledger, with the latest that is known of it.

    ``ident`` is the decision's id in its words, each with the «/» or «-» after it (a line may break
    only between them); ``text`` its text, shortened; ``standing`` is the CSS-friendly key (open, overdue, done,
    dropped) of ``standing_word``; ``deadline_note`` says where the deadline comes from when it is not
    the one decided; ``percent`` is None when none was reported.
    """

    number: Display
    ident: tuple[str, ...]
    text: Display
    meeting: Display
    meeting_date: Display
    deadline: Display
    deadline_note: Display | None
    standing: str
    standing_word: Display
    percent: Display | None
    report: Display
    evidence: Display
    updated: Display


@dataclass(frozen=True)
class LedgerGroup:
    """The decisions one organisation or body is responsible for, with a count per standing."""

    unit: Display
    tally: Display
    rows: tuple[LedgerRow, ...]


@dataclass(frozen=True)
class TallyCell:
    """How many decisions stand one way (or in all, with ``standing`` empty)."""

    standing: str
    label: Display
    count: Display


@dataclass(frozen=True)
class LedgerView:
    """The follow-up ledger (گزارش پیگیری مصوبات) as of a date, grouped by responsible unit."""

    meta: Meta
    head: Letterhead
    draft: bool
    title: Display
    bodies: Display
    tally: tuple[TallyCell, ...]
    groups: tuple[LedgerGroup, ...]


@dataclass(frozen=True)
class BriefView:
    """The public news brief (خبر): a headline and paragraphs."""

    meta: Meta
    title: Display
    paragraphs: tuple[Display, ...]
