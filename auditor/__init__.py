"""Health-claim auditor: extract numeric and safety claims from health articles and check them
against a curated, cited reference table.

    >>> from auditor import audit_text
    >>> findings = audit_text("Wait six weeks after your last isotretinoin dose before waxing.")
    >>> findings[0].verdict, findings[0].severity
    ('discrepant', 'critical')
"""

__version__ = "0.1.0"


def audit_text(text: str, reference_dir: str = "", doc_id: str = "text"):
    """Every finding for one article's text, worst first (see `auditor.audit.audit_text`)."""
    from auditor.audit import audit_text as _audit_text

    return _audit_text(text, reference_dir, doc_id)


__all__ = ["__version__", "audit_text"]
