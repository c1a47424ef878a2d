"""``minutes serve``: a live preview of the workspace in the browser.

``live`` builds and rebuilds as files change (the watcher of ``minutes watch``, one warm renderer),
``state`` is what the pages show (frozen snapshots), ``pages`` renders page images of the very PDFs
the build wrote, ``html`` and ``wording`` make the pages (Persian right to left, or English), ``app``
is the web application and ``server`` runs it.
"""
