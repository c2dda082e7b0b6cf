"""From the query language's tree to the backend's query, noting what to highlight.

Loose words (``why did Lei Jun build a car``) are OR-ed, so a paragraph with
more of them scores higher, and stop words are dropped from such lists unless
nothing else is left. (Whoosh's coordination bonus, ``Or(scale=…)``, was
measured: it ranked worse, and it scores every hit 0 when one word of the query
is not in the index.) Runs of two or more typed words are kept apart
(``runs``): ``search`` ranks the paragraphs that hold one as a phrase first.

A paragraph is searched with its article's headline (the backend indexes the
headline's words with every paragraph, each weighing a little less than the
paragraph's own): an exclusion (``-car``) leaves out the paragraphs of an
article whose headline says it. ``title:`` is answered from the manifest's
titles, as the paragraphs of the articles whose titles hold it.

Prefixes (``xiao*``) and fuzzy words (``Xioami~``) are expanded against the
index's own vocabulary of surface words (``vocabulary.txt``), so ``marketi*``
finds the stem ``market`` and a transposition counts as one edit.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from leisearch.engine.protocol import (
    AllOf,
    AnyOf,
    Not,
    Phrase,
    Prefix,
    Query,
    Range,
    Term,
    Without,
)
from leisearch.errors import QueryError, Reason, quoted
from leisearch.models import DEFAULT_CONFIDENCE
from leisearch.text import querylang as ql
from leisearch.text.stemming import Stemmer
from leisearch.text.words import (
    MAX_TOKEN_CHARS,
    STOP_WORDS,
    WORD_RE,
    iter_words,
    normalize_quotes,
)

from .documents import source_term, speaker_term
from .filters import backwards, date_range
from .snippets import Highlight
from .suggest import default_distance, held_apart, letters_of, similar_words, starting

MAX_EXPANSIONS = 64
#: The most edits a fuzzy word (``word~N``) is matched with.
MAX_EDITS = 3
#: Loose words beyond this many (a pasted page, say) are left out, with a note.
MAX_LOOSE_TERMS = 64


class Compiled(NamedTuple):
    """A query compiled against an index (a named tuple: every query makes one, and
    its class is made at every cold start; see ``text.querylang``)."""

    tree: ql.Node
    query: Query | None  # None when no term of the query exists in the index
    highlight: frozenset[Highlight]
    notes: tuple[str, ...]
    runs: tuple[Highlight, ...]
    #: The stems the query ranks by (its positive words in the text), with their weights.
    terms: tuple[tuple[str, float], ...] = ()
    #: Each positive fuzzy word's expansions (stem -> edits away), nearest ranked first.
    fuzzy: tuple[Mapping[str, int], ...] = ()


def only_exclusions() -> QueryError:
    return QueryError(Reason.ONLY_EXCLUSIONS, "the query only says what to leave out")


class _Builder:
    """Turns a query tree into a backend query, noting which terms to highlight.

    Mutable and used by this module only, for one query: a plain class, since a
    dataclass costs a cold query about a millisecond to create."""

    __slots__ = (
        "fuzzy",
        "held_together",
        "highlight",
        "min_confidence",
        "negated",
        "note_source",
        "notes",
        "resolve_article",
        "resolve_speaker",
        "runs",
        "stemmer",
        "terms",
        "title_stems",
        "vocabulary",
        "weight",
    )

    def __init__(
        self,
        stemmer: Stemmer,
        vocabulary: Mapping[str, str],
        resolve_article: Callable[[str], str],
        title_stems: Callable[[], Mapping[str, tuple[str, ...]]],
        min_confidence: str = DEFAULT_CONFIDENCE,
        resolve_speaker: Callable[[str], str] = str,
        held_together: Callable[[tuple[str, ...]], bool] = bool,
        note_source: Callable[[str], str | None] = lambda source: None,
    ) -> None:
        self.stemmer = stemmer
        #: ``source:``'s name -> a note when no article has that source (it finds
        #: nothing then, and the user should know which sources there are).
        self.note_source = note_source
        #: Whether some paragraph holds these stems in a row (a word typed without its
        #: inner capitals is its parts only where the index holds them so).
        self.held_together = held_together
        self.vocabulary = vocabulary
        self.resolve_article = resolve_article
        #: ``speaker:``'s name or alias -> the speaker (an unknown one raises, as
        #: ``--speaker`` does: a typo would otherwise find nothing, unexplained).
        self.resolve_speaker = resolve_speaker
        self.title_stems = title_stems
        #: ``speaker:`` finds paragraphs quoting the speaker at this confidence or surer.
        self.min_confidence = min_confidence
        self.highlight: set[Highlight] = set()
        self.notes: list[str] = []
        self.runs: list[Highlight] = []
        #: Inside an exclusion: the paragraph's own text only, not its headline.
        self.negated = 0
        #: How much the term being built weighs (a loose word typed twice: 2).
        self.weight = 1.0
        #: The positive text stems built so far, with their weights.
        self.terms: dict[str, float] = {}
        #: Each positive fuzzy word's expansions, with how many edits away each is.
        self.fuzzy: list[dict[str, int]] = []

    def rank_by(self, fieldname: str, stems: Iterable[str], factor: float = 1.0) -> None:
        """Note the stems of a positive term in the text, for ranking."""
        if fieldname == "text" and not self.negated:
            for stem in stems:
                self.terms[stem] = max(self.terms.get(stem, 0.0), self.weight * factor)

    def build(self, node: ql.Node) -> Query | None:
        if isinstance(node, ql.And | ql.Or):
            # Repeated terms add nothing but cost: "Musk AND Musk AND ..." is "Musk". (Loose
            # words are counted first: a word typed three times weighs three times.)
            unique = tuple(dict.fromkeys(node.nodes))
            if isinstance(node, ql.Or) and not node.explicit:
                return self.any(node)
            node = ql.And(unique) if isinstance(node, ql.And) else ql.Or(unique, node.explicit)
        if isinstance(node, ql.Word):
            return self.word(node)
        if isinstance(node, ql.Phrase):
            return self.phrase(node.field, node.text)
        if isinstance(node, ql.Not):
            # A NOT on its own excludes from "everything": only meaningful inside a group.
            inner = self.excluded(node.node)
            return None if inner is None else Not(inner)
        if isinstance(node, ql.And):
            parts = [p for p in (self.build(n) for n in node.nodes) if p is not None]
            if not any(not isinstance(p, Not) for p in parts):
                self.only_negative(parts)
                return None
            return AllOf(tuple(parts))
        return self.any(node)

    def any(self, node: ql.Or) -> Query | None:
        """Loose terms: ranked OR; field terms among them (``article:003``) are required.

        A loose word typed several times (by its stem: ``retrieval`` and ``retrieving``)
        weighs that many times, as each occurrence would in the text it is matched to:
        the words a long question repeats are what it is about.
        """
        times = Counter(self.key(n) for n in node.nodes)
        children = list({self.key(n): n for n in reversed(node.nodes)}.values())[::-1]
        required: list[Query] = []
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
        positives = [
            p for p in (self.weighed(n, times[self.key(n)]) for n in children) if p is not None
        ]
        negatives = [
            p for p in (self.excluded(n.node) for n in children if isinstance(n, ql.Not)) if p
        ]
        if not node.explicit:
            self.runs.extend(self.proximity_runs(node.nodes))
        if not positives and not required:
            self.only_negative(negatives)
            return None
        combined: Query | None = AnyOf(tuple(positives)) if len(positives) > 1 else None
        combined = combined or (positives[0] if positives else None)
        if required:
            combined = AllOf((*required, combined) if combined is not None else tuple(required))
        if negatives and combined is not None:
            excluded = negatives[0] if len(negatives) == 1 else AnyOf(tuple(negatives))
            return Without(combined, excluded)
        return combined

    def key(self, node: ql.Node) -> object:
        """What makes two loose words the same word: their stems."""
        if isinstance(node, ql.Word) and node.kind == "word":
            return (node.field, tuple(self.stemmer.analyze(node.text)))
        return node

    def weighed(self, node: ql.Node, times: int) -> Query | None:
        """A positive loose term, weighing ``times`` as much (None for an exclusion)."""
        if isinstance(node, ql.Not):
            return None
        self.weight = float(times)
        try:
            return self.build(node)
        finally:
            self.weight = 1.0

    def excluded(self, node: ql.Node) -> Query | None:
        """What an exclusion leaves out (its words are no query terms to rank by)."""
        self.negated += 1
        try:
            return self.build(node)
        finally:
            self.negated -= 1

    def searchable(self, fieldname: str, make: Callable[[str, float], Query]) -> Query:
        """``make(field, boost)`` for a term in ``fieldname``, weighing as the word does."""
        return make(fieldname, self.weight)

    def only_negative(self, parts: list[Query]) -> None:
        """A group of exclusions only: an error, unless nothing is left of it at all."""
        if parts:
            raise only_exclusions()

    def proximity_runs(self, nodes: Iterable[ql.Node]) -> list[Highlight]:
        """The stems of each run of two or more loose words typed one after another.

        (Boosting each neighbouring pair too was measured, and ranked questions
        worse: "Lei Jun" is in most paragraphs of a corpus about him.)
        """
        result = []
        for run in _runs(nodes):
            if run[0].field == "text":
                terms = tuple(t for w in run for t in self.stemmer.analyze(w.text))
                if len(terms) >= 2:
                    result.append(terms)
        return result

    def word(self, node: ql.Word) -> Query | None:
        if node.field in ("date", "source"):
            return self.phrase(node.field, node.text)
        if node.field == "article":
            if node.kind == "prefix":
                return Prefix("article", node.text)
            return Term("article", self.resolve_article(node.text))
        if node.field == "speaker":
            return Term(
                "speaker", speaker_term(self.resolve_speaker(node.text), self.min_confidence)
            )
        if node.kind == "word":
            return self.phrase(node.field, node.text)
        stems, edits = self.expansions(node)
        if not stems:
            return None
        if node.field == "title":
            wanted = set(stems)
            return self.articles_titled(lambda title: bool(wanted.intersection(title)))
        if node.field == "text" and not self.negated:  # (an excluded word is no match)
            self.highlight.update((stem,) for stem in stems)
        for stem in stems:
            self.rank_by(node.field, (stem,), closeness(edits[stem]))
        if node.kind == "fuzzy" and node.field == "text" and not self.negated:
            self.fuzzy.append({s: edits[s] for s in stems})
        terms = [self.searchable(node.field, _term(s, closeness(edits[s]))) for s in stems]
        return terms[0] if len(terms) == 1 else AnyOf(tuple(terms))

    def expansions(self, node: ql.Word) -> tuple[list[str], dict[str, int]]:
        """The stems a prefix or fuzzy word stands for, nearest first, with their edits."""
        surface = normalize_quotes(node.text).lower()
        # Each expansion keeps its smallest edit distance: nearer words weigh more.
        edits: dict[str, int] = {}
        if node.kind == "prefix":
            edits = dict.fromkeys(starting(self.vocabulary, surface).values(), 0)
        else:
            # More edits than half the word (or than MAX_EDITS) would match almost anything.
            most = min(MAX_EDITS, max(1, len(surface) // 2))
            distance = min(node.distance or default_distance(surface), most)
            if node.distance > most:
                self.notes.append(
                    f"{node.text}~{node.distance}: a word of {len(surface)} "
                    f"letter{'s' if len(surface) > 1 else ''} is "
                    f"matched with at most {most} edit{'s' if most > 1 else ''}"
                )
            stems = starting(self.vocabulary, surface[:1])
            for d, w in similar_words(surface, stems, distance):
                edits[stems[w]] = min(d, edits.get(stems[w], d))
        return sorted(edits, key=lambda s: (edits[s], s))[:MAX_EXPANSIONS], edits

    def articles_titled(self, test: Callable[[tuple[str, ...]], bool]) -> Query:
        """The paragraphs of the articles whose title stems pass ``test``."""
        ids = [aid for aid, title in self.title_stems().items() if test(title)]
        if not ids:
            return Term("article", "")  # no article has that title: nothing matches
        return AnyOf(tuple(Term("article", aid) for aid in ids))

    def phrase(self, fieldname: str, text: str) -> Query | None:
        if fieldname == "date":
            found = date_range(text.rstrip("*~"))
            if found is None:
                raise QueryError(
                    Reason.BAD_DATE,
                    f"date: takes a day, a month, a year or a range of them, not {quoted(text)}",
                    value=text,
                )
            if backwards(*found):
                raise QueryError(
                    Reason.BACKWARDS_DATES,
                    f"date:{text} ends before it starts",
                    value=text,
                )
            return Range("date", *found)
        if fieldname == "source":
            note = self.note_source(text)
            if note is not None and note not in self.notes:
                self.notes.append(note)
            return Term("source", source_term(text))
        if fieldname == "article":
            return Term(fieldname, self.resolve_article(text))
        if fieldname == "speaker":
            return Term(fieldname, speaker_term(self.resolve_speaker(text), self.min_confidence))
        terms = tuple(self.stemmer.analyze(text))
        if not terms:
            return None
        if fieldname == "title":
            return self.articles_titled(lambda title: _holds(title, terms))
        ways = self.as_indexed(text, terms) if fieldname == "text" else (terms,)
        each: list[Query] = []
        for at, way in enumerate(ways):
            if fieldname == "text" and not self.negated:
                self.highlight.add(way)
            if at == 0:  # (another way's words are no words of the query: "you", "tube")
                self.rank_by(fieldname, way)
            each.append(self.searchable(fieldname, functools.partial(_term_or_phrase, way)))
        return each[0] if len(each) == 1 else AnyOf(tuple(each))

    def as_indexed(self, text: str, terms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """The stems of one typed word, as the index may hold it (each way a run).

        A word written with inner capitals is indexed as its parts (``YouTube``:
        you, tube): typed without them (``youtube``, in no paragraph as one word),
        it is also those parts in a row (``suggest.apart``), where some paragraph
        holds them so (``held_together``: a misspelt ``healthcar`` is no "health car").
        Typed with them (``PolitiFact``) where the articles write it as one word
        (``Politifact``), it is that word, and its parts too if the index holds them
        all. Case aside, as every other word.
        """
        letters = letters_of(text)
        if not letters.isalpha():
            return (terms,)
        if len(terms) == 1:  # (its stem too: "sexted" is in no text, "sexting" is)
            split = held_apart(self.vocabulary, self.stemmer, letters, self.held_together)
            return (terms, split) if split else (terms,)
        joined = self.vocabulary.get(letters)
        if joined is None:
            return (terms,)
        parts = [word.lower() for word, _, _ in iter_words(text)]
        return ((joined,), terms) if all(p in self.vocabulary for p in parts) else ((joined,),)


def _term_or_phrase(stems: tuple[str, ...], fieldname: str, boost: float) -> Query:
    """One stem's term, or a run of stems' phrase."""
    if len(stems) == 1:
        return Term(fieldname, stems[0], boost=boost)
    return Phrase(fieldname, stems, boost=boost)


def compile_query(
    query: str,
    stemmer: Stemmer,
    vocabulary: Mapping[str, str],
    resolve_article: Callable[[str], str],
    title_stems: Callable[[], Mapping[str, tuple[str, ...]]],
    min_confidence: str = DEFAULT_CONFIDENCE,
    resolve_speaker: Callable[[str], str] = str,
    held_together: Callable[[tuple[str, ...]], bool] = bool,
    note_source: Callable[[str], str | None] = lambda source: None,
) -> Compiled:
    """Parse and build a query, or raise ``QueryError`` when there is nothing to find."""
    tree = ql.parse(query)
    if tree is None:
        raise QueryError(Reason.NO_WORDS, "the query has no words to search for")
    if isinstance(tree, ql.Not):
        raise only_exclusions()
    if not _has_words(tree, stemmer):
        if any(len(word) > MAX_TOKEN_CHARS for word in WORD_RE.findall(query)):
            raise QueryError(
                Reason.WORDS_TOO_LONG,
                f"the query's words are longer than {MAX_TOKEN_CHARS} characters, and the index"
                " keeps no word that long",
                count=MAX_TOKEN_CHARS,
            )
        raise QueryError(
            Reason.ONLY_PUNCTUATION, "the query has no words to search for, only punctuation"
        )
    builder = _Builder(
        stemmer,
        vocabulary,
        resolve_article,
        title_stems,
        min_confidence,
        resolve_speaker,
        held_together,
        note_source,
    )
    built = builder.build(tree)
    return Compiled(
        tree,
        built,
        frozenset(builder.highlight),
        (*_empty_fields(tree), *builder.notes),
        tuple(builder.runs),
        tuple(builder.terms.items()),
        tuple(builder.fuzzy),
    )


def _empty_fields(node: ql.Node) -> list[str]:
    """A note for each field name written with its colon and no value after it
    (``speaker:``, ``date: 2024``), searched as a word: in lower case and outside
    quotes only, so that pasted text (``Source: Reuters``, ``"the speaker: order"``)
    is searched as it always was, without a note.

    >>> tree = ql.parse('ferry date: "text: it" Title: -source:')
    >>> [n.split(" has")[0] for n in _empty_fields(tree)]
    ["'date:'", "'source:'"]
    """
    if isinstance(node, ql.Not):
        return _empty_fields(node.node)
    if isinstance(node, ql.And | ql.Or):
        return [said for child in node.nodes for said in _empty_fields(child)]
    if not (isinstance(node, ql.Word) and node.kind == "word" and node.text.endswith(":")):
        return []
    if node.text[:-1] not in ql.FIELDS:
        return []
    return [
        f"{node.text!r} has no value right after the colon, so it was searched as a word"
        f" (a filter is {node.text}VALUE)"
    ]


def _has_words(node: ql.Node, stemmer: Stemmer) -> bool:
    """Whether any positive part of the tree has something the analyzer keeps."""
    if isinstance(node, ql.Not):
        return False
    if isinstance(node, ql.And | ql.Or):
        return any(_has_words(n, stemmer) for n in node.nodes)
    if node.field in ("article", "speaker", "date", "source"):
        return bool(node.text.strip())
    return bool(stemmer.analyze(node.text))


def closeness(edits: int) -> float:
    """What a fuzzy word's expansion weighs, ``edits`` away from the typed word: a
    quarter at one edit, a ninth at two, so that the nearest words come first (a rarer
    word weighs more already, through BM25; a longer one is as many edits away from more
    of its letters).

    >>> closeness(0), closeness(1), round(closeness(2), 3)
    (1.0, 0.25, 0.111)
    """
    return 1.0 / (1 + edits) ** 2


def _term(stem: str, weight: float) -> Callable[[str, float], Query]:
    """``searchable``'s maker of a term for ``stem``, weighing ``weight`` as much."""
    return lambda field, boost: Term(field, stem, boost=boost * weight)


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether ``run`` occurs in ``words``, in order and together.

    >>> _holds(("chines", "soni", "come"), ("chines", "soni")), _holds(("a", "b"), ("b", "a"))
    (True, False)
    """
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


def _runs(nodes: Iterable[ql.Node]) -> list[list[ql.Word]]:
    """Maximal runs of plain words in one text field, in typed order."""
    runs: list[list[ql.Word]] = [[]]
    for node in nodes:
        plain = (
            isinstance(node, ql.Word) and node.kind == "word" and node.field in ("text", "title")
        )
        if not plain or (runs[-1] and runs[-1][0].field != node.field):  # type: ignore[union-attr]
            runs.append([])
        if plain:
            runs[-1].append(node)  # type: ignore[arg-type]
    return [run for run in runs if len(run) >= 2]


def _is_field_filter(node: ql.Node) -> bool:
    """A term the user put in a field other than the paragraph text."""
    return isinstance(node, ql.Word | ql.Phrase) and node.field != "text"


def _bare(node: ql.Node) -> str:
    """A plain word's text as the stop lists hold it ("" for anything else)."""
    if isinstance(node, ql.Word) and node.kind == "word":
        return normalize_quotes(node.text).lower().strip(".,;:!?'\"")
    return ""


def _drop_stop_words(nodes: list[ql.Node]) -> list[ql.Node]:
    kept = [n for n in nodes if _bare(n) not in STOP_WORDS]
    return kept if any(not isinstance(n, ql.Not) for n in kept) else nodes
