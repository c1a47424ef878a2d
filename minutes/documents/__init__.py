"""The documents stage: validated records become documents, each a view ready for its template.

``views`` holds the frozen view types, ``wording`` the phrases and names, ``issuer`` the letterhead
and letter frame every document shares, one module per kind (``minutes``, ``cover``,
``notification``, ``letter``, ``brief``, ``ledger``, ``reminder``) and ``registry`` the list of
kinds with :func:`~minutes.documents.registry.documents_for`.
"""
