"""Plain text written by members, made safe for HTML: escaped, with web addresses as links."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# http(s) addresses up to whitespace or a character that cannot end one in prose.
URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?"


def _split_trailing(url):
    """Keep sentence punctuation and an unbalanced closing bracket out of the link."""
    tail = ""
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] in TRAILING or unbalanced:
            tail = url[-1] + tail
            url = url[:-1]
        else:
            break
    return url, tail


def linkify(text):
    """Escape every character of text, then turn http(s) addresses into links.

    Returns safe HTML; newlines become <br>. Nothing the writer typed reaches the
    page unescaped: the link's address and its visible text are both escaped.
    """
    parts = []
    position = 0
    for match in URL.finditer(text or ""):
        url, tail = _split_trailing(match.group(0))
        if len(url) <= len("https://"):
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(
            format_html('<a href="{}" rel="nofollow noopener noreferrer">{}</a>', url, url)
        )
        parts.append(escape(tail))
        position = match.end()
    parts.append(escape((text or "")[position:]))
    html = "".join(str(part) for part in parts)
    # Every part above is escaped or built by format_html; only <br> is added here.
    return mark_safe(html.replace("\r\n", "\n").replace("\n", "<br>"))  # noqa: S308
