"""Searching: ranked paragraphs, quotations and speakers.

Ranking is the backend's (Whoosh: BM25F over paragraphs). Among its best 50
hits, those holding a run of typed words as a phrase (``word of mouth``) come
first; ``score`` is still the backend's. Equal scores are ordered by article
and paragraph, not by the backend's document numbers, which differ between a
parallel and a sequential build; the backend settles by article and paragraph
which of the paragraphs that tie with its last make its best N as well.

The ``*_many`` forms run a stream of queries with one searcher (batch mode), or
one a process where several answer them (``jobs``, ``service.parallel``): a query
that cannot run yields its error instead of a result, so one bad line does not
stop the stream.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from leisearch import models
from leisearch.engine.protocol import (
    AllOf,
    AnyOf,
    Every,
    Head,
    Phrase,
    Query,
    Range,
    Ranked,
    Searcher,
    Stored,
    Term,
    in_full,
)
from leisearch.errors import QueryError, Reason, UsageError, quoted
from leisearch.kept import Kept
from leisearch.models import (
    CONFIDENCE_LEVELS,
    DEFAULT_CONFIDENCE,
    UNDATED,
    Hit,
    Period,
    SearchResult,
    SortOrder,
    Span,
    at_least,
    count_at,
)
from leisearch.text import querylang as ql
from leisearch.text.copies import text_key
from leisearch.text.stemming import Stemmer

from .compile import Compiled, compile_query
from .documents import LEVEL_MARK, quotes_of, source_term, speaker_term, speakers_of
from .filters import backwards, period
from .folding import MAX_LISTED, Folder, Group, QuoteFolder, copies_of, fold_quotes
from .opening import Index
from .snippets import DEFAULT_SNIPPET_CHARS, find_matches, make_snippet, may_match
from .suggest import held_together, suggest, unknown_words

if TYPE_CHECKING:  # the records of other commands than query (loaded when they run)
    from leisearch.models import Quote, QuoteResult, SpeakerInfo, Tally

#: A batch's answer to one query.
R = TypeVar("R")
#: Compiles a query for a search, at a confidence level (``_compile``, or a batch's kept
#: compilations: ``_answers``).
Compile = Callable[[str, str], Compiled]

#: Said when newest first found nothing but paragraphs matched by their headline alone.
HEADLINE_ONLY_NEWEST = (
    "newest first leaves out the paragraphs that only their article's headline matches, "
    "and only those matched (--sort relevance shows them)"
)
#: The orders of results: best first, or newest first.
RELEVANCE, DATE = SortOrder.RELEVANCE.value, SortOrder.DATE.value
SORTS = (RELEVANCE, DATE)
#: How many of the backend's best hits are ranked again (``_rerank``).
RERANK_DEPTH = 50
#: The hits a search shows unless asked for another number (``--limit``).
DEFAULT_LIMIT = 10
#: How many queries a batch keeps compiled (``_answers``).
QUERIES_KEPT = 1024
#: How many answers a batch keeps for queries asked again (``_answers``), and the
#: largest ``limit`` whose answers are kept: at most 256 x 25 hits, each a paragraph (or
#: a quotation), its snippet and where its copies are; a few MB for news paragraphs of
#: a kilobyte, and more only for paragraphs far longer.
ANSWERS_KEPT = 256
KEEP_ANSWERS_UP_TO = 25
#: Paragraphs left to read, per shown quotation, below which its copies are looked for
#: by reading them rather than by a look-up of their fingerprint (``_copies_found``).
COPY_SCAN = 20


class _Request(NamedTuple):
    """What a ``query`` or ``quotes`` call asks for, besides its query (a named tuple,
    whose class is quicker made at a cold start: see ``text.querylang``)."""

    limit: int
    article: str | None
    speaker: str | None
    min_confidence: str
    snippet_chars: int = DEFAULT_SNIPPET_CHARS
    #: Every copy of a paragraph or quotation as a result of its own (no folding).
    all_copies: bool = False
    #: Only articles dated from ``since`` to ``until`` (a day, month or year, in any
    #: written form), and from ``source``.
    since: str | None = None
    until: str | None = None
    source: str | None = None
    #: ``relevance`` (best first) or ``date`` (newest first).
    sort: str = RELEVANCE
    #: Look for a "did you mean" when nothing is found (batch output has no room for it).
    suggest: bool = True


def search(
    index: Index,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    article: str | None = None,
    speaker: str | None = None,
    snippet_chars: int = DEFAULT_SNIPPET_CHARS,
    min_confidence: str = DEFAULT_CONFIDENCE,
    all_copies: bool = False,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: str = RELEVANCE,
) -> SearchResult:
    """Run ``query`` and return ranked paragraphs (``limit`` 0 means all).

    ``speaker`` keeps paragraphs that quote that speaker (a name or an alias) at
    ``min_confidence`` or surer; a hit's ``speakers`` are those it quotes so. A
    paragraph's copies in other articles are one hit, which lists them in
    ``duplicates`` (see ``folding``), unless ``all_copies``. ``since``, ``until``
    and ``source`` keep the articles of those dates and that source (see
    ``filters``; a source no article has is a ``UsageError``: ``check_source``);
    ``sort`` is ``relevance`` or ``date`` (newest first).
    """
    request = _Request(
        limit,
        article,
        speaker,
        min_confidence,
        snippet_chars,
        all_copies,
        since,
        until,
        source,
        sort,
    )
    check_source(index, source)
    with index.reader.searcher() as searcher:
        return _search(index, searcher, query, request, functools.partial(_compile, index))


def search_many(
    index: Index,
    queries: Iterable[str],
    *,
    limit: int = DEFAULT_LIMIT,
    article: str | None = None,
    speaker: str | None = None,
    snippet_chars: int = DEFAULT_SNIPPET_CHARS,
    min_confidence: str = DEFAULT_CONFIDENCE,
    all_copies: bool = False,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: str = RELEVANCE,
    suggestions: bool = True,
    jobs: int = 1,
) -> Iterator[SearchResult | QueryError | UsageError]:
    """``search`` for each query, with one searcher for them all (batch mode);
    ``suggestions=False`` leaves out the "did you mean" of queries that find nothing.

    With ``jobs`` above 1, that many processes answer the queries, each with a
    searcher of its own (``service.parallel``), where this process can fork them (else
    it answers them itself): the same answers, in the same order. A query that
    cannot be run is its error, in its place; an option that no query can run with
    (an unknown ``speaker``, a bad date) is raised at once, before any query is read,
    and so is ``jobs`` below 1 (a ``ValueError``).
    """
    request = _Request(
        limit,
        article,
        speaker,
        min_confidence,
        snippet_chars,
        all_copies,
        since,
        until,
        source,
        sort,
        suggestions,
    )
    return _answered(index, queries, functools.partial(_answers, _search, request), jobs, request)


def find_quotes(
    index: Index,
    query: str | None = None,
    *,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = DEFAULT_LIMIT,
    min_confidence: str = DEFAULT_CONFIDENCE,
    all_copies: bool = False,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: str = RELEVANCE,
) -> QuoteResult:
    """Quotations, ranked by ``query`` if one is given, else in reading order.

    The query selects paragraphs (same language and ranking as ``search``);
    from those, the quotations whose own words match a term of the query are
    returned, best paragraph first. ``speaker`` matches the canonical name or
    any alias, case-insensitively; ``limit`` 0 means all. Only quotations whose
    attribution is ``min_confidence`` or surer are listed. The same words from
    the same speaker in several articles are one quotation, which lists the
    others in ``duplicates``, unless ``all_copies``. ``since``, ``until``,
    ``source`` and ``sort`` are as in ``search``.
    """
    request = _Request(
        limit,
        article,
        speaker,
        min_confidence,
        all_copies=all_copies,
        since=since,
        until=until,
        source=source,
        sort=sort,
    )
    check_source(index, source)
    with index.reader.searcher() as searcher:
        return _find_quotes(index, searcher, query, request, functools.partial(_compile, index))


def find_quotes_many(
    index: Index,
    queries: Iterable[str],
    *,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = DEFAULT_LIMIT,
    min_confidence: str = DEFAULT_CONFIDENCE,
    all_copies: bool = False,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: str = RELEVANCE,
    suggestions: bool = True,
    jobs: int = 1,
) -> Iterator[QuoteResult | QueryError | UsageError]:
    """``find_quotes`` for each query, with one searcher for them all (batch mode);
    ``suggestions`` and ``jobs`` as for ``search_many``."""
    request = _Request(
        limit,
        article,
        speaker,
        min_confidence,
        all_copies=all_copies,
        since=since,
        until=until,
        source=source,
        sort=sort,
        suggest=suggestions,
    )
    return _answered(
        index, queries, functools.partial(_answers, _find_quotes, request), jobs, request
    )


#: A batch on an index of fewer paragraphs is answered by one process by default
#: (``batch_jobs``): its queries take a millisecond or less, about what handing one to
#: another process and its answer back costs. Measured on two cores, 1,000 queries:
#: the seeds' 163 paragraphs took 1.14 s in two processes against 1.03 in one;
#: 4,132 paragraphs, 2.6 to 2.7 s against 3.1 to 3.2; 12,169, 3.9 to 4.4 s against
#: 5.9 to 6.8.
PARALLEL_FROM = 2000


def batch_jobs(index: Index, cores: int) -> int:
    """How many processes should answer a batch on ``index`` (``jobs``), on a machine
    of ``cores`` cores: one each, unless the index is small (``PARALLEL_FROM``)."""
    if cores <= 1:
        return 1
    with index.reader.searcher() as searcher:
        return 1 if searcher.doc_count() < PARALLEL_FROM else cores


def _check_request(index: Index, request: _Request) -> None:
    """The options every query of a batch shares, checked once, before any query is
    read: a bad one is the batch's error (one, with its hint), not every query's."""
    check_not_negative("limit", request.limit, UsageError)
    check_confidence(request.min_confidence)
    check_sort(request.sort)
    if request.speaker is not None:
        index.speaker(request.speaker)
    check_source(index, request.source)
    _filters(index, request)


def _answered(
    index: Index,
    queries: Iterable[str],
    answers: Callable[[Index, Iterable[str]], Iterator[R]],
    jobs: int,
    request: _Request,
) -> Iterator[R]:
    """``answers(index, queries)``, by ``jobs`` processes where it can fork them."""
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    _check_request(index, request)
    if jobs == 1:
        return answers(index, queries)
    from .parallel import in_processes

    return in_processes(answers, index, Index.reopened, queries, jobs)


def _answers(
    run: Callable[[Index, Searcher, str, _Request, Compile], R],
    request: _Request,
    index: Index,
    queries: Iterable[str],
) -> Iterator[R | QueryError | UsageError]:
    """``run`` for each query, with one searcher for them all; a query that cannot be
    run (``article:zzz`` on one line) is its error, in its place.

    Each query is compiled once (``QUERIES_KEPT``): a script's batch asks the same
    queries again and again, and compiling one (parsing it, looking its words up in
    the vocabulary) was about 4% of a warm query's time at 2,000 articles. A compiled
    query depends on the index, the query and the confidence level alone (its key), so
    it never goes stale; a query that cannot be compiled is compiled again, to raise its
    error again.

    For the same reason, a query asked again is given the answer it had
    (``ANSWERS_KEPT``): every query of a batch shares its options, so an answer depends
    on the query's text alone, and it is the same answer, not a new search. Only
    answers of ``limit`` 1 to ``KEEP_ANSWERS_UP_TO`` are kept, so memory stays small."""
    kept: Kept[tuple[str, str], Compiled] = Kept(QUERIES_KEPT, lambda key: _compile(index, *key))

    def compile(query: str, min_confidence: str) -> Compiled:
        return kept((query, min_confidence))

    with index.reader.searcher() as searcher:

        def fresh(query: str) -> R:
            return run(index, searcher, query, request, compile)

        keep = 0 < request.limit <= KEEP_ANSWERS_UP_TO
        answer: Callable[[str], R] = Kept(ANSWERS_KEPT, fresh) if keep else fresh
        for query in queries:
            try:
                yield answer(query)
            except (QueryError, UsageError) as error:
                yield error


def list_speakers(
    index: Index, min_confidence: str = DEFAULT_CONFIDENCE
) -> tuple[SpeakerInfo, ...]:
    """Every speaker with quotations at ``min_confidence`` or surer, most quoted first."""
    check_confidence(min_confidence)
    counted = (
        replace(s, quotes=count_at(s.levels, min_confidence)) for s in index.manifest.speakers
    )
    return tuple(sorted((s for s in counted if s.quotes), key=lambda s: (-s.quotes, s.name)))


def quotes_over_time(
    index: Index,
    by: str,
    *,
    speaker: str | None = None,
    each_speaker: bool = False,
    query: str | None = None,
    min_confidence: str = DEFAULT_CONFIDENCE,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
) -> tuple[Tally, ...]:
    """Quotations per month or year (``by``), of one ``speaker``, of each speaker
    (``each_speaker``), or of everyone, in time order (undated ones last). A
    syndicated quotation counts once, in the period of the first article to hold it."""
    if by not in (Period.MONTH, Period.YEAR):
        raise UsageError(
            Reason.UNKNOWN_PERIOD,
            f"unknown period {quoted(by)}",
            value=by,
            candidates=[p.value for p in Period],
            option="by",
        )
    found = find_quotes(
        index,
        query,
        speaker=speaker,
        limit=0,
        min_confidence=min_confidence,
        since=since,
        until=until,
        source=source,
    )
    width = 7 if by == Period.MONTH else 4
    counts: Counter[tuple[str | None, str]] = Counter()
    for hit in found.hits:
        period = hit.meta.day[:width] if len(hit.meta.day) >= width else UNDATED
        who = hit.quote.speaker if each_speaker or speaker is not None else None
        counts[(who, period)] += 1
    # Speakers most quoted first, each one's periods in time order, the periods between
    # their first and last with no quotation given as 0 (a chart's gap is a gap).
    most: Counter[str | None] = Counter()
    for (who, _), n in counts.items():
        most[who] += n
    ranked = sorted(most, key=lambda who: (-most[who], str(who)))
    tallies: list[Tally] = []
    for who in ranked:
        dated = sorted(period for w, period in counts if w == who and period != UNDATED)
        periods = _periods(dated[0], dated[-1]) if dated else []
        tallies.extend(models.Tally(who, period, counts[(who, period)]) for period in periods)
        if (who, UNDATED) in counts:
            tallies.append(models.Tally(who, UNDATED, counts[(who, UNDATED)]))
    return tuple(tallies)


def _periods(first: str, last: str) -> list[str]:
    """Every month (``2024-03``) or year (``2024``) from ``first`` to ``last``.

    >>> _periods("2023-11", "2024-02"), _periods("2022", "2024")
    (['2023-11', '2023-12', '2024-01', '2024-02'], ['2022', '2023', '2024'])
    """
    if len(first) == 4:
        return [str(year) for year in range(int(first), int(last) + 1)]
    year, month = int(first[:4]), int(first[5:7])
    periods = []
    while f"{year:04d}-{month:02d}" <= last:
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def check_confidence(level: str) -> None:
    if level not in CONFIDENCE_LEVELS:
        raise UsageError(
            Reason.UNKNOWN_CONFIDENCE,
            f"unknown confidence {quoted(level)}",
            value=level,
            candidates=CONFIDENCE_LEVELS,
            option="min-confidence",
        )


def check_not_negative(
    option: str, value: int, error: type[QueryError | UsageError] = QueryError
) -> None:
    """``limit`` and ``context`` count things: 0 or more (else ``error``)."""
    if value < 0:
        raise error(
            Reason.NEGATIVE_OPTION,
            f"{option} must be 0 or more, not {value}",
            value=str(value),
            option=option,
        )


def _compile(index: Index, query: str, min_confidence: str) -> Compiled:
    return compile_query(
        query,
        index.stemmer,
        index.vocabulary,
        lambda wanted: index.article(wanted).id,
        lambda: index.title_stems,
        min_confidence,
        index.speaker,
        functools.partial(_held_together, index),
        functools.partial(unknown_source_note, index),
    )


def check_source(index: Index, source: str | None) -> None:
    """A ``UsageError`` if no article has ``source`` (an option: a misspelt source must
    not read as a search that found nothing), naming the index's sources, nearest first."""
    if source is None:
        return
    from .browse import other_sources  # (only then: it loads the catalogue's records)

    known = other_sources(index, source)
    if known is not None:
        raise UsageError(
            Reason.UNKNOWN_SOURCE,
            f"no article has the source {quoted(source)}",
            value=source,
            candidates=_first_sources(known),
            option="source",
        )


def unknown_source_note(index: Index, source: str) -> str | None:
    """What to say when no article has ``source`` (``--source`` or ``source:``): the
    index's sources, nearest first; None when some article has it."""
    from .browse import other_sources

    known = other_sources(index, source)
    if known is None:
        return None
    listed = ", ".join(_first_sources(known))
    return f"no article has the source {quoted(source)}; the index's sources: {listed}"


def _first_sources(known: Sequence[str]) -> list[str]:
    """The first five of the index's sources (``browse.other_sources``), then "…" if
    there are more."""
    return [*known[:5], "…"] if len(known) > 5 else list(known)


def _held_together(index: Index, stems: tuple[str, ...]) -> bool:
    """Whether some paragraph holds ``stems`` in a row (asked for a word that no text
    holds, typed without its inner capitals: rare, and one look-up)."""
    with index.reader.searcher() as searcher:
        return held_together(searcher, stems)


def _filters(index: Index, request: _Request) -> Query | None:
    """The ``article``, ``speaker``, date and source restrictions as one query, or None."""
    terms: list[Query] = []
    if request.article is not None:
        terms.append(Term("article", index.article(request.article).id))
    if request.speaker is not None:
        name = index.speaker(request.speaker)
        terms.append(Term("speaker", speaker_term(name, request.min_confidence)))
    if request.since is not None or request.until is not None:
        low = _period("since", request.since)[0] if request.since is not None else ""
        high = _period("until", request.until)[1] if request.until is not None else ""
        if backwards(low, high):
            raise UsageError(
                Reason.BACKWARDS_DATES,
                f"the span from {request.since} to {request.until} ends before it starts",
                value=f"{request.since}..{request.until}",
            )
        terms.append(Range("date", low, high))
    if request.source is not None:
        terms.append(Term("source", source_term(request.source)))
    return AllOf(tuple(terms)) if len(terms) > 1 else (terms[0] if terms else None)


def _period(option: str, text: str) -> tuple[str, str]:
    found = period(text)
    if found is None:
        raise UsageError(
            Reason.BAD_DATE,
            f"{quoted(text)} is not a day, a month or a year",
            value=text,
            option=option,
        )
    return found


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise UsageError(
            Reason.UNKNOWN_SORT,
            f"unknown sort {quoted(sort)}",
            value=sort,
            candidates=SORTS,
            option="sort",
        )


def _spoken(quotes: Iterable[Quote], min_confidence: str) -> list[Quote]:
    """The quotations at ``min_confidence`` or surer."""
    return [q for q in quotes if at_least(q.confidence, min_confidence)]


def _search(
    index: Index, searcher: Searcher, query: str, request: _Request, compile: Compile
) -> SearchResult:
    check_not_negative("limit", request.limit)
    check_confidence(request.min_confidence)
    check_sort(request.sort)
    limit = request.limit
    newest = request.sort == DATE
    compiled = compile(query, request.min_confidence)
    filter_query = _filters(index, request)
    if compiled.query is None:
        suggestion = _suggest(index, searcher, query, compiled, request)
        return SearchResult(query, (), suggestion, compiled.notes)
    # The backend ranks the words alone, which keeps its fast top-N search; for a typed
    # run of words, the best RERANK_DEPTH candidates are ranked again (``_rerank``).
    # Enough candidates for the phrase test and fuzzy words (copies folded away are made
    # up for below).
    depth = RERANK_DEPTH if (compiled.runs or compiled.fuzzy) and not newest else limit
    # A short list is the start of the default one: its hits are chosen and shown among as
    # many candidates (with -n 1, a near copy one place down, dated earlier, showed only
    # from -n 3 on).
    fetch = max(limit, depth, DEFAULT_LIMIT) if limit else None
    # The candidates folded so far (a longer fetch begins with them).
    folder = Folder(index.prints, limit or None)
    folded: list[Stored | Head] = []
    by_headline = _headline_matters(compiled)
    while True:
        found = searcher.search(
            compiled.query, limit=fetch, filter=filter_query, newest_first=newest
        )
        wanted = {stem for stem, _ in compiled.terms}
        if (
            not newest
            and fetch is not None
            and fetch < RERANK_DEPTH
            and len(found) == fetch
            and any(_only_in_glued(index, s, wanted) for s in found)
        ):
            # A glued part goes down, and paragraphs past the limit may come above it.
            fetch = max(limit, RERANK_DEPTH)
            continue
        cut = max(limit, RERANK_DEPTH) if limit else len(found)
        # Newest first, a paragraph is not shown for its headline's words alone: every
        # paragraph of the article would come, in no order of relevance.
        ranked: list[Stored | Head] = (
            [s for s in found if not (by_headline and _headline_only(index, s, compiled))]
            if newest
            # Only the best candidates are ranked again: the deeper ones fetched to make
            # up for folded copies keep the backend's order (reranking them too cost 0.3 s
            # a query where most hits are near copies), and are not read unless shown:
            # folding needs their heads only.
            else [*_rerank(compiled, list(found[:cut]), index), *_heads(found, cut)]
        )
        headline_only = newest and len(ranked) < len(found)
        if request.all_copies:
            groups = [Group(s) for s in ranked]
        else:
            # More candidates begin with the ones folded before (the backend's order is
            # settled by score, then document), unless a rerank moved one: then afresh.
            if _places(ranked[: len(folded)]) != _places(folded):
                folder, folded = Folder(index.prints, limit or None), []
            for stored in ranked[len(folded) :]:
                folder.add(stored)
            folded = ranked
            groups = folder.groups()
        if fetch is None or len(groups) >= limit or len(found) < fetch:
            break
        fetch *= 4  # copies folded away: look further for the hits to show
    if not newest and not request.all_copies:
        shown = [_earliest(g, index, searcher, filter_query) for g in groups[: limit or None]]
        groups = shown + groups[len(shown) :]
    hits = tuple(
        _hit(index, rank, group, compiled, request, by_headline)
        for rank, group in enumerate(groups[: limit or None], start=1)
    )
    unknown = _unknown(index, searcher, compiled, request) if hits else ()
    suggestion = (
        None if hits and not unknown else _suggest(index, searcher, query, compiled, request)
    )
    notes = compiled.notes
    if headline_only and not hits:
        notes = (*notes, HEADLINE_ONLY_NEWEST)
    return SearchResult(query, hits, suggestion, notes, unknown)


def _places(found: Sequence[Stored | Head]) -> list[tuple[str, int]]:
    return [(s.article, s.paragraph) for s in found]


def _heads(found: Ranked, start: int) -> list[Stored | Head]:
    """The results from ``start`` on, each as its head (read in full if it has no print:
    folding would make one from its text)."""
    heads: list[Stored | Head] = []
    for at in range(start, len(found)):
        head = found.head(at)
        heads.append(head if head.print_data is not None else found[at])
    return heads


def _rerank(compiled: Compiled, found: list[Stored], index: Index) -> list[Stored]:
    """The backend's candidates ranked again, with what it cannot see:

    * paragraphs that hold a typed run of words as a phrase ("word of mouth") come
      first (a paragraph with the whole phrase has all its words, so it is among the
      candidates);
    * paragraphs that hold the query's words only as parts of glued words
      (``station`` in ``PlayStation``) come after those that hold them as words: a
      glued word is split so that scraped text (``Ideal AutoIt``) is found, not so
      that it competes with the word itself;
    * for a fuzzy word (``Mourhino~``), paragraphs with a nearer word come first
      (fewer edits away), then by score, where a rarer word weighs more.
    """
    runs = set(compiled.runs)
    wanted = {stem for stem, _ in compiled.terms}
    stemmer = index.stemmer
    return sorted(
        found,
        key=lambda s: (
            not (runs and find_matches(s.text, runs, stemmer)),
            _only_in_glued(index, s, wanted),
            _edits_away(s.text, compiled.fuzzy, stemmer),
            -round(s.score, 9),
            s.article,
            s.paragraph,
        ),
    )


def _edits_away(text: str, fuzzy: Sequence[Mapping[str, int]], stemmer: Stemmer) -> int:
    """How far the paragraph's words are from the query's fuzzy words: for each, the
    fewest edits of an expansion it holds (one more than any, if it holds none)."""
    if not fuzzy:
        return 0
    held = {stem for stem, _, _ in stemmer.stemmed_words(text)}
    return sum(
        min((edits for stem, edits in word.items() if stem in held), default=max(word.values()) + 1)
        for word in fuzzy
    )


def _earliest(group: Group, index: Index, searcher: Searcher, filter_query: Query | None) -> Group:
    """The group shown by its earliest-dated copy, the likeliest original of a syndicated
    paragraph: among its copies in the candidates, and its exact copies anywhere in the
    index (``index.copies``) that the filters let through. It keeps its place and score
    in the ranking; undated copies come after dated ones, and between equals the better
    ranked is kept."""
    members = (group.first, *group.copies)
    held = {(s.article, s.paragraph) for s in members}
    # A date begins with its day, which the backend gives with each copy (``day``): the
    # earliest date is among the copies of the earliest day, and only their articles
    # are looked up (hundreds of copies, where an archive is full of them).
    days = [s.day if s.day is not None else index.meta(s.article).date[:10] for s in members]
    first_day = min(filter(None, days), default="")
    dated = [
        (index.meta(s.article).date, i)
        for i, (s, day) in enumerate(zip(members, days, strict=True))
        if day and day == first_day
    ]
    best = min(((date, i) for date, i in dated if date), default=None)
    elsewhere = sorted(
        (date, article, int(number))
        for _, article, number in (
            index.copies.get(group.key)[: MAX_LISTED + 1] if group.key else ()
        )
        if (article, int(number)) not in held and (date := index.meta(article).date)
    )
    for date, article, number in elsewhere:
        if best is not None and best[0] <= date:
            break
        paragraph = [
            s
            for s in searcher.search(Term("article", article), limit=None, filter=filter_query)
            if s.paragraph == number
        ]
        if paragraph:  # an exact copy the filters let through: the one to show
            chosen = paragraph[0]._replace(score=group.first.score)
            return Group(chosen, members, group.key)
    if best is None or best[1] == 0:
        return group
    chosen = in_full(members[best[1]])._replace(score=group.first.score)
    others = tuple(s for s in members if s is not members[best[1]])
    return Group(chosen, others, index.prints(chosen).key)


def _headline_matters(compiled: Compiled) -> bool:
    """Whether a paragraph may be found by its article's headline alone and say so: the
    query has words or phrases of the text, and none of its alternatives is a field term
    (``speaker:X OR strike``: a paragraph may be found by the speaker)."""
    return bool(compiled.highlight) and not _field_among_alternatives(compiled.tree)


def _field_among_alternatives(node: ql.Node, alternative: bool = False) -> bool:
    """Whether a term of another field than the text is one of an explicit ``OR``'s
    alternatives, anywhere in the tree (an excluded one is not)."""
    if isinstance(node, ql.Or):
        return any(_field_among_alternatives(n, alternative or node.explicit) for n in node.nodes)
    if isinstance(node, ql.And):
        return any(_field_among_alternatives(n, alternative) for n in node.nodes)
    if isinstance(node, ql.Not):
        return False
    return alternative and node.field != "text"


def _headline_only(index: Index, stored: Stored | Head, compiled: Compiled) -> bool:
    """Whether none of the query's words and phrases is in the paragraph's own text, as
    its snippet marks them: only its headline, searched with it, matched."""
    return not find_matches(in_full(stored).text, compiled.highlight, index.stemmer)


def _only_in_glued(index: Index, stored: Stored, wanted: set[str]) -> bool:
    """Whether the words of ``wanted`` that the paragraph holds are all parts of glued
    words (most paragraphs have none: the index keeps that, ``Index.glued``)."""
    if not wanted:
        return False
    parts = index.glued(stored)
    if not parts:
        return False
    glued = False
    for stem, start, end in index.stemmer.stemmed_words(stored.text):
        if stem in wanted:
            if (start, end) not in parts:
                return False
            glued = True
    return glued


def _hit(
    index: Index,
    rank: int,
    group: Group,
    compiled: Compiled,
    request: _Request,
    by_headline: bool,
) -> Hit:
    """The hit shown for ``group``; ``by_headline``: whether it may say that only its
    headline matched (``_headline_matters``)."""
    stored = in_full(group.first)
    copies = () if request.all_copies else copies_of(group, index.copies)
    terms = compiled.highlight
    snippet = make_snippet(stored.text, terms, request.snippet_chars, stemmer=index.stemmer)
    return Hit(
        rank=rank,
        score=stored.score,
        article=stored.article,
        title=stored.title,
        paragraph=stored.paragraph,
        text=stored.text,
        snippet=snippet,
        speakers=speakers_of(stored, request.min_confidence),
        duplicates=copies,
        meta=index.meta(stored.article),
        # A snippet marks a match wherever the paragraph has one (its window is chosen
        # around them), so only a snippet with none is looked at again.
        by_headline=by_headline and not snippet.spans and _headline_only(index, stored, compiled),
    )


def _find_quotes(
    index: Index, searcher: Searcher, query: str | None, request: _Request, compile: Compile
) -> QuoteResult:
    check_not_negative("limit", request.limit)
    check_confidence(request.min_confidence)
    check_sort(request.sort)
    floor = request.min_confidence
    compiled = compile(query, floor) if query else None
    wanted = index.speaker(request.speaker) if request.speaker is not None else None
    filter_query = _filters(index, request) or Every("speaker", skipping=LEVEL_MARK)
    if compiled is not None and compiled.query is None:
        return models.QuoteResult(
            query,
            (),
            0,
            _suggest(index, searcher, query or "", compiled, request),
            notes=compiled.notes,
        )
    terms = compiled.highlight if compiled is not None else frozenset()
    # Ranked by relevance, the search stops once it has the quotations it shows, and
    # then only looks for their copies (below): testing each quotation of every
    # matching paragraph for the query's words was nine tenths of the time. The total
    # is then unknown.
    early = bool(terms) and request.limit > 0 and request.sort != DATE
    found: _Ranked
    if compiled is not None and compiled.query is not None:
        ranked_query = compiled.query
        # Loose words are ranked only as far as they are read (``_Ranked``): the best
        # of a large corpus are found without scoring every paragraph (``engine``).
        first = max(RERANK_DEPTH, 4 * request.limit) if early and _loose(ranked_query) else None
        found = _Ranked(
            lambda n: searcher.search(ranked_query, limit=n, filter=filter_query), first
        )
    else:
        listed = sorted(searcher.documents(filter_query), key=lambda s: (s.article, s.paragraph))
        found = _Ranked(lambda n: listed, None)
    folder = QuoteFolder()
    quotes: list[Quote] = []
    spans_of: dict[int, tuple[Span, ...]] = {}
    seen: set[tuple[str, int, int]] = set()
    stopped = False
    read = 0  # paragraphs of ``found`` read so far
    for stored in found:
        if early and len(quotes if request.all_copies else folder) >= request.limit:
            stopped = True
            break
        read += 1
        for quote in _spoken(quotes_of(stored), floor):
            if wanted and quote.speaker != wanted:
                continue
            seen.add((quote.article, quote.paragraph, quote.start))
            spans = (
                make_snippet(quote.text, terms, len(quote.text), stemmer=index.stemmer).spans
                if terms and may_match(quote.text, terms, index.stemmer)
                else ()
            )
            if terms and not spans:
                continue  # the paragraph matched, but not inside this quotation
            spans_of[id(quote)] = spans
            if early and not request.all_copies:
                folder.add(quote)
            else:
                quotes.append(quote)
    if stopped and not request.all_copies:
        # The rest of a short list is read for the shown quotations' copies; a longer one
        # (or one not ranked yet) is not, and each one's copies are looked up by its
        # fingerprint (``said``): the same copies, found sooner.
        heads = [head for head, _ in folder.groups()]
        # The look-up finds exactly the copies a scan would only when any paragraph
        # holding the quotation matches the query: loose words and phrases, not AND, NOT
        # or fields (``date:``), which the rest of a paragraph decides.
        searched = compiled is not None and _loose(compiled.query)
        rest = found.after(read, COPY_SCAN * len(heads) if searched else None)
        copies = (
            (q for stored in rest for q in _spoken(quotes_of(stored), floor))
            if rest is not None
            else (q for head in heads for q in _copies_found(searcher, head, filter_query, floor))
        )
        for copy in copies:
            if (copy.article, copy.paragraph, copy.start) not in seen:
                seen.add((copy.article, copy.paragraph, copy.start))
                folder.add_copy(copy)
    if request.sort == DATE:
        # Newest first, undated last; the order so far (rank, or reading order) within a day.
        days = {q.article: index.meta(q.article).day for q in quotes}
        quotes.sort(key=lambda q: days[q.article] or "", reverse=True)
    if early and not request.all_copies:
        groups = folder.groups()
    else:
        groups = [(q, ()) for q in quotes] if request.all_copies else fold_quotes(quotes)
    shown = groups[: request.limit or None]
    if request.sort != DATE and not request.all_copies:
        # A quotation is shown by its earliest dated copy that the filters let through, as
        # ``query`` shows a paragraph (``_earliest``): the likeliest original, in its place
        # (ranked, or in reading order).
        shown = [_earliest_quote(quote, copies, index) for quote, copies in shown]
    if not request.all_copies and (
        request.article is not None
        or request.since is not None
        or request.until is not None
        or request.source is not None
        or (compiled is not None and not _loose(compiled.query))
    ):
        # And it names every copy, as ``query`` names a paragraph's exact copies, filters or
        # not: where else the words were published. Only the filters and a query that is not
        # loose words (``AND``, ``NOT``, a field) can leave copies out of those found so far;
        # the speaker cannot (a copy is the speaker's own).
        shown = [(quote, _every_copy(searcher, quote, copies, floor)) for quote, copies in shown]

    def marked(quote: Quote) -> tuple[Span, ...]:
        if id(quote) in spans_of:
            return spans_of[id(quote)]
        # (a copy found by its fingerprint, shown in the place of the one ranked)
        if not terms:
            return ()
        return make_snippet(quote.text, terms, len(quote.text), stemmer=index.stemmer).spans

    hits = tuple(
        models.QuoteHit(
            rank, quote, marked(quote), _addresses_of(copies), index.meta(quote.article)
        )
        for rank, (quote, copies) in enumerate(shown, start=1)
    )
    suggestion = None
    unknown: tuple[str, ...] = ()
    if compiled is not None and query:
        unknown = _unknown(index, searcher, compiled, request) if hits else ()
        if unknown or not hits:
            suggestion = _suggest(index, searcher, query, compiled, request)
    # Who else may be meant, as "did you mean" is, only where it is shown: a batch's
    # records have no room for it, and each is a pass over every speaker.
    fuller, shorter = index.other_speakers(wanted) if wanted and request.suggest else ([], [])
    total = None if stopped else len(groups)
    notes = compiled.notes if compiled is not None else ()
    return models.QuoteResult(
        query, hits, total, suggestion, tuple(fuller), tuple(shorter), unknown, notes
    )


class _Ranked:
    """A search's hits in rank order, asked of the backend as far as they are read: the
    best ``first`` (every hit with None), then four times as many each time more are
    needed. The best N of a ranking are the first N of all of it, ties settled by
    article and paragraph (the backend's), so reading on gives what one long search
    would have given."""

    __slots__ = ("_hits", "_limit", "_search")

    def __init__(self, search: Callable[[int | None], Sequence[Stored]], first: int | None):
        self._search = search
        self._limit = first
        self._hits = search(first)

    def __iter__(self) -> Iterator[Stored]:
        at = 0
        while at < len(self._hits) or self._more():
            yield self._hits[at]
            at += 1

    def _more(self) -> bool:
        """Ask for four times as many; whether that gave more hits than there were."""
        if self._limit is None or len(self._hits) < self._limit:
            return False  # every hit is here
        had, self._limit = len(self._hits), 4 * self._limit
        self._hits = self._search(self._limit)
        return len(self._hits) > had

    def after(self, read: int, most: int | None) -> Sequence[Stored] | None:
        """The hits after the first ``read``: all of them with ``most`` None; else if
        they are all here already and at most ``most``, or None (nothing more is asked
        for only to count them)."""
        if most is None:
            while self._more():
                pass
        elif self._limit is not None and len(self._hits) == self._limit:
            return None  # there may be more
        elif len(self._hits) - read > most:
            return None  # (before the hits' stored fields are read)
        return self._hits[read:]


def _loose(query: Query | None) -> bool:
    """Whether ``query`` is loose words and phrases of the text only (any of them)."""
    if isinstance(query, Term | Phrase):
        return query.field == "text"
    return isinstance(query, AnyOf) and all(_loose(part) for part in query.parts)


def _copies_found(
    searcher: Searcher, quote: Quote, filter_query: Query, floor: str
) -> Iterator[Quote]:
    """The quotations that may be copies of ``quote``, within the filters: its speaker's,
    in paragraphs with a quotation of its words (the index keeps each paragraph's
    quotations by fingerprint: ``said``; ``QuoteFolder.add_copy`` checks the rest). For
    loose queries only (``_loose``): a copy's paragraph then matches the query through
    the quotation's own words, so the query is left out of this search."""
    if quote.speaker is None:
        return
    said = Term("said", text_key(quote.text))
    for stored in searcher.documents(AllOf((said, filter_query))):
        for copy in _spoken(quotes_of(stored), floor):
            if copy.speaker == quote.speaker:
                yield copy


def _suggest(
    index: Index, searcher: Searcher, query: str, compiled: Compiled, request: _Request
) -> str | None:
    """A "did you mean" for a query that found nothing, unless the request wants none,
    and only if it finds something itself (``patnets AND zzzz`` would suggest
    ``patents AND zzzz``, which finds nothing either), with the request's filters."""
    if not request.suggest:
        return None
    suggestion = suggest(searcher, index.stemmer, index.vocabulary, query, compiled.tree)
    if suggestion is None:
        return None
    try:
        better = _compile(index, suggestion, request.min_confidence)
        if better.query is None:
            return None
        found = searcher.search(better.query, limit=1, filter=_filters(index, request))
    except (QueryError, UsageError):
        return None
    return suggestion if found else None


def _unknown(
    index: Index, searcher: Searcher, compiled: Compiled, request: _Request
) -> tuple[str, ...]:
    """The query's words that no paragraph holds, where hits were found for the others: a
    misspelt word among several finds nothing, and the user should know (unless the
    request wants no suggestions: a batch's records have no room for them)."""
    if not request.suggest:
        return ()
    return tuple(unknown_words(searcher, index.stemmer, index.vocabulary, compiled.tree))


def _every_copy(
    searcher: Searcher, quote: Quote, copies: tuple[Quote, ...], floor: str
) -> tuple[Quote, ...]:
    """``copies`` and every other copy of ``quote`` in the index at ``floor`` or surer,
    whatever the filters (found by fingerprint: ``_copies_found``)."""
    folder = QuoteFolder()
    folder.add(quote)
    seen = {(q.article, q.paragraph, q.start) for q in (quote, *copies)}
    for copy in _copies_found(searcher, quote, Every("speaker", skipping=LEVEL_MARK), floor):
        if (copy.article, copy.paragraph, copy.start) not in seen and folder.add_copy(copy):
            seen.add((copy.article, copy.paragraph, copy.start))
    return (*copies, *folder.groups()[0][1])


def _earliest_quote(
    quote: Quote, copies: tuple[Quote, ...], index: Index
) -> tuple[Quote, tuple[Quote, ...]]:
    """The copy of a quotation to show, and the others: the earliest dated, as
    ``_earliest`` chooses a paragraph's copy (undated copies after dated ones; ``quote``,
    the best ranked, if none is dated). Between copies of the same date, ``quote`` is
    kept, else the first by article and paragraph: copies come in rank order from the
    candidates but in the index's from the fingerprint table, and the copy shown must
    not depend on which way they were found."""
    members = (quote, *copies)
    dated = [
        (date, i > 0, q.article, q.paragraph, q.start, i)
        for i, q in enumerate(members)
        if (date := index.meta(q.article).date)
    ]
    if not dated:
        return quote, copies
    best = min(dated)[-1]
    return members[best], (*members[:best], *members[best + 1 :])


def _addresses_of(quotes: Iterable[Quote]) -> tuple[str, ...]:
    """``ARTICLE:PARAGRAPH`` of each copy of a quotation, by article."""
    return tuple(
        f"{q.article}:{q.paragraph}" for q in sorted(quotes, key=lambda q: (q.article, q.paragraph))
    )
