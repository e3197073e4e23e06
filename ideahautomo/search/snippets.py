"""The passage of a result shown under its title, with the searched words marked.

On PostgreSQL the passage comes from ts_headline; on SQLite it is cut here with the
same stemmer. Either way the text is escaped here and only our own <mark> is added."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import MARK_END, MARK_START, _stemmer, clean, stems

_WORD_OR_GAP = re.compile(r"([^\W_]+)")
WINDOW = 30


def passage(body, words, analyser):
    """The body's first stretch of WINDOW words around a match, words marked."""
    wanted = set(stems(" ".join(words), analyser))
    parts = _WORD_OR_GAP.split(clean(body))
    # parts alternates gap, word, gap, word, ..., gap
    stemmer = _stemmer(analyser)
    word_positions = range(1, len(parts), 2)
    first = None
    for position in word_positions:
        word = parts[position].lower()
        stem = stemmer.stemWord(word) if stemmer else word
        if stem in wanted:
            parts[position] = MARK_START + parts[position] + MARK_END
            if first is None:
                first = position
    start = max(0, (first or 0) - 10)
    end = min(len(parts), start + 2 * WINDOW)
    text = "".join(parts[start:end]).strip()
    if start > 0:
        text = "… " + text
    if end < len(parts):
        text += " …"
    return text


def marked(text):
    """Escaped text with the marks turned into <mark> elements, and nothing else."""
    html = escape(text.replace(MARK_END + MARK_START, ""))
    opened = html.count(MARK_START)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    closed = text.count(MARK_END)
    if opened > closed:
        html += "</mark>" * (opened - closed)
    return mark_safe(html)  # noqa: S308  (escaped above; only our own <mark> added)
