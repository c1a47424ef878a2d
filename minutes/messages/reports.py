"""What the command line says besides diagnostics: the summaries, notices, progress lines and answers
of each command. Counts, versions and durations are shown in Latin digits in both languages, as in the
diagnostics printed beside them; paths, codes and numbers are inserted as they are, most often at the
end of a Persian line, after a colon, where they read best in a right-to-left terminal."""

from __future__ import annotations

from minutes.messages.phrase import Phrase

REPORTS: dict[str, Phrase] = {
    # Labels of what the library says in its own words (error messages, notes).
    "said-error": Phrase(
        "error: {reason}",
        "خطا: {reason}"),
    "said-warning": Phrase(
        "warning: {reason}",
        "هشدار: {reason}"),
    "said-note": Phrase(
        "note: {note}",
        "توجه: {note}"),
    "problem-count": Phrase(
        "{errors} error(s), {warnings} warning(s)",
        "{errors} خطا و {warnings} هشدار"),
    "interrupted": Phrase(
        "interrupted; nothing half-written was left behind",
        "کار متوقف شد؛ هیچ فایل نیمه‌کاره‌ای بر جا نماند"),
    "internal-error": Phrase(
        "internal error: {kind}: {error} (run with --debug for details)",
        "خطای داخلی: {kind}: {error} (برای دیدن جزئیات، فرمان را با \u200e--debug اجرا کنید)"),
    "font-fallback": Phrase(
        "font {family} is not in {folder} (run 'minutes init --existing .' in the workspace ('make fonts' in a "
        "checkout of minutes)); using the system font {fallback} instead",
        "قلم {family} در پوشه {folder} نیست (در پوشه کار، «minutes init --existing .» را اجرا کنید؛ در نسخه "
        "کد minutes، «make fonts» را)؛ به جای آن قلم {fallback} سیستم به کار می‌رود"),
    # build, watch and serve.
    "build-start": Phrase(
        "{total} document(s) to build, {up_to_date} up to date",
        "{total} سند باید ساخته شود و {up_to_date} سند به‌روز است"),
    "build-built": Phrase(
        "built {path}",
        "ساخته شد: {path}"),
    "build-rate": Phrase(
        "  {rate:.1f} docs/s  ETA {left}",
        "  {rate:.1f} سند در ثانیه  {left} مانده"),
    "build-rate.seconds": Phrase(
        "  {rate:.1f} docs/s  ETA {seconds}s",
        "  {rate:.1f} سند در ثانیه  {seconds} ثانیه مانده"),
    "build-done": Phrase(
        "{written} document(s) written, {up_to_date} up to date in {seconds:.1f}s",
        "{written} سند ساخته شد و {up_to_date} سند به‌روز بود (در {seconds:.1f} ثانیه)"),
    "build-done.removed": Phrase(
        "{written} document(s) written, {up_to_date} up to date, {removed} removed in {seconds:.1f}s",
        "{written} سند ساخته شد، {up_to_date} سند به‌روز بود و {removed} سند حذف شد (در {seconds:.1f} ثانیه)"),
    "build-removed": Phrase(
        "removed {path} (no longer made)",
        "حذف شد، چون دیگر ساخته نمی‌شود: {path}"),
    "watch-start": Phrase(
        "watching the records, directory, templates, fonts and assets; Ctrl-C stops",
        "تغییر فایل‌های صورتجلسه، فهرست اشخاص و دستگاه‌ها، قالب‌ها، قلم‌ها و تصاویر زیر نظر است؛ "
        "برای توقف Ctrl-C را بزنید"),
    "watch-changed": Phrase(
        "changed: {files}",
        "تغییر کرد: {files}"),
    "watch-done": Phrase(
        "{written} document(s) written, {up_to_date} up to date in {seconds:.2f}s",
        "{written} سند ساخته شد و {up_to_date} سند به‌روز بود (در {seconds:.2f} ثانیه)"),
    "serve-start": Phrase(
        "serving the live preview at {url} (Ctrl-C stops)",
        "پیش‌نمایش زنده در این نشانی آماده است (برای توقف Ctrl-C را بزنید): {url}"),
    "serve-shared": Phrase(
        "warning: serving on {host}: anyone who can reach this machine on the network can read the drafts "
        "(asking for it by an IP address or by one of the names {names}; other names are refused, --allow-host "
        "adds one); use the default 127.0.0.1 to keep them to yourself",
        "هشدار: پیش‌نمایش روی نشانی {host} در دسترس است و هر کس از راه شبکه به این رایانه دسترسی داشته باشد "
        "می‌تواند پیش‌نویس‌ها را بخواند (با نشانی IP یا یکی از این نام‌ها: {names}؛ نام‌های دیگر پذیرفته نمی‌شوند "
        "و با \u200e--allow-host می‌توان نامی افزود)؛ برای اینکه فقط خودتان آن‌ها را ببینید، نشانی پیش‌فرض 127.0.0.1 را "
        "به کار ببرید"),
    "serve-done": Phrase(
        "{count} file(s) written in {seconds:.2f}s",
        "{count} فایل نوشته شد (در {seconds:.2f} ثانیه)"),
    # validate, lint, init.
    "validate-valid": Phrase(
        "{count} record(s) valid",
        "{count} فایل صورتجلسه بی‌اشکال است"),
    "lint-fixed": Phrase(
        "{file}: {count} fix(es) applied",
        "{file}: {count} مورد اصلاح شد"),
    "init-no-font": Phrase(
        "warning: this installation carries no font; documents will use the system fallback",
        "هشدار: این نسخه نصب‌شده قلمی همراه ندارد؛ سندها با قلم جایگزین سیستم ساخته می‌شوند"),
    "init-done": Phrase(
        "{count} file(s) written in {folder}; next: cd there and run 'minutes build'",
        "{count} فایل در {folder} نوشته شد؛ گام بعد: به آن پوشه بروید (cd) و «minutes build» را اجرا کنید"),
    # issue.
    "issue-supersede-reason": Phrase(
        "error: --supersede and --reason go together: say why the new version replaces the old",
        "خطا: گزینه‌های \u200e--supersede و \u200e--reason با هم داده می‌شوند: بنویسید چرا نسخه جدید جای نسخه قبلی را "
        "می‌گیرد"),
    "issue-numbered": Phrase(
        "numbered {count} document(s) of {record} version {version}",
        "به {count} سند نسخه {version} صورتجلسه {record} شماره داده شد"),
    "issue-rendered": Phrase(
        "rendered {count} PDF/A-3a original(s)",
        "{count} نسخه اصل PDF/A-3a ساخته شد"),
    "issue-rendered.signed": Phrase(
        "rendered {count} PDF/A-3a original(s), signed",
        "{count} نسخه اصل PDF/A-3a ساخته و امضا شد"),
    "issue-done": Phrase(
        "issued {record} version {version}: {bag}",
        "نسخه {version} صورتجلسه {record} صادر و بایگانی شد: {bag}"),
    # verify.
    "verify-problems": Phrase(
        "{count} problem(s) in {archive}",
        "{count} اشکال در بایگانی پیدا شد: {archive}"),
    "verify-sound": Phrase(
        "{archive}: every bag, hash, signature and embedded source checks out",
        "همه بسته‌ها، چکیده‌ها، امضاها و صورتجلسه‌های پیوست بایگانی تأیید شد: {archive}"),
    "verify-rerender-differs": Phrase(
        "{path}: differs when rendered again",
        "{path}: در ساخت دوباره، عین نسخه اصل به دست نمی‌آید"),
    "verify-rerender-differ-count": Phrase(
        "{differ} of {total} original(s) differ when rendered again",
        "{differ} نسخه از {total} نسخه اصل در ساخت دوباره عیناً به دست نمی‌آید"),
    "verify-rerender-same": Phrase(
        "{total} original(s) of {bags} bag(s) rendered again: byte-identical",
        "{total} نسخه اصل از {bags} بسته دوباره ساخته شد و بایت به بایت یکسان است"),
    "verify-legacy": Phrase(
        "{count} issue(s) recorded before the register kept the hashes of originals and bags (their bags' own "
        "manifests vouch for them): {folders}",
        "{count} صدور پیش از آنکه دفتر ثبت چکیده نسخه‌های اصل و بسته‌ها را نگه دارد ثبت شده است (فهرست‌های "
        "خود بسته‌ها درستی آن‌ها را تضمین می‌کنند): {folders}"),
    "unfinished-killed": Phrase(
        "{area}: left by an issue killed while it wrote the archive (nothing of it was issued); the next issue "
        "removes it",
        "صدوری که هنگام نوشتن در بایگانی متوقف شد این پوشه را بر جا گذاشته است (چیزی از آن صادر نشد)؛ صدور بعدی "
        "آن را پاک می‌کند: {area}"),
    "unfinished-writing": Phrase(
        "{area}: an issue is writing the archive now",
        "صدوری هم‌اکنون در حال نوشتن در بایگانی است: {area}"),
    "unfinished-bag": Phrase(
        "{bag}: an unfinished issue (killed, or still at work, before the register recorded it): not issued; the "
        "next issue removes it",
        "بسته صدوری ناتمام (متوقف‌شده، یا هنوز در کار، پیش از ثبت در دفتر ثبت): صادر نشده است؛ صدور بعدی آن را "
        "پاک می‌کند: {bag}"),
    # check.
    "check-no-file": Phrase(
        "error: {file}: no such file",
        "خطا: چنین فایلی نیست: {file}"),
    "check-too-long": Phrase(
        "error: the argument has {count} characters: a verification code or a file name has at most {limit}",
        "خطا: آرگومان {count} نویسه دارد: کد استعلام یا نام فایل حداکثر {limit} نویسه دارد"),
    "check-too-large": Phrase(
        "not issued: {file} is larger than {limit} MB, and no original this archive issues is that large",
        "صادر نشده: حجم {file} بیش از {limit} مگابایت است و هیچ نسخه اصلی از این بایگانی چنین حجمی ندارد"),
    "check-not-issued": Phrase(
        "not issued: this archive has no original with {asked}",
        "صادر نشده: این بایگانی نسخه اصلی با این کد یا فایل ندارد: {asked}"),
    "check-unmatched": Phrase(
        "it embeds the issued record of {record} version {version}, but matches none of its {count} original(s): "
        "its contents were changed",
        "این فایل صورتجلسه صادرشده نسخه {version} {record} را در خود دارد، ولی با هیچ‌یک از {count} نسخه اصل آن "
        "یکی نیست: محتوای آن تغییر کرده است"),
    "check-issued": Phrase(
        "issued: {record} version {version}, {document}, number {number}, dated {date}, code {code}",
        "صادر شده: صورتجلسه {record} نسخه {version}، سند {document}، شماره {number}، تاریخ {date}، "
        "کد استعلام {code}"),
    "check-superseded": Phrase(
        "superseded: by version {version} of {date} ({reason})",
        "جایگزین شده: با نسخه {version} مورخ {date} ({reason})"),
    "check-superseded.renumbered": Phrase(
        "superseded: by version {version} of {date} ({reason}), where it is number {number}",
        "جایگزین شده: با نسخه {version} مورخ {date} ({reason})، که در آن شماره این سند {number} است"),
    "check-current": Phrase(
        "current: no later version supersedes it",
        "معتبر: نسخه دیگری جای آن را نگرفته است"),
    "check-differs": Phrase(
        "differs: {problem}",
        "مغایرت: {problem}"),
    "check-matches": Phrase(
        "contents (an unsigned original): match the archived original",
        "محتوا (نسخه اصل بدون امضا): با نسخه اصل بایگانی یکی است"),
    "check-matches.signed": Phrase(
        "signature and contents: match the archived original",
        "امضا و محتوا: با نسخه اصل بایگانی یکی است"),
    "code-length": Phrase(
        "a verification code has {expected} letters and digits, '{text}' has {count}",
        "کد استعلام {expected} حرف و رقم دارد، ولی «{text}» {count} حرف و رقم دارد"),
    "code-letters": Phrase(
        "'{text}' is not a verification code: '{wrong}' never appears in one",
        "«{text}» کد استعلام نیست: «{wrong}» هرگز در کد استعلام نمی‌آید"),
    "code-mistyped": Phrase(
        "'{text}' is mistyped: its last character does not match the others",
        "«{text}» نادرست وارد شده است: نویسه آخر آن با بقیه نمی‌خواند"),
    # doctor.
    "doctor-workspace": Phrase(
        "workspace {path}",
        "پوشه کار: {path}"),
    "doctor-templates": Phrase(
        "default templates: {path}",
        "قالب‌های پیش‌فرض: {path}"),
    "doctor-bundled": Phrase(
        "{family} (bundled): found, checksum verified",
        "قلم {family} (همراه برنامه): پیدا شد و چکیده آن درست است"),
    "doctor-bundled.missing": Phrase(
        "{family} (bundled): not found (run 'minutes init --existing .' in the workspace ('make fonts' in a "
        "checkout of minutes))",
        "قلم {family} (همراه برنامه): پیدا نشد (در پوشه کار، «minutes init --existing .» را اجرا کنید؛ در نسخه "
        "کد minutes، «make fonts» را)"),
    "doctor-bundled.error": Phrase(
        "{family} (bundled): {error}",
        "قلم {family} (همراه برنامه): {error}"),
    "doctor-system-font": Phrase(
        "{family} (system): {path}",
        "قلم {family} (سیستم): {path}"),
    "doctor-system-font.missing": Phrase(
        "{family} (system): not installed",
        "قلم {family} (سیستم): نصب نیست"),
    "doctor-font": Phrase(
        "configured font: {family}; will embed: {embedded}",
        "قلم تعیین‌شده: {family}؛ قلمی که در سندها جای داده می‌شود: {embedded}"),
    "doctor-font.unknown": Phrase(
        "cannot tell which font will be embedded: {error}",
        "معلوم نیست کدام قلم در سندها جای داده می‌شود: {error}"),
    "doctor-archive.none": Phrase(
        "archive: none yet",
        "بایگانی: هنوز نیست"),
    "doctor-archive": Phrase(
        "archive: {bags} bag(s); this machine has what rendered their originals (the same software, font files, "
        "templates and assets), so it re-renders them byte-identically",
        "بایگانی: {bags} بسته؛ این رایانه همان چیزهایی را دارد که نسخه‌های اصل با آن‌ها ساخته شدند (همان "
        "نرم‌افزار، قلم‌ها، قالب‌ها و تصاویر)، پس آن‌ها را بایت به بایت یکسان دوباره می‌سازد"),
    "doctor-archive.doubts": Phrase(
        "archive: {bags} bag(s); this machine may not render them byte-identically:",
        "بایگانی: {bags} بسته؛ شاید این رایانه آن‌ها را بایت به بایت یکسان دوباره نسازد:"),
    "doctor-archive.rerender": Phrase(
        "  ('minutes verify --rerender' renders them again and compares)",
        "  (فرمان «minutes verify --rerender» آن‌ها را دوباره می‌سازد و مقایسه می‌کند)"),
    # search and followup.
    "search-no-archive": Phrase(
        "error: no archive at {folder}: issue a record first",
        "خطا: بایگانی‌ای در این پوشه نیست؛ نخست صورتجلسه‌ای صادر کنید: {folder}"),
    "search-superseded": Phrase(
        " (superseded by v{version})",
        " (نسخه {version} جای آن را گرفته است)"),
    "followup-rendered": Phrase(
        "rendered {path}",
        "ساخته شد: {path}"),
    "followup-nothing": Phrase(
        "no meeting was held by that date: nothing to follow up",
        "تا آن تاریخ جلسه‌ای برگزار نشده است: مصوبه‌ای برای پیگیری نیست"),
    "followup-removed": Phrase(
        "removed {path}: no longer overdue",
        "حذف شد، چون دیگر معوق نیست: {path}"),
}
