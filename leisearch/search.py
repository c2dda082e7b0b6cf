"""Searching: the query tree to a Whoosh query, ranking, snippets and suggestions.

Ranking is Whoosh's BM25F over paragraphs. Loose words (``why did Lei Jun
build a car``) are OR-ed, so a paragraph with more of them scores higher, and
stop words are dropped from such lists unless nothing else is left. (Whoosh's
coordination bonus, ``Or(scale=…)``, was measured: it ranked worse, and it
scores every hit 0 when one word of the query is not in the index.) Among
Whoosh's best 50 hits, those holding a run of typed words as a phrase (``word
of mouth``) come first; ``score`` is still Whoosh's.

Prefixes (``xiao*``) and fuzzy words (``Xioami~``) are expanded against the
index's own vocabulary of surface words (``vocabulary.txt``), so ``marketi*``
finds the stem ``market`` and a transposition counts as one edit.

Snippets are cut from the stored paragraph around the densest cluster of
matched terms; highlights are character spans, so rendering stays separate.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .analysis import STOP_WORDS, analyze, iter_words, normalize_quotes, stem
from .errors import IndexCorrupt, LeisearchError, QueryError, UsageError
from .index import OpenIndex, quotes_of, reopen, speaker_term
from .models import (
    CONFIDENCE_LEVELS,
    DEFAULT_CONFIDENCE,
    Hit,
    IndexStats,
    Quote,
    QuoteHit,
    QuoteResult,
    SearchResult,
    Shown,
    ShownParagraph,
    Snippet,
    Span,
    SpeakerInfo,
    at_least,
    count_at,
)
from .querylang import And, Node, Not, Or, Phrase, Word, parse, words_of

#: Snippet length when the caller has no terminal width to follow.
DEFAULT_SNIPPET_CHARS = 240
#: How many of Whoosh's best hits are checked for the typed phrase.
RERANK_DEPTH = 50
MAX_EXPANSIONS = 64
#: Loose words beyond this many (a pasted page, say) are left out, with a note.
MAX_LOOSE_TERMS = 64
MAX_SUGGEST_WORDS = 8


# --- vocabulary helpers ----------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a transposition is one edit), capped at ``limit + 1``.

    >>> edit_distance("xioami", "xiaomi", 2)
    1
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def default_distance(word: str) -> int:
    """Edits allowed for ``word~``: one for short words, two from five letters."""
    return 1 if len(word) <= 4 else 2


def similar_words(word: str, vocabulary: Iterable[str], distance: int) -> list[tuple[int, str]]:
    """``(distance, word)`` for vocabulary words within ``distance`` edits, same first letter."""
    found = []
    for candidate in vocabulary:
        if candidate[:1] == word[:1] and abs(len(candidate) - len(word)) <= distance:
            d = edit_distance(word, candidate, distance)
            if d <= distance:
                found.append((d, candidate))
    return sorted(found)


# --- building the Whoosh query ------------------------------------------------------


#: A highlight is a stem, or the stems of a phrase, which are marked only together.
Highlight = tuple[str, ...]


@dataclass
class _Builder:
    """Turns a query tree into a Whoosh query, noting which terms to highlight."""

    vocabulary: Mapping[str, str]
    resolve_article: Callable[[str], str]
    title_stems: Callable[[], Mapping[str, tuple[str, ...]]]
    #: ``speaker:`` finds paragraphs quoting the speaker at this confidence or surer.
    min_confidence: str = DEFAULT_CONFIDENCE
    highlight: set[Highlight] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    runs: list[Highlight] = field(default_factory=list)

    def build(self, node: Node) -> Any:
        from whoosh import query as q

        if isinstance(node, And | Or):
            # Repeated terms add nothing but cost: "Musk AND Musk AND ..." is "Musk".
            unique = tuple(dict.fromkeys(node.nodes))
            node = And(unique) if isinstance(node, And) else Or(unique, node.explicit)
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node.field, node.text)
        if isinstance(node, Not):
            # A NOT on its own excludes from "everything": only meaningful inside a group.
            inner = self.build(node.node)
            return None if inner is None else q.Not(inner)
        if isinstance(node, And):
            parts = [p for p in (self.build(n) for n in node.nodes) if p is not None]
            if not any(not isinstance(p, q.Not) for p in parts):
                return self.only_negative(parts)
            return q.And(parts)
        return self.any(node)

    def any(self, node: Or) -> Any:
        """Loose terms: ranked OR; field terms among them (``article:003``) are required."""
        from whoosh import query as q

        children = list(node.nodes)
        required: list[Any] = []
        if not node.explicit:
            children = _drop_stop_words(children)
            if len(children) > MAX_LOOSE_TERMS:
                self.notes.append(
                    f"the query has {len(children)} different words: "
                    f"only the first {MAX_LOOSE_TERMS} were used"
                )
                children = children[:MAX_LOOSE_TERMS]
            fielded = [n for n in children if _is_field_filter(n)]
            required = [p for p in (self.build(n) for n in fielded) if p is not None]
            children = [n for n in children if not _is_field_filter(n)]
        positives = [p for p in (self.build(n) for n in children if not isinstance(n, Not)) if p]
        negatives = [p for p in (self.build(n.node) for n in children if isinstance(n, Not)) if p]
        if not node.explicit:
            self.runs.extend(self.proximity_runs(node.nodes))
        if not positives and not required:
            return self.only_negative(negatives)
        combined = q.Or(positives) if len(positives) > 1 else None
        combined = combined or (positives[0] if positives else None)
        if required:
            combined = q.And([*required, combined] if combined is not None else required)
        if negatives:
            return q.AndNot(combined, negatives[0] if len(negatives) == 1 else q.Or(negatives))
        return combined

    def only_negative(self, parts: list[Any]) -> Any:
        if parts:
            raise QueryError(
                "the query only says what to leave out",
                "add something to look for, e.g. xiaomi NOT car",
            )
        return None

    def proximity_runs(self, nodes: Iterable[Node]) -> list[Highlight]:
        """The stems of each run of two or more loose words typed one after another.

        Paragraphs holding a run as a phrase are ranked first (see ``_search``).
        (Boosting each neighbouring pair too was measured, and ranked questions
        worse: "Lei Jun" is in most paragraphs of a corpus about him.)
        """
        result = []
        for run in _runs(nodes):
            if run[0].field == "text":
                terms = tuple(t for w in run for t in analyze(w.text))
                if len(terms) >= 2:
                    result.append(terms)
        return result

    def word(self, node: Word) -> Any:
        from whoosh import query as q

        if node.field == "article":
            if node.kind == "prefix":
                return q.Prefix("article", node.text)
            return q.Term("article", self.resolve_article(node.text))
        if node.field == "speaker":
            return q.Term("speaker", speaker_term(node.text, self.min_confidence))
        if node.kind == "word":
            return self.phrase(node.field, node.text)
        surface = normalize_quotes(node.text).lower()
        # Each expansion keeps its smallest edit distance: nearer words weigh more.
        edits: dict[str, int] = {}
        if node.kind == "prefix":
            edits = {self.vocabulary[w]: 0 for w in self.vocabulary if w.startswith(surface)}
        else:
            # More edits than half the word would match almost anything.
            distance = min(node.distance or default_distance(surface), max(1, len(surface) // 2))
            for d, w in similar_words(surface, self.vocabulary, distance):
                edits[self.vocabulary[w]] = min(d, edits.get(self.vocabulary[w], d))
        stems = sorted(edits, key=lambda s: (edits[s], s))[:MAX_EXPANSIONS]
        if not stems:
            return None
        if node.field == "title":
            wanted = set(stems)
            return self.articles_titled(lambda title: bool(wanted.intersection(title)))
        if node.field == "text":
            self.highlight.update((stem,) for stem in stems)
        terms = [q.Term(node.field, s, boost=1.0 / (1 + edits[s])) for s in stems]
        return terms[0] if len(terms) == 1 else q.Or(terms)

    def articles_titled(self, test: Callable[[tuple[str, ...]], bool]) -> Any:
        """The paragraphs of the articles whose title stems pass ``test``."""
        from whoosh import query as q

        ids = [aid for aid, title in self.title_stems().items() if test(title)]
        if not ids:
            return q.Term("article", "")  # no article has that title: nothing matches
        return q.Or([q.Term("article", aid) for aid in ids])

    def phrase(self, fieldname: str, text: str) -> Any:
        from whoosh import query as q

        if fieldname == "article":
            return q.Term(fieldname, self.resolve_article(text))
        if fieldname == "speaker":
            return q.Term(fieldname, speaker_term(text, self.min_confidence))
        terms = analyze(text)
        if not terms:
            return None
        if fieldname == "title":
            return self.articles_titled(lambda title: _holds(title, tuple(terms)))
        if fieldname == "text":
            self.highlight.add(tuple(terms))
        if len(terms) == 1:
            return q.Term(fieldname, terms[0])
        return q.Phrase(fieldname, terms)


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether ``run`` occurs in ``words``, in order and together.

    >>> _holds(("chines", "soni", "come"), ("chines", "soni")), _holds(("a", "b"), ("b", "a"))
    (True, False)
    """
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


def _runs(nodes: Iterable[Node]) -> list[list[Word]]:
    """Maximal runs of plain words in one text field, in typed order."""
    runs: list[list[Word]] = [[]]
    for node in nodes:
        plain = isinstance(node, Word) and node.kind == "word" and node.field in ("text", "title")
        if not plain or (runs[-1] and runs[-1][0].field != node.field):  # type: ignore[union-attr]
            runs.append([])
        if plain:
            runs[-1].append(node)  # type: ignore[arg-type]
    return [run for run in runs if len(run) >= 2]


def _is_field_filter(node: Node) -> bool:
    """A term the user put in a field other than the paragraph text."""
    return isinstance(node, Word | Phrase) and node.field != "text"


def _drop_stop_words(nodes: list[Node]) -> list[Node]:
    def is_stop(node: Node) -> bool:
        return (
            isinstance(node, Word)
            and node.kind == "word"
            and normalize_quotes(node.text).lower().strip(".,;:!?'\"") in STOP_WORDS
        )

    kept = [n for n in nodes if not is_stop(n)]
    return kept if any(not isinstance(n, Not) for n in kept) else nodes


# --- snippets --------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _stemmed_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(stem, start, end)`` per word; cached, as batch queries meet the same paragraphs."""
    return tuple((stem(w.lower()), s, e) for w, s, e in iter_words(text))


def find_matches(text: str, terms: Collection[Highlight]) -> list[tuple[int, int, Highlight]]:
    """``(start, end, term)`` of each match in ``text``, a phrase matching only whole.

    >>> text = "Word of mouth, not a word of praise."
    >>> [text[s:e] for s, e, _ in find_matches(text, {("word", "of", "mouth"), ("prais",)})]
    ['Word of mouth', 'praise']
    """
    words = _stemmed_words(text)
    stems = [w[0] for w in words]
    found = []
    for term in terms:
        n = len(term)
        for i in range(len(words) - n + 1):
            if stems[i] == term[0] and tuple(stems[i : i + n]) == term:
                found.append((words[i][1], words[i + n - 1][2], term))
    # Longest first at each start, then drop anything overlapping a kept match.
    found.sort(key=lambda m: (m[0], -m[1]))
    kept: list[tuple[int, int, Highlight]] = []
    for match in found:
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


def make_snippet(
    text: str, terms: Collection[Highlight | str], max_chars: int = DEFAULT_SNIPPET_CHARS
) -> Snippet:
    """Cut ``text`` around its densest cluster of ``terms``; spans mark each match.

    A term is a stem, or a tuple of stems for a phrase.

    >>> s = make_snippet("Word of mouth matters.", {"mouth"})
    >>> s.text[s.spans[0].start:s.spans[0].end]
    'mouth'
    """
    flat = text.replace("\n", " ")
    keys = {(t,) if isinstance(t, str) else t for t in terms}
    matches = find_matches(flat, keys)
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


# --- searching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    tree: Node
    query: Any  # None when no term of the query exists in the index
    highlight: set[Highlight]
    notes: tuple[str, ...]
    runs: tuple[Highlight, ...]


def _has_words(node: Node) -> bool:
    """Whether any positive part of the tree has something the analyzer keeps."""
    if isinstance(node, Not):
        return False
    if isinstance(node, And | Or):
        return any(_has_words(n) for n in node.nodes)
    if node.field in ("article", "speaker"):
        return bool(node.text.strip())
    return bool(analyze(node.text))


@contextlib.contextmanager
def _reading(opened: OpenIndex) -> Iterator[Any]:
    """A Whoosh searcher; damage found while reading becomes ``IndexCorrupt``."""
    try:
        try:
            searcher = opened.whoosh.searcher()
        except FileNotFoundError:
            # An update committed between opening the index and now, and removed the
            # segments it merged: the current table of contents names live files.
            searcher = reopen(opened).searcher()
        with searcher:
            yield searcher
    except RecursionError as error:
        raise QueryError(
            "the query is too complex to run", "use fewer operators and parentheses"
        ) from error
    except LeisearchError:
        raise
    except Exception as error:
        # A damaged segment makes Whoosh raise almost anything (a bare Exception for a
        # truncated posting block, UnicodeEncodeError for a cut stored field): what
        # Whoosh raises is damage; anything raised by leisearch's own code is a bug.
        if not _raised_in_whoosh(error):
            raise
        raise IndexCorrupt(
            f"the index at {opened.path} is damaged ({type(error).__name__}: {error})",
            f"rebuild it: leisearch index --rebuild --index {opened.path}",
        ) from error


def _raised_in_whoosh(error: BaseException) -> bool:
    """Whether the error came up through Whoosh's code (it may start in the library
    Whoosh called, as a FileNotFoundError from ``os.path.getsize`` does)."""
    tb = error.__traceback__
    marker = f"{os.sep}whoosh{os.sep}"
    while tb is not None:
        if marker in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


def _compile(opened: OpenIndex, query: str, min_confidence: str = DEFAULT_CONFIDENCE) -> _Compiled:
    """Parse and build a query, or raise ``QueryError`` when there is nothing to find."""
    tree = parse(query)
    if tree is None:
        raise QueryError(
            "the query has no words to search for", 'try e.g. leisearch query "word of mouth"'
        )
    if isinstance(tree, Not):
        raise QueryError(
            "the query only says what to leave out",
            "add something to look for, e.g. xiaomi NOT car",
        )
    if not _has_words(tree):
        raise QueryError(
            "the query has no words to search for, only punctuation",
            'try e.g. leisearch query "word of mouth"',
        )
    builder = _Builder(
        opened.stems,
        lambda wanted: opened.article(wanted).id,
        lambda: opened.title_stems,
        min_confidence,
    )
    built = builder.build(tree)
    return _Compiled(tree, built, builder.highlight, tuple(builder.notes), tuple(builder.runs))


def _filters(
    opened: OpenIndex, article: str | None, speaker: str | None, min_confidence: str
) -> Any:
    """The ``--article`` and ``--speaker`` restrictions as one Whoosh filter, or None."""
    from whoosh import query as q

    terms = []
    if article is not None:
        terms.append(q.Term("article", opened.article(article).id))
    if speaker is not None:
        terms.append(q.Term("speaker", speaker_term(opened.speaker(speaker), min_confidence)))
    return q.And(terms) if len(terms) > 1 else (terms[0] if terms else None)


def _check_limit(limit: int) -> None:
    if limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}", "use e.g. --limit 20")


def _check_confidence(level: str) -> None:
    if level not in CONFIDENCE_LEVELS:
        raise UsageError(
            f"unknown confidence {level!r}", "use one of: " + ", ".join(CONFIDENCE_LEVELS)
        )


def _spoken(quotes: Iterable[Quote], min_confidence: str) -> list[Quote]:
    """The quotations at ``min_confidence`` or surer."""
    return [q for q in quotes if at_least(q.confidence, min_confidence)]


def list_speakers(
    opened: OpenIndex, min_confidence: str = DEFAULT_CONFIDENCE
) -> tuple[SpeakerInfo, ...]:
    """Every speaker with quotations at ``min_confidence`` or surer, most quoted first."""
    _check_confidence(min_confidence)
    counted = (
        replace(s, quotes=count_at(s.levels, min_confidence)) for s in opened.manifest.speakers
    )
    return tuple(sorted((s for s in counted if s.quotes), key=lambda s: (-s.quotes, s.name)))


def search(
    opened: OpenIndex,
    query: str,
    *,
    limit: int = 10,
    article: str | None = None,
    speaker: str | None = None,
    snippet_chars: int = DEFAULT_SNIPPET_CHARS,
    min_confidence: str = DEFAULT_CONFIDENCE,
) -> SearchResult:
    """Run ``query`` and return ranked paragraphs (``limit`` 0 means all).

    ``speaker`` keeps paragraphs that quote that speaker (a name or an alias) at
    ``min_confidence`` or surer; a hit's ``speakers`` are those it quotes so.
    """
    with _reading(opened) as searcher:
        request = _Request(limit, article, speaker, min_confidence, snippet_chars)
        return _search(opened, searcher, query, request)


def search_many(
    opened: OpenIndex,
    queries: Iterable[str],
    *,
    limit: int = 10,
    article: str | None = None,
    speaker: str | None = None,
    snippet_chars: int = DEFAULT_SNIPPET_CHARS,
    min_confidence: str = DEFAULT_CONFIDENCE,
) -> Iterator[SearchResult | QueryError | UsageError]:
    """``search`` for each query, with one searcher for them all (batch mode).

    A query that cannot run yields its ``QueryError`` instead of a result, so
    one bad line does not stop the stream.
    """
    request = _Request(limit, article, speaker, min_confidence, snippet_chars)
    with _reading(opened) as searcher:
        for query in queries:
            try:
                yield _search(opened, searcher, query, request)
            except (QueryError, UsageError) as error:  # e.g. article:zzz on one line
                yield error


@dataclass(frozen=True, slots=True)
class _Request:
    """What a ``query`` or ``quotes`` call asks for, besides its query."""

    limit: int
    article: str | None
    speaker: str | None
    min_confidence: str
    snippet_chars: int = DEFAULT_SNIPPET_CHARS


def _search(opened: OpenIndex, searcher: Any, query: str, request: _Request) -> SearchResult:
    _check_limit(request.limit)
    _check_confidence(request.min_confidence)
    limit = request.limit
    compiled = _compile(opened, query, request.min_confidence)
    filter_query = _filters(opened, request.article, request.speaker, request.min_confidence)
    if compiled.query is None:
        suggestion = _suggest(opened, searcher, query, compiled.tree)
        return SearchResult(query, (), suggestion, compiled.notes)
    # Paragraphs that hold a typed run of words as a phrase ("word of mouth") rank
    # first. Whoosh ranks the words alone, which keeps its fast top-N search, and
    # the phrase test runs on the best RERANK_DEPTH candidates only: a paragraph
    # with the whole phrase has all its words, so it is among them.
    fetch = None if not limit else max(limit, RERANK_DEPTH) if compiled.runs else limit
    results = searcher.search(compiled.query, limit=fetch, filter=filter_query)
    runs = set(compiled.runs)
    # Equal scores are ordered by article and paragraph, not by Whoosh's internal
    # document numbers, which differ between a parallel and a sequential build.
    ranked = sorted(
        ((hit.score, hit.fields()) for hit in results),
        key=lambda item: (
            not (runs and find_matches(item[1]["text"], runs)),
            -round(item[0], 9),
            item[1]["article"],
            item[1]["paragraph"],
        ),
    )[: limit or None]
    hits = tuple(
        _hit(rank, score, fields, compiled.highlight, request)
        for rank, (score, fields) in enumerate(ranked, start=1)
    )
    suggestion = None if hits else _suggest(opened, searcher, query, compiled.tree)
    return SearchResult(query, hits, suggestion, compiled.notes)


def find_quotes(
    opened: OpenIndex,
    query: str | None = None,
    *,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = 10,
    min_confidence: str = DEFAULT_CONFIDENCE,
) -> QuoteResult:
    """Quotations, ranked by ``query`` if one is given, else in reading order.

    The query selects paragraphs (same language and ranking as ``search``);
    from those, the quotations whose own words match a term of the query are
    returned, best paragraph first. ``speaker`` matches the canonical name or
    any alias, case-insensitively; ``limit`` 0 means all. Only quotations whose
    attribution is ``min_confidence`` or surer are listed.
    """
    with _reading(opened) as searcher:
        request = _Request(limit, article, speaker, min_confidence)
        return _find_quotes(opened, searcher, query, request)


def find_quotes_many(
    opened: OpenIndex,
    queries: Iterable[str],
    *,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = 10,
    min_confidence: str = DEFAULT_CONFIDENCE,
) -> Iterator[QuoteResult | QueryError | UsageError]:
    """``find_quotes`` for each query, with one searcher for them all (batch mode)."""
    request = _Request(limit, article, speaker, min_confidence)
    with _reading(opened) as searcher:
        for query in queries:
            try:
                yield _find_quotes(opened, searcher, query, request)
            except (QueryError, UsageError) as error:
                yield error


def _find_quotes(
    opened: OpenIndex, searcher: Any, query: str | None, request: _Request
) -> QuoteResult:
    from whoosh import query as q

    _check_limit(request.limit)
    _check_confidence(request.min_confidence)
    floor = request.min_confidence
    compiled = _compile(opened, query, floor) if query else None
    wanted = opened.speaker(request.speaker) if request.speaker is not None else None
    filter_query = _filters(opened, request.article, request.speaker, floor) or q.Every("speaker")
    if compiled is not None and compiled.query is None:
        suggestion = _suggest(opened, searcher, query or "", compiled.tree)
        return QuoteResult(query, (), 0, suggestion)
    if compiled is not None:
        results = searcher.search(compiled.query, limit=None, filter=filter_query)
        found = [hit.fields() for hit in results]
    else:
        results = searcher.search(filter_query, limit=None)
        found = sorted(
            (hit.fields() for hit in results), key=lambda f: (f["article"], f["paragraph"])
        )
    terms = compiled.highlight if compiled is not None else set()
    selected: list[QuoteHit] = []
    for fields in found:
        for quote in _spoken(quotes_of(fields), floor):
            if wanted and quote.speaker != wanted:
                continue
            spans = make_snippet(quote.text, terms, len(quote.text)).spans if terms else ()
            if terms and not spans:
                continue  # the paragraph matched, but not inside this quotation
            selected.append(QuoteHit(len(selected) + 1, quote, spans))
    hits = tuple(selected[: request.limit or None])
    suggestion = None
    if compiled is not None and query and not hits:
        suggestion = _suggest(opened, searcher, query, compiled.tree)
    fuller = tuple(opened.fuller_speakers(wanted)) if wanted else ()
    return QuoteResult(query, hits, len(selected), suggestion, fuller)


def stats(opened: OpenIndex, top: int = 10) -> IndexStats:
    """Counts, size and the most common content words of an index.

    A top term is shown as the shortest indexed word with that stem (``patent``
    for ``patent``, ``patents``), and stop words are left out.
    """
    surface: dict[str, str] = {}
    for word, stemmed in opened.stems.items():
        if word in STOP_WORDS or stemmed in STOP_WORDS:
            continue  # "that's" stems to "that"
        if stemmed not in surface or len(word) < len(surface[stemmed]):
            surface[stemmed] = word
    with _reading(opened) as searcher:
        reader = searcher.reader()
        ranked = sorted(
            (
                (reader.doc_frequency("text", term), term.decode("utf-8"))
                for term in reader.lexicon("text")
                if term.decode("utf-8") in surface
            ),
            reverse=True,
        )
    manifest = opened.manifest
    listed = list_speakers(opened)
    levels = [sum(s.levels[level] for s in manifest.speakers) for level in range(3)]
    size = sum(p.stat().st_size for p in opened.path.rglob("*") if p.is_file())
    return IndexStats(
        location=str(opened.path),
        size_bytes=size,
        schema_version=manifest.schema_version,
        built_at=manifest.built_at,
        articles=len(manifest.articles),
        paragraphs=sum(a.paragraphs for a in manifest.articles),
        quotations=sum(sp.quotes for sp in listed),
        speakers=len(listed),
        top_terms=tuple((surface[term], count) for count, term in ranked[:top]),
        levels=(levels[0], levels[1], levels[2]),
    )


def show(opened: OpenIndex, target: str, context: int = 2) -> Shown:
    """``ARTICLE`` (the whole article) or ``ARTICLE:PARAGRAPH`` with ``context``
    paragraphs either side; the article by its id or any unique prefix of it."""
    from whoosh import query as q

    if context < 0:
        raise UsageError(f"--context must be 0 or more, not {context}", "use e.g. --context 2")
    wanted, _, number = target.rpartition(":") if ":" in target else (target, "", "")
    info = opened.article(wanted)
    focus: int | None = None
    if number:
        if not number.isdigit() or not 1 <= int(number) <= info.paragraphs:
            raise UsageError(
                f"{info.id} has paragraphs 1 to {info.paragraphs}, not {number!r}",
                f"show one of them, e.g. leisearch show {info.id}:1",
            )
        focus = int(number)
    first, last = (1, info.paragraphs) if focus is None else (focus - context, focus + context)
    with _reading(opened) as searcher:
        found = [hit.fields() for hit in searcher.search(q.Term("article", info.id), limit=None)]
    paragraphs = tuple(
        ShownParagraph(info.id, int(f["paragraph"]), f["text"], tuple(quotes_of(f)))
        for f in sorted(found, key=lambda f: f["paragraph"])
        if first <= int(f["paragraph"]) <= last
    )
    return Shown(info.id, info.title, paragraphs, focus)


def _hit(
    rank: int, score: float, fields: dict[str, Any], terms: set[Highlight], request: _Request
) -> Hit:
    quoted = _spoken(quotes_of(fields), request.min_confidence)
    speakers = tuple(dict.fromkeys(str(q.speaker) for q in quoted))
    chars = request.snippet_chars
    return Hit(
        rank=rank,
        score=float(score),
        article=fields["article"],
        title=fields["title"],
        paragraph=int(fields["paragraph"]),
        text=fields["text"],
        snippet=make_snippet(fields["text"], terms, chars),
        speakers=speakers,
    )


def _suggest(opened: OpenIndex, searcher: Any, query: str, tree: Node) -> str | None:
    """A "did you mean" for a query that found nothing: unknown words replaced.

    Only for queries of a few words: for a pasted page, a rewrite helps nobody.
    """
    if len(words_of(tree)) > MAX_SUGGEST_WORDS:
        return None
    suggestion = query
    reader = searcher.reader()
    for word in words_of(tree):
        if word.field != "text":
            continue  # titles are not in the index's lexicon; see the article filters
        surface = normalize_quotes(word.text).lower()
        stems = analyze(surface)
        if not stems or all(reader.doc_frequency(word.field, s) for s in stems):
            continue
        candidates = similar_words(surface, opened.stems, default_distance(surface))
        scored = [(reader.doc_frequency(word.field, opened.stems[w]), -d, w) for d, w in candidates]
        scored = [c for c in scored if c[0] > 0]
        if scored:
            _, _, best = max(scored, key=lambda c: (c[1], c[0]))
            pattern = rf"(?<!\w){re.escape(word.text)}(?!\w)"
            suggestion = re.sub(pattern, best.replace("\\", r"\\"), suggestion, count=1)
    return suggestion if suggestion != query else None
