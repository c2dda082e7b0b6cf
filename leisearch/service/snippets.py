"""Snippets: a paragraph cut around its densest cluster of matched terms.

Highlights are character spans into the snippet's text, so rendering stays
separate. A term is a stem, or the stems of a phrase, which match only whole.
"""

from __future__ import annotations

from collections.abc import Collection

from leisearch.models import Snippet, Span
from leisearch.text.stemming import Stemmer

#: Snippet length when the caller has no terminal width to follow.
DEFAULT_SNIPPET_CHARS = 240

#: A highlight is a stem, or the stems of a phrase, which are marked only together.
Highlight = tuple[str, ...]


def find_matches(
    text: str, terms: Collection[Highlight], stemmer: Stemmer | None = None
) -> list[tuple[int, int, Highlight]]:
    """``(start, end, term)`` of each match in ``text``, a phrase matching only whole.

    ``stemmer`` is the index's (a fresh one if none is given).

    >>> text = "Word of mouth, not a word of praise."
    >>> [text[s:e] for s, e, _ in find_matches(text, {("word", "of", "mouth"), ("prais",)})]
    ['Word of mouth', 'praise']
    """
    stemmer = stemmer or Stemmer()
    words = stemmer.stemmed_words(text)
    places = stemmer.places(text)
    found = []
    for term in terms:
        n = len(term)
        for i in places.get(term[0], ()):
            if i + n <= len(words) and all(words[i + k][0] == term[k] for k in range(1, n)):
                found.append((words[i][1], words[i + n - 1][2], term))
    # Longest first at each start, then drop anything overlapping a kept match.
    found.sort(key=lambda m: (m[0], -m[1]))
    kept: list[tuple[int, int, Highlight]] = []
    for match in found:
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


def may_match(text: str, terms: Collection[Highlight | str], stemmer: Stemmer) -> bool:
    """False if ``find_matches`` would find no term in ``text``: none of the terms' first
    stems is a stem of its words. The test of a set of stems (``Stemmer.stems``), not
    of each word's place, so it is quicker where most texts hold none (``quotes``: the
    quotations of a matching paragraph that do not hold its words).

    >>> stemmer = Stemmer()
    >>> may_match("Word of mouth matters.", {("mouth",)}, stemmer)
    True
    >>> may_match("They said nothing.", {"mouth", ("word", "of")}, stemmer)
    False
    """
    stems = stemmer.stems(text)
    return any((t if isinstance(t, str) else t[0]) in stems for t in terms)


def make_snippet(
    text: str,
    terms: Collection[Highlight | str],
    max_chars: int = DEFAULT_SNIPPET_CHARS,
    *,
    stemmer: Stemmer | None = None,
) -> Snippet:
    """Cut ``text`` around its densest cluster of ``terms``; spans mark each match.

    >>> s = make_snippet("Word of mouth matters.", {"mouth"})
    >>> s.text[s.spans[0].start:s.spans[0].end]
    'mouth'
    """
    flat = text.replace("\n", " ")
    keys = {(t,) if isinstance(t, str) else t for t in terms}
    matches = find_matches(flat, keys, stemmer)
    if len(flat) <= max_chars:
        return Snippet(flat, tuple(Span(s, e) for s, e, _ in matches))
    start = _best_window(flat, matches, max_chars)
    end = min(len(flat), start + max_chars)
    # Cut on word boundaries, and say where text was left out.
    if start > 0:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start + max_chars // 2 else end
    # Trim white space at the cut, then shift the spans to the trimmed body.
    while start < end and flat[start].isspace():
        start += 1
    while end > start and flat[end - 1].isspace():
        end -= 1
    # An ellipsis only where words were left out, not mere white space.
    prefix = "…" if flat[:start].strip() else ""
    suffix = "…" if flat[end:].strip() else ""
    body = flat[start:end]
    offset = start - len(prefix)
    spans = tuple(Span(s - offset, e - offset) for s, e, _ in matches if s >= start and e <= end)
    return Snippet(prefix + body + suffix, spans)


def _best_window(text: str, matches: list[tuple[int, int, Highlight]], width: int) -> int:
    """Start of the window with the most different terms (then the most matches).

    Different terms first, so that a snippet for ``patents AND Apple`` shows
    both. A window opens a little before a match and counts the matches from
    it on: one pass with two pointers over the matches (sorted by start), so a
    huge paragraph with thousands of matches costs linear time.
    """
    if not matches:
        return 0
    lead = min(40, width // 6)
    best_start, best_score = 0, (-1, -1)
    counts: dict[Highlight, int] = {}
    j = 0  # matches[i:j] are the ones inside the window opening at match i
    for i, (s, _, key) in enumerate(matches):
        start = max(0, s - lead)
        if j < i:
            j, counts = i, {}
        while j < len(matches) and matches[j][1] <= start + width:
            counts[matches[j][2]] = counts.get(matches[j][2], 0) + 1
            j += 1
        score = (len(counts), j - i)
        if score > best_score:
            best_start, best_score = start, score
        if i < j:  # match i leaves before the next window opens
            counts[key] -= 1
            if not counts[key]:
                del counts[key]
    return min(best_start, max(0, len(text) - width))
