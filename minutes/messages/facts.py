"""Messages about the directory, the office and the facts of a record."""

from __future__ import annotations

from minutes.messages.phrase import Phrase

FACTS: dict[str, Phrase] = {
    # The directory.
    "duplicate-office": Phrase(
        "the office is already defined in {file}",
        "دفتر صادرکننده (office) پیش‌تر در {file} تعریف شده است"),
    "duplicate-id": Phrase(
        "id '{id}' is already used in {file}",
        "شناسه «{id}» پیش‌تر در {file} به کار رفته است"),
    "no-office": Phrase(
        "no office is defined: add data/office.yaml with an 'office:' entry",
        "دفتر صادرکننده تعریف نشده است: فایل data/office.yaml را با فیلد «office:» بسازید"),
    "no-records": Phrase(
        "no meeting records found",
        "هیچ فایل صورتجلسه‌ای پیدا نشد"),
    "unknown-id.person": Phrase(
        "no person with id '{id}'",
        "شخصی با شناسه «{id}» در فهرست اشخاص (people) نیست"),
    "unknown-id.organisation": Phrase(
        "no organisation with id '{id}'",
        "دستگاهی با شناسه «{id}» در فهرست دستگاه‌ها (organisations) نیست"),
    "unknown-id.body": Phrase(
        "no body with id '{id}'",
        "کارگروه، کمیته یا شورایی با شناسه «{id}» در فهرست bodies نیست"),
    "unknown-id.unit": Phrase(
        "no organisation or body with id '{id}'",
        "دستگاه، کارگروه یا کمیته‌ای با شناسه «{id}» در فهرست‌های organisations و bodies نیست"),
    "unknown-id.addressee": Phrase(
        "no person, organisation or body with id '{id}'",
        "شخص، دستگاه یا کارگروهی با شناسه «{id}» تعریف نشده است"),
    # The meeting.
    "bad-weekday": Phrase(
        "unknown weekday '{value}'; expected one of: {names}",
        "«{value}» نام روز هفته نیست؛ یکی از این‌ها را بنویسید: {names}"),
    "weekday-mismatch": Phrase(
        "{date} is a {actual}, not {given}",
        "تاریخ {date} {actual} است، نه {given}"),
    "time-order": Phrase(
        "the end time {end} is not after the start time {start}",
        "ساعت پایان جلسه ({end}) باید بعد از ساعت شروع آن ({start}) باشد"),
    "chair-not-present": Phrase(
        "the chair '{person}' is not in attendance.present",
        "رئیس جلسه («{person}») در فهرست حاضران (attendance.present) نیست"),
    "secretary-not-present": Phrase(
        "the secretary '{person}' is not in attendance.present",
        "دبیر جلسه («{person}») در فهرست حاضران (attendance.present) نیست"),
    "listed-twice": Phrase(
        "'{person}' is already listed ({list} #{number})",
        "«{person}» پیش‌تر در فهرست {list} (مورد {number}) آمده است"),
    "substitute-for-present": Phrase(
        "'{person}' is attending, so nobody can attend in their place",
        "«{person}» خود در جلسه حاضر است، پس کسی نمی‌تواند به جانشینی او شرکت کند"),
    "quorum-not-reached": Phrase(
        "{count} members attended but the quorum is {quorum}; the decisions may not bind",
        "{count} عضو حاضر بوده‌اند ولی حد نصاب {quorum} نفر است؛ ممکن است مصوبات اعتبار نداشته باشند"),
    # Decisions, follow-ups and letters.
    "deadline-before-meeting": Phrase(
        "the deadline {deadline} is before the meeting ({date})",
        "مهلت {deadline} پیش از تاریخ جلسه ({date}) است"),
    "deadline-before-meeting.extended": Phrase(
        "the new deadline {deadline} is before the meeting ({date})",
        "مهلت جدید {deadline} پیش از تاریخ جلسه ({date}) است"),
    "issued-copy": Phrase(
        "this is an issued copy from the archive: a record in data/ must not have 'issued'",
        "این نسخه صادرشده از بایگانی است: پرونده‌های پوشه data نباید بخش «issued» داشته باشند"),
    "unknown-item": Phrase(
        "there is no agenda item {item} (the agenda has {count})",
        "بند {item} در دستور جلسه نیست (دستور جلسه {count} بند دارد)"),
    "dissent-not-present": Phrase(
        "'{person}' did not attend, so cannot record a dissent",
        "«{person}» در جلسه حاضر نبوده است، پس نمی‌تواند نظر مخالف ثبت کند"),
    "unknown-decision": Phrase(
        "no decision with id '{id}'",
        "مصوبه‌ای با شناسه «{id}» در صورتجلسه‌های data/meetings نیست"),
    "duplicate-decision-id": Phrase(
        "decision id '{id}' is also given by {file}",
        "شناسه مصوبه «{id}» در {file} هم آمده است"),
    "too-long": Phrase(
        "the text has {count} characters; at most {limit} are allowed",
        "این متن {count} نویسه دارد؛ بیشترین طول مجاز {limit} نویسه است"),
    "bad-font": Phrase(
        "'{value}' is not a font family name: use its name (Latin letters, digits, spaces, '-'), never a path",
        "«{value}» نام قلم نیست: نام خانوادهٔ قلم را بنویسید (حروف لاتین، رقم، فاصله و «-»)، نه مسیر فایل"),
    "bad-asset": Phrase(
        "'{value}' is not the name of a file under assets/: write it relative to assets/, without '..'",
        "«{value}» نام فایلی در پوشهٔ assets نیست: آن را نسبت به assets و بدون «..» بنویسید"),
    "missing-asset": Phrase(
        "there is no file assets/{value}",
        "فایل assets/{value} وجود ندارد"),
    "bad-record-name": Phrase(
        "the file name '{name}' cannot name a record: use letters, digits, '-' and '_' only (it names the "
        "output and archive folders)",
        "نام فایل «{name}» برای صورتجلسه پذیرفتنی نیست: فقط از حرف، رقم، «-» و «_» استفاده کنید (پوشه‌های "
        "خروجی و بایگانی با این نام ساخته می‌شوند)"),
    "link-outside": Phrase(
        "this file is a link to a file outside the workspace; copy the file into the workspace instead",
        "این فایل پیوندی به فایلی بیرون از پوشهٔ کار است؛ خود فایل را در پوشهٔ کار بگذارید"),
    "no-glyph": Phrase(
        "the font {font} cannot draw '{char}' (U+{codepoint}); write it another way or choose a font that has it",
        "قلم {font} نویسهٔ «{char}» (U+{codepoint}) را ندارد؛ آن را به شکل دیگری بنویسید یا قلمی برگزینید "
        "که آن را دارد"),
    # The office.
    "letter-number.unknown-placeholder": Phrase(
        "the letter number pattern has an unknown placeholder at character {at}: use {{unit}}, {{yy}}, "
        "{{yyyy}}, {{serial}} or {{serial:N}}",
        "الگوی شماره نامه در نویسهٔ {at} جای‌نمای ناشناخته دارد: از {{unit}}، {{yy}}، {{yyyy}}، {{serial}} یا "
        "{{serial:N}} استفاده کنید"),
    "letter-number.unbalanced-brace": Phrase(
        "the letter number pattern has an unmatched brace at character {at} (write {{{{ or }}}} for a brace)",
        "آکولاد نویسهٔ {at} در الگوی شماره نامه جفت ندارد (برای خود آکولاد {{{{ یا }}}} بنویسید)"),
    "letter-number.width": Phrase(
        "the width of the serial at character {at} of the letter number pattern must be 1 to {limit}",
        "پهنای شماره ردیف در نویسهٔ {at} الگوی شماره نامه باید از ۱ تا {limit} باشد"),
    "letter-number.serial-count": Phrase(
        "the letter number pattern must hold {{serial}} exactly once",
        "الگوی شماره نامه باید {{serial}} را درست یک بار داشته باشد"),
    "letter-number.no-year": Phrase(
        "the letter number pattern must hold the year, as {{yy}} or {{yyyy}}",
        "الگوی شماره نامه باید سال را داشته باشد: {{yy}} یا {{yyyy}}"),
    "letter-number.bad-character": Phrase(
        "the character at position {at} of the letter number pattern has no place in a number",
        "نویسهٔ جایگاه {at} در الگوی شماره نامه در شماره جایی ندارد"),
    "letter-number.too-long": Phrase(
        "the letter number pattern is longer than {limit} characters",
        "الگوی شماره نامه بیش از {limit} نویسه است"),
    "letter-number.empty": Phrase(
        "the letter number pattern is empty",
        "الگوی شماره نامه خالی است"),
    "letter-number.no-unit": Phrase(
        "the letter number pattern uses {{unit}}, but the office has no 'unit'",
        "الگوی شماره نامه {{unit}} دارد، ولی دفتر صادرکننده «unit» ندارد"),
}
