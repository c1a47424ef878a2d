"""The archive: issue numbered originals into BagIt bags (``issue``) with a SQLite register
(``registry``), prove them unchanged (``verify``) and search their text (``search``)."""
