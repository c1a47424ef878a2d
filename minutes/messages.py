"""The wording of every diagnostic, in English and in Persian.

Each message is a template keyed by its diagnostic code, or by ``code.variant`` where one code
has several wordings. A diagnostic keeps the values that fill its template, so the same
diagnostic can be shown in either language. Ids, field names, dates and file names are
inserted exactly as the user wrote them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("en", "fa")


@dataclass(frozen=True)
class Phrase:
    """A text worded once per language: a message template, or a value such as a month name."""

    en: str
    fa: str

    def text(self, lang: str) -> str:
        """The wording in ``lang`` (one of :data:`LANGUAGES`)."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}'; expected one of: {', '.join(LANGUAGES)}")
        return self.en if lang == "en" else self.fa


WARNING_LABEL = Phrase("warning: ", "هشدار: ")
SUGGESTION = Phrase("; did you mean '{suggestion}'?", "؛ آیا منظورتان «{suggestion}» است؟")

MESSAGES: dict[str, Phrase] = {
    # Reading the file.
    "unreadable": Phrase(
        "the file cannot be read: {reason}",
        "فایل خوانده نشد: {reason}"),
    "file-too-large": Phrase(
        "the file has {size} bytes; records are limited to {limit} bytes",
        "حجم فایل {size} بایت است؛ بیشترین حجم مجاز {limit} بایت است"),
    "encoding": Phrase(
        "the file is not UTF-8 (byte 0x{byte}); save it as UTF-8",
        "فایل با کدگذاری UTF-8 ذخیره نشده است (بایت 0x{byte})؛ آن را با کدگذاری UTF-8 ذخیره کنید"),
    "encoding.windows-1256": Phrase(
        "the file is not UTF-8: it looks like Windows-1256 (Arabic Windows) text (byte 0x{byte}); "
        "save it as UTF-8",
        "فایل با کدگذاری UTF-8 ذخیره نشده است؛ ظاهراً با کدگذاری Windows-1256 (عربی ویندوز) ذخیره شده است "
        "(بایت 0x{byte})؛ آن را با کدگذاری UTF-8 ذخیره کنید"),
    "encoding.wide": Phrase(
        "the file is {encoding}, not UTF-8; save it as UTF-8",
        "فایل با کدگذاری {encoding} ذخیره شده است، نه UTF-8؛ آن را با کدگذاری UTF-8 ذخیره کنید"),
    "bad-character": Phrase(
        "the control character U+{codepoint} is not allowed; delete it",
        "کاراکتر کنترلی U+{codepoint} در فایل مجاز نیست؛ آن را پاک کنید"),
    # YAML structure.
    "yaml-syntax": Phrase(
        "{detail}",
        "نگارش YAML نادرست است ({detail})"),
    "yaml-syntax.tab": Phrase(
        "a tab character is not allowed here; indent with spaces",
        "کاراکتر Tab در اینجا مجاز نیست؛ برای تورفتگی از فاصله (Space) استفاده کنید"),
    "yaml-syntax.colon": Phrase(
        "a ': ' is not allowed here: put a value that contains ': ' in quotes, or check the indentation",
        "«: » در اینجا مجاز نیست: مقداری را که «: » دارد داخل گیومه (\"…\") بگذارید، یا تورفتگی سطر را بررسی کنید"),
    "yaml-syntax.anchor": Phrase(
        "anchors and aliases are not allowed",
        "لنگر و ارجاع YAML (& و *) مجاز نیست؛ مقدار را کامل بنویسید"),
    "yaml-syntax.tag": Phrase(
        "YAML tags such as {tag} are not allowed",
        "برچسب‌های YAML مانند {tag} مجاز نیست"),
    "yaml-syntax.depth": Phrase(
        "the data is nested more than {limit} levels deep",
        "داده‌ها بیش از {limit} سطح تودرتو هستند"),
    "yaml-top-level": Phrase(
        "the file must hold a mapping of keys to values",
        "فایل باید مجموعه‌ای از فیلدها به شکل «نام: مقدار» باشد"),
    "yaml-key": Phrase(
        "a key must be plain text",
        "نام فیلد باید متن ساده باشد"),
    "yaml-merge": Phrase(
        "merge keys (<<) are not allowed",
        "کلید ادغام YAML (<<) مجاز نیست"),
    "duplicate-key": Phrase(
        "duplicate key '{name}' (first given on line {first_line})",
        "فیلد «{name}» تکراری است (بار اول در سطر {first_line} آمده است)"),
    # Shapes and values (the schema).
    "missing-field": Phrase(
        "'{field}' is required",
        "فیلد «{field}» الزامی است و وارد نشده است"),
    "missing-field.extended_to": Phrase(
        "'extended_to' is required when the status is extended",
        "وقتی وضعیت extended است، فیلد «extended_to» (مهلت جدید) الزامی است"),
    "unknown-field": Phrase(
        "unknown field '{field}'",
        "فیلدی به نام «{field}» وجود ندارد"),
    "empty-value": Phrase(
        "'{field}' has no value",
        "فیلد «{field}» مقدار ندارد"),
    "empty-value.item": Phrase(
        "this entry has no value",
        "این مورد مقدار ندارد"),
    "empty-text": Phrase(
        "the text must not be empty",
        "متن نباید خالی باشد"),
    "empty-list": Phrase(
        "the list must have at least one entry",
        "این فهرست نباید خالی باشد"),
    "too-many": Phrase(
        "at most {limit} entries are allowed, not {count}",
        "حداکثر {limit} مورد مجاز است، نه {count}"),
    "expected-list": Phrase(
        "expected a list (lines starting with '- ')",
        "اینجا باید فهرست باشد (سطرهایی که با «- » شروع می‌شوند)"),
    "expected-mapping": Phrase(
        "expected fields (lines of 'name: value')",
        "اینجا باید فیلدهایی به شکل «نام: مقدار» باشد"),
    "expected-text": Phrase(
        "expected text, not a list or fields",
        "اینجا باید متن باشد، نه فهرست یا مجموعه‌ای از فیلدها"),
    "bad-id": Phrase(
        "'{value}' is not a valid id: use lower-case Latin letters, digits and '-'",
        "«{value}» شناسه معتبری نیست: شناسه فقط از حروف کوچک لاتین، رقم و «-» ساخته می‌شود"),
    "bad-number": Phrase(
        "'{value}' is not a whole number",
        "«{value}» عدد صحیح نیست"),
    "bad-number.min": Phrase(
        "{value} is less than {limit}",
        "«{value}» نباید کمتر از {limit} باشد"),
    "bad-number.max": Phrase(
        "{value} is more than {limit}",
        "«{value}» نباید بیشتر از {limit} باشد"),
    "bad-boolean": Phrase(
        "'{value}' is neither true nor false",
        "«{value}» باید true یا false باشد"),
    "bad-choice": Phrase(
        "'{value}' is not one of: {choices}",
        "«{value}» مجاز نیست؛ یکی از این‌ها را بنویسید: {choices}"),
    "bad-date": Phrase(
        "expected a Jalali date like 1403/05/17, got '{value}'",
        "«{value}» تاریخ شمسی درستی نیست؛ تاریخ را به شکل 1403/05/17 بنویسید"),
    "bad-date.month-length": Phrase(
        "{date} is not a real Jalali date: {month} {year} has {days} days",
        "تاریخ {date} وجود ندارد: {month} {year} تنها {days} روز دارد"),
    "bad-date.month": Phrase(
        "{date} is not a real Jalali date: month {month} does not exist",
        "تاریخ {date} وجود ندارد: ماه {month} وجود ندارد (ماه‌ها از 1 تا 12 هستند)"),
    "bad-date.day": Phrase(
        "{date} is not a real Jalali date: day {day} does not exist",
        "تاریخ {date} وجود ندارد: روز {day} وجود ندارد"),
    "bad-date.year": Phrase(
        "{date} is not a supported Jalali date: the year must be between {low} and {high}",
        "تاریخ {date} پذیرفتنی نیست: سال باید بین {low} و {high} باشد"),
    "gregorian-date": Phrase(
        "{date} looks like a Gregorian date; write the Jalali date (like 1403/05/17)",
        "تاریخ {date} میلادی به نظر می‌رسد؛ تاریخ شمسی بنویسید (مانند 1403/05/17)"),
    "gregorian-date.converted": Phrase(
        "{date} looks like a Gregorian date; write the Jalali date ({gregorian} is {jalali})",
        "تاریخ {date} میلادی به نظر می‌رسد؛ تاریخ شمسی بنویسید ({gregorian} میلادی برابر با {jalali} است)"),
    "bad-time": Phrase(
        "expected a time like 10:30, got '{value}'",
        "«{value}» ساعت درستی نیست؛ ساعت را به شکل 10:30 بنویسید"),
    "bad-time.hour": Phrase(
        "{value} is not a real time: hours run from 0 to 23",
        "ساعت {value} وجود ندارد: ساعت از 0 تا 23 است"),
    "bad-time.minute": Phrase(
        "{value} is not a real time: minutes run from 0 to 59",
        "ساعت {value} وجود ندارد: دقیقه از 0 تا 59 است"),
    "bad-deadline": Phrase(
        "expected a Jalali date like 1403/05/17, next-meeting or asap, got '{value}'",
        "مهلت «{value}» پذیرفتنی نیست؛ تاریخ شمسی (مانند 1403/05/17)، next-meeting (جلسه بعد) "
        "یا asap (در اسرع وقت) بنویسید"),
    "invalid-value": Phrase(
        "{detail}",
        "مقدار پذیرفتنی نیست ({detail})"),
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
    # Persian typing (minutes lint): «{before}» and «{after}» are the words around the fix.
    "arabic-letter": Phrase(
        "write «{after}» with Persian letters instead of «{before}»",
        "«{after}» را با حروف فارسی بنویسید، نه «{before}»"),
    "nbsp": Phrase(
        "replace the no-break space in «{before}» with a plain space",
        "فاصلهٔ نشکن در «{before}» را با فاصلهٔ معمولی جایگزین کنید"),
    "half-space": Phrase(
        "write «{after}» with a half-space instead of «{before}»",
        "«{after}» را با نیم‌فاصله بنویسید، نه «{before}»"),
    "half-space.nbsp": Phrase(
        "write «{after}» with a half-space instead of the no-break space in «{before}»",
        "«{after}» را با نیم‌فاصله بنویسید، نه با فاصلهٔ نشکنِ «{before}»"),
    "half-space.joined": Phrase(
        "write «{after}» as one word instead of «{before}»",
        "«{after}» را سرهم بنویسید، نه «{before}»"),
    "half-space.joined-nbsp": Phrase(
        "write «{after}» as one word instead of the no-break space in «{before}»",
        "«{after}» را سرهم بنویسید، نه با فاصلهٔ نشکنِ «{before}»"),
    "space-after-punctuation": Phrase(
        "add a space after the punctuation mark: «{after}» instead of «{before}»",
        "پس از نشانهٔ نگارشی فاصله بگذارید: «{after}» به جای «{before}»"),
    "space-before-punctuation": Phrase(
        "remove the space before the punctuation mark: «{after}» instead of «{before}»",
        "فاصلهٔ پیش از نشانهٔ نگارشی را بردارید: «{after}» به جای «{before}»"),
    "digit-glued": Phrase(
        "separate the number from the word: «{after}» instead of «{before}»",
        "عدد را از کلمه جدا کنید: «{after}» به جای «{before}»"),
    "glued-va": Phrase(
        "separate the conjunction «{va}»: «{after}» instead of «{before}»",
        "حرف ربط «{va}» را جدا بنویسید: «{after}» به جای «{before}»"),
    "quotes": Phrase(
        'use Persian quotation marks «» instead of "" around «{content}»',
        'به جای "" گیومهٔ فارسی «» را دور «{content}» بگذارید'),
    "double-space": Phrase(
        "use one space in «{before}»",
        "در «{before}» یک فاصله بگذارید"),
    "suspect-spelling": Phrase(
        "possible typo: no Persian word starts with «{letter}»; write «{after}» instead of «{before}»",
        "احتمالاً غلط تایپی: هیچ کلمهٔ فارسی با «{letter}» شروع نمی‌شود؛ «{after}» بنویسید، نه «{before}»"),
    "suspect-spelling.rare": Phrase(
        "possible typo: «{word}» occurs once but «{target}» {count} times; did you mean «{target}»?",
        "احتمالاً غلط تایپی: «{word}» یک بار آمده ولی «{target}» {count} بار؛ آیا منظورتان «{target}» است؟"),
    "parenthesis-space": Phrase(
        "put a space outside the parenthesis: «{after}» instead of «{before}»",
        "بیرون پرانتز فاصله بگذارید: «{after}» به جای «{before}»"),
    "decision-prefix": Phrase(
        "remove «{prefix}» at the start: the documents put «{added}» before every decision",
        "«{prefix}» را از آغاز متن بردارید: اسناد خود پیش از هر مصوبه «{added}» می‌گذارند"),
    "repeated-paragraph": Phrase(
        "line {line} repeats line {first} word for word; remove the copy",
        "سطر {line} عیناً تکرار سطر {first} است؛ تکرار را حذف کنید"),
    "repeated-paragraph.file": Phrase(
        "this paragraph repeats line {first} word for word; remove the copy",
        "این بند عیناً تکرار سطر {first} است؛ تکرار را حذف کنید"),
    "repeated-paragraph.across": Phrase(
        "this paragraph repeats line {first} word for word; remove one of the copies",
        "این بند عیناً تکرار سطر {first} است؛ یکی از دو نسخه را حذف کنید"),
    # Why a lint suggestion is not fixed automatically (shown in brackets after it).
    "not-fixed.unmapped": Phrase(
        "not fixed automatically: this value's YAML form could not be traced character by character",
        "خودکار اصلاح نشد: شکل YAML این مقدار را نمی‌توان نویسه به نویسه دنبال کرد"),
    "not-fixed.line-edge": Phrase(
        "not fixed automatically: the fix would leave a space at the edge of a line, where YAML drops or "
        "misreads it",
        "خودکار اصلاح نشد: اصلاح، فاصله‌ای در ابتدا یا انتهای سطر می‌گذارد که YAML آن را حذف می‌کند یا نادرست "
        "می‌خواند"),
    "not-fixed.changes-yaml": Phrase(
        "not fixed automatically: the fix would change how YAML reads the file",
        "خودکار اصلاح نشد: اصلاح، خوانش YAML از فایل را تغییر می‌دهد"),
    "not-fixed.overlaps": Phrase(
        "not fixed automatically: the fix overlaps another one in the file",
        "خودکار اصلاح نشد: این اصلاح با اصلاح دیگری در فایل هم‌پوشانی دارد"),
    "not-fixed.other-value": Phrase(
        "not fixed automatically: the copies are in different values",
        "خودکار اصلاح نشد: دو نسخه در دو مقدار جداگانه‌اند"),
    # Records that make sense (issue 12): votes, dates, the quorum rule.
    "votes-over-present": Phrase(
        "{votes} votes were cast but {count} members and substitutes attended (guests do not vote)",
        "{votes} رأی ثبت شده ولی {count} عضو و جانشین حاضر بوده‌اند (مهمانان رأی ندارند)"),
    "letter-after-meeting": Phrase(
        "the introduction letter is dated {letter}, after the meeting ({date})",
        "تاریخ معرفی‌نامه ({letter}) پس از تاریخ جلسه ({date}) است"),
    "issue-before-meeting": Phrase(
        "the issue date {issued} is before the meeting ({date}): issue on the day of the meeting or later",
        "تاریخ صدور {issued} پیش از تاریخ جلسه ({date}) است: در روز جلسه یا پس از آن صادر کنید"),
    "bad-quorum": Phrase(
        "'{value}' is not a quorum: write a number of members, a share of them such as 2/3, or majority",
        "«{value}» حد نصاب نیست: شمار اعضا، سهمی از آنان مانند 2/3 یا majority (نصف به علاوه یک) بنویسید"),
    "quorum-without-members": Phrase(
        "the quorum {rule} is a share of the members, but the body lists no members",
        "حد نصاب {rule} سهمی از اعضاست، ولی فهرست اعضا (members) خالی است"),
    "quorum-not-reached.rule": Phrase(
        "{count} members and substitutes attended but the quorum ({rule}) is {quorum}; the decisions may not bind",
        "{count} عضو و جانشین حاضر بوده‌اند ولی حد نصاب ({rule}) {quorum} نفر است؛ ممکن است مصوبات اعتبار نداشته باشند"),
}


def text(template: str, values: Mapping[str, object], lang: str = "en") -> str:
    """Template ``template`` filled with ``values`` in ``lang``.

    Phrase values are worded in ``lang``; a non-empty ``suggestion`` adds «did you mean».
    """
    filled = {name: value.text(lang) if isinstance(value, Phrase) else value for name, value in values.items()}
    suggestion = filled.pop("suggestion", None)
    result = MESSAGES[template].text(lang).format(**filled)
    if suggestion:
        result += SUGGESTION.text(lang).format(suggestion=suggestion)
    return result

