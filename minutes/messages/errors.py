"""The reasons of the errors the library raises on purpose (:class:`minutes.diagnostics.MinutesError`),
printed after «error:». Paths, ids, codes and numbers are values; so is the text of an error from
elsewhere (the system, WeasyPrint) that an error passes on."""

from __future__ import annotations

from minutes.messages.phrase import Phrase

ERRORS: dict[str, Phrase] = {
    "invalid-input": Phrase(
        "{count} problem(s) in the input; nothing was written",
        "{count} اشکال در ورودی هست؛ چیزی نوشته نشد"),
    # new, init, followup.
    "no-such-body": Phrase(
        "no body with id '{body}' (known bodies: {known})",
        "کارگروه، کمیته یا شورایی با شناسه «{body}» نیست (شناسه‌های موجود: {known})"),
    "no-earlier-meeting": Phrase(
        "no earlier meeting to take the body from: name one with --body",
        "جلسه پیشینی نیست که کارگروه از آن گرفته شود: با \u200e--body یکی را نام ببرید"),
    "body-without-members": Phrase(
        "body '{body}' has no members and no earlier meeting: add 'members' to it first",
        "«{body}» نه عضوی دارد و نه جلسه پیشینی: نخست «members» را به آن بیفزایید"),
    "record-exists": Phrase(
        "{path} already exists; nothing was written",
        "این فایل از پیش هست و چیزی نوشته نشد: {path}"),
    "init-not-folder": Phrase(
        "{folder} is a file, not a folder",
        "این یک فایل است، نه پوشه: {folder}"),
    "init-not-empty": Phrase(
        "{folder} is not empty ({shown}): choose an empty folder, or add --existing to add only the files it lacks",
        "پوشه {folder} خالی نیست ({shown}): پوشه‌ای خالی برگزینید، یا با \u200e--existing تنها فایل‌هایی را که "
        "ندارد به آن بیفزایید"),
    "init-changed-file": Phrase(
        "{file}: does not match {sums}; reinstall minutes",
        "فایل {file} با {sums} نمی‌خواند؛ minutes را دوباره نصب کنید"),
    # build and render.
    "records-collide": Phrase(
        "two records would be written to {folder}: {first} and {second}; rename one of them",
        "دو صورتجلسه {first} و {second} در یک پوشه نوشته می‌شوند؛ نام یکی از آن‌ها را تغییر دهید: {folder}"),
    "link-outside.file": Phrase(
        "{path} is a link to a file outside the workspace: copy the file in instead",
        "{path} پیوندی به فایلی بیرون از پوشه کار است: به جای آن، خود فایل را به پوشه کار رونوشت کنید"),
    "link-outside.font": Phrase(
        "{path} is a link to a file outside the workspace: copy the font in instead",
        "{path} پیوندی به فایلی بیرون از پوشه کار است: به جای آن، خود قلم را به پوشه کار رونوشت کنید"),
    "link-outside.template": Phrase(
        "template {template} in {folder} is a link to a file outside it: copy the file in instead",
        "قالب {template} در پوشه {folder} پیوندی به فایلی بیرون از آن است: به جای آن، خود فایل را رونوشت کنید"),
    "font-checksum": Phrase(
        "{path}: checksum {checksum}… does not match SHA256SUMS; run 'minutes init --existing .' in the "
        "workspace ('make fonts' in a checkout of minutes) to get it again",
        "چکیده {checksum}… فایل {path} با SHA256SUMS نمی‌خواند؛ برای گرفتن دوباره آن، در پوشه کار «minutes init "
        "--existing .» را اجرا کنید (در نسخه کد minutes، «make fonts» را)"),
    "font-missing": Phrase(
        "font {family} is not in {folder} and the fallback {fallback} is not installed: run 'minutes init "
        "--existing .' in the workspace ('make fonts' in a checkout of minutes), or 'apt-get install "
        "fonts-noto-core'",
        "قلم {family} در پوشه {folder} نیست و قلم جایگزین {fallback} هم نصب نیست: در پوشه کار «minutes init "
        "--existing .» را اجرا کنید (در نسخه کد minutes، «make fonts» را)، یا «apt-get install fonts-noto-core» را"),
    "template-missing": Phrase(
        "template {template} not found in {searched}",
        "قالب {template} در این پوشه‌ها پیدا نشد: {searched}"),
    "template-forbidden": Phrase(
        "template {template} tried what templates may not: {error}",
        "قالب {template} کاری کرد که قالب‌ها اجازه آن را ندارند: {error}"),
    "template-error": Phrase(
        "{where}{error} (in template {template})",
        "{where}{error} (در قالب {template})"),
    "weasyprint": Phrase(
        "WeasyPrint: {messages}",
        "گزارش WeasyPrint: {messages}"),
    "style-missing": Phrase(
        "style.css not found in {folders}",
        "style.css در این پوشه‌ها پیدا نشد: {folders}"),
    "style-unusable": Phrase(
        "{style}: {error}",
        "شیوه‌نامه {style} به کار نمی‌آید: {error}"),
    "render-failed": Phrase(
        "{error}",
        "سند ساخته نشد: {error}"),
    "render-crashed": Phrase(
        "{kind}: {error}",
        "سند ساخته نشد: {kind}: {error}"),
    "renderer-died": Phrase(
        "a rendering process stopped unexpectedly",
        "یکی از فرایندهای ساخت سند ناگهان متوقف شد"),
    "renderer-died.codes": Phrase(
        "a rendering process stopped unexpectedly (exit code {codes})",
        "یکی از فرایندهای ساخت سند ناگهان متوقف شد (کد خروج {codes})"),
    "page-size": Phrase(
        "the stylesheet does not give {paper} pages: it needs a rule '{rule}'",
        "شیوه‌نامه صفحه‌های {paper} نمی‌سازد: به قاعده «{rule}» نیاز دارد"),
    "wrong-font-embedded": Phrase(
        "the PDF would embed {embedded} instead of {family}: check the font files and the stylesheet's font-family",
        "PDF به جای قلم {family} قلم‌های {embedded} را در خود جای می‌دهد: فایل‌های قلم و font-family شیوه‌نامه را "
        "بررسی کنید"),
    # writing files.
    "write-refused.outside": Phrase(
        "refused to write {target}: it is not inside {root}",
        "{target} نوشته نشد: درون {root} نیست"),
    "write-refused.name": Phrase(
        "refused to write {target}: not a file name inside {root}",
        "{target} نوشته نشد: نام فایلی درون {root} نیست"),
    "write-refused.link": Phrase(
        "refused to write {target}: {link} is a symbolic link",
        "{target} نوشته نشد: {link} پیوند نمادین است"),
    "write-collide": Phrase(
        "two documents would be written to {target}: rename one of them",
        "دو سند در یک فایل نوشته می‌شوند؛ نام یکی از آن‌ها را تغییر دهید: {target}"),
    "cannot-write-in": Phrase(
        "cannot write in {folder}: {error}",
        "نوشتن در پوشه {folder} ممکن نیست: {error}"),
    "cannot-write": Phrase(
        "cannot write {target}: {error}",
        "نوشتن {target} ممکن نیست: {error}"),
    "write-undone": Phrase(
        "could not write {target}: {error}; every file is as it was",
        "{target} نوشته نشد: {error}؛ همه فایل‌ها همان‌اند که بودند"),
    # serve.
    "cannot-listen": Phrase(
        "cannot listen on {host}:{port}: {error}",
        "گوش دادن روی {host}:{port} ممکن نیست: {error}"),
    "cannot-listen.port": Phrase(
        "cannot listen on {host}:{port}: a port is 0 to {limit}",
        "گوش دادن روی {host}:{port} ممکن نیست: شماره درگاه از 0 تا {limit} است"),
    # issue and the archive.
    "planned-meeting": Phrase(
        "{record} is a planned meeting: its invitations are drafts for now; issue the record once the meeting "
        "is held (without 'status: planned')",
        "{record} جلسه‌ای برنامه‌ریزی‌شده است و دعوت‌نامه‌های آن فعلاً پیش‌نویس‌اند؛ صورتجلسه را پس از برگزاری "
        "جلسه صادر کنید (بدون «status: planned»)"),
    "already-issued": Phrase(
        "{record} was already issued (version {version} on {date}); to issue a corrected version use "
        "--supersede --reason TEXT",
        "صورتجلسه {record} پیش‌تر صادر شده است (نسخه {version} در {date})؛ برای صدور نسخه اصلاح‌شده، "
        "\u200e--supersede --reason TEXT را به کار ببرید"),
    "no-register": Phrase(
        "{register}: no register here",
        "دفتر ثبتی اینجا نیست: {register}"),
    "code-taken": Phrase(
        "verification code {code} of {file} is already in the register",
        "کد استعلام {code} سند {file} پیش‌تر در دفتر ثبت آمده است"),
    "number-taken": Phrase(
        "letter number {number} is already in the register; check the office's letter number pattern",
        "شماره نامه {number} پیش‌تر در دفتر ثبت آمده است؛ الگوی شماره نامه دبیرخانه را بررسی کنید"),
    "held-too-large": Phrase(
        "{path}: larger than {limit} bytes",
        "حجم فایل بیش از {limit} بایت است: {path}"),
    # signing.
    "password-unset": Phrase(
        "set {variable} to the password of {keyfile}",
        "گذرواژه {keyfile} را در متغیر {variable} بگذارید"),
    "password-no-terminal": Phrase(
        "no terminal to ask for the {what}: set the office's password_env variable",
        "ترمینالی برای پرسیدن گذرواژه ({what}) نیست: متغیر password_env دبیرخانه را تعیین کنید"),
    "wrong-password": Phrase(
        "{keyfile}: cannot open it: wrong password, or not a PKCS#12 file",
        "{keyfile} باز نمی‌شود: گذرواژه نادرست است یا فایل PKCS#12 نیست"),
    "key-would-not-verify": Phrase(
        "{keyfile}: {problem}; originals signed with it would not verify",
        "{keyfile}: {problem}؛ نسخه‌های اصلی که با آن امضا شوند تأیید نمی‌شوند"),
    "file-refused.outside": Phrase(
        "{path}: signing files must lie inside the workspace",
        "{path}: فایل‌های امضا باید درون پوشه کار باشند"),
    "file-refused.missing": Phrase(
        "{path}: no such file in the workspace",
        "{path}: چنین فایلی در پوشه کار نیست"),
    "file-refused.not-a-file": Phrase(
        "{path}: not a file",
        "{path}: فایل نیست"),
    "file-refused.too-large": Phrase(
        "{path}: larger than {limit} bytes",
        "{path}: بیش از {limit} بایت است"),
    "file-refused.not-certificate": Phrase(
        "{path}: not a certificate in PEM or DER form",
        "{path}: گواهی‌ای به شکل PEM یا DER نیست"),
    "file-refused.no-key": Phrase(
        "{path}: holds no private key with its certificate",
        "{path}: کلید خصوصی همراه با گواهی آن را ندارد"),
    "file-refused.other-certificate": Phrase(
        "{path}: not the certificate {keyfile} holds",
        "{path}: همان گواهی‌ای نیست که {keyfile} دارد"),
    "signed-would-not-verify": Phrase(
        "a signed original would not verify: {problems}",
        "نسخه اصل امضاشده تأیید نمی‌شود: {problems}"),
    "signing-failed": Phrase(
        "signing failed: {kind}: {error}",
        "امضا انجام نشد: {kind}: {error}"),
    "signing-changed-bytes": Phrase(
        "signing changed the rendered bytes instead of appending to them",
        "امضا به جای افزودن به بایت‌های سند ساخته‌شده، خود آن‌ها را تغییر داد"),
    "tsa-not-http": Phrase(
        "the time-stamp authority must be an http or https URL, not {url}",
        "نشانی مرجع مهر زمانی باید http یا https باشد، نه {url}"),
    "tsa-timeout": Phrase(
        "the time-stamp authority did not reply within {seconds} seconds",
        "مرجع مهر زمانی در {seconds} ثانیه پاسخ نداد"),
    "tsa-reply-too-large": Phrase(
        "the time-stamp authority's reply is larger than {limit} bytes",
        "پاسخ مرجع مهر زمانی بیش از {limit} بایت است"),
}
