"""What the documents of one record share: the record, its body and meeting, and how its decisions
are numbered. Each document kind of a record is a function of a :class:`RecordContext`."""

from __future__ import annotations

from collections.abc import Iterable

from minutes.documents.base import Settings
from minutes.documents.issuer import Issuer
from minutes.documents.views import NameAndPost
from minutes.documents.wording import number_of
from minutes.model import Body, MergedDirectory
from minutes.secretariat import office_for
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord


class RecordContext(Issuer):
    """The documents of one record; its letters dated ``issue_date`` when given, else the meeting's date."""

    def __init__(self, item: ValidRecord, directory: MergedDirectory, settings: Settings,
                 issue_date: JalaliDate | None) -> None:
        meeting = item.record.meeting
        self.body: Body = directory.bodies[meeting.body]
        self.body_name = self.body.name
        super().__init__(directory, settings, office=office_for(directory, meeting.body), folder=item.name,
                         letter_date=issue_date or meeting.date, topic=self.body_name,
                         dated_drafts=issue_date is not None)
        self.item = item
        self.record = item.record
        self.meeting = meeting
        self.minutes_name = f"صورتجلسه {self.body_name} مورخ {self.meeting.date.persian()}"

    def decision_number(self, index: int) -> str:
        """«۱۲-۳» (meeting number-decision), or «۳» when the meeting has no number."""
        return number_of(self.item.decision_id(index))

    def signatories(self, people: Iterable[str] = ()) -> tuple[NameAndPost, ...]:
        """The letter's own signers, else the office's, else the chair of the meeting."""
        return self.signers(people, self.meeting.chair, self.body_name)
