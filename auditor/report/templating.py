"""What the HTML pages share: the Jinja2 environment (autoescape on: article text, titles and
sources are scraped and untrusted) and the test for a URL that is safe to link."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader

HTML_ENV = Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=True,
                       trim_blocks=True, lstrip_blocks=True)
_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)


def web_url(url: str) -> str:
    """The URL when it is safe to link (http/https only: never `javascript:`), else ""."""
    return url if url and _WEB_URL.match(url) else ""
