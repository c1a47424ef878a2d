"""The archive: issue numbered, signed originals into BagIt bags (``issue``, ``issued``, ``seal``,
``signing``) with a SQLite register (``registry``, ``originals``), prove them unchanged (``verify``,
``unfinished``), answer for a code or a file (``check``) and search their text (``search``)."""

import logging

logging.getLogger("bagit").addHandler(logging.NullHandler())  # its findings come back as exceptions; none on stderr
