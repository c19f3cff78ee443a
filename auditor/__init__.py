"""Health-claim auditor: extract numeric and safety claims from health articles and check them
against a curated, cited reference table.

    >>> from auditor import audit_text
    >>> findings = audit_text("Wait six weeks after your last isotretinoin dose before waxing.")
    >>> findings[0].verdict, findings[0].severity
    ('discrepant', 'critical')
"""

__version__ = "0.1.0"


def audit_text(text: str, pipeline=None, doc_id: str = "text"):
    """Every finding for one article's text, worst first (see `auditor.audit.audit_text`).

    `pipeline` is `auditor.nlp.build_pipeline(load_reference(PATH))` for another reference;
    without it the bundled reference is used (its pipeline is built once, on first use)."""
    from auditor.audit import audit_text as _audit_text

    return _audit_text(text, pipeline, doc_id)


__all__ = ["__version__", "audit_text"]
