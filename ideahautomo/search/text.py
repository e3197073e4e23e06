"""Words and stems: how text is cut into words and each word stemmed by its language.

PostgreSQL stems with its own text search configurations; SQLite stores the stems
that the same Snowball algorithms (the snowballstemmer package) give."""

import re
from functools import cache

import snowballstemmer

from ideahautomo.lib.searchable import joined, plain  # noqa: F401

# The analyser of each content language; any other language is only lower-cased,
# as PostgreSQL's "simple" configuration does (there is no Ukrainian one).
ANALYSERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
SIMPLE = "simple"
ALL_ANALYSERS = ("finnish", "swedish", "english", SIMPLE)
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
MAX_BODY_LENGTH = 20_000

_WORD = re.compile(r"[^\W_]+")
# Characters that never belong in indexed text: the highlight marks use two of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARK_START = "\x02"
MARK_END = "\x03"


def analyser_of(language):
    return ANALYSERS.get((language or "")[:2], SIMPLE)


def clean(text):
    return _CONTROL.sub(" ", text or "")


def words(text):
    return [word.lower() for word in _WORD.findall(clean(text))]


@cache
def _stemmer(analyser):
    return snowballstemmer.stemmer(analyser) if analyser != SIMPLE else None


def stems(text, analyser):
    found = words(text)
    stemmer = _stemmer(analyser)
    return stemmer.stemWords(found) if stemmer else found


def token(analyser, stem):
    """One stored token: the analyser's two letters, a zero and the stem, so that a
    Swedish stem never meets a Finnish one that is spelled alike."""
    return f"{analyser[:2]}0{stem}"


def tokens(text, analyser):
    return " ".join(token(analyser, stem) for stem in stems(text, analyser))


def query_words(query):
    """The words searched for: at most MAX_QUERY_WORDS, operators and quotes dropped."""
    return words(query)[:MAX_QUERY_WORDS]
