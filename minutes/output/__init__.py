"""The output stage: jobs in, files out.

Every command that makes files (``build``, ``watch``, ``followup``, ``issue``, the benchmark) hands
its :class:`~minutes.output.jobs.Job` list to :func:`minutes.output.pool.produce`, which makes each
file by the writer of its format (:mod:`minutes.output.writers`; typeset PDFs in warm rendering
processes), and writes them with one :class:`~minutes.output.files.Staging`: all renamed into place
together, or none. Importing this package imports nothing; WeasyPrint loads only where a PDF is
rendered (:mod:`minutes.output.worker`).
"""
