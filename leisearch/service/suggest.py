"""Words near a typed word: edit distance, fuzzy expansion, "did you mean".

Pure functions over the index's vocabulary of surface words, and
``suggest``, which asks the searcher which candidates the index holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from leisearch.engine.protocol import Phrase, Searcher
from leisearch.store.vocabulary import Vocabulary
from leisearch.text import querylang as ql
from leisearch.text.stemming import Stemmer
from leisearch.text.words import iter_words, normalize_quotes

MAX_SUGGEST_WORDS = 8


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


def starting(vocabulary: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The words of ``vocabulary`` that begin with ``prefix``, with their stems: a run
    of an index's vocabulary, found by bisection (its words are sorted), or every word
    tested."""
    if isinstance(vocabulary, Vocabulary):
        return dict(vocabulary.starting(prefix))
    return {word: stem for word, stem in vocabulary.items() if word.startswith(prefix)}


def similar_words(word: str, vocabulary: Iterable[str], distance: int) -> list[tuple[int, str]]:
    """``(distance, word)`` for vocabulary words within ``distance`` edits, same first letter."""
    letters = Counter(word)
    found = []
    for candidate in vocabulary:
        if (
            candidate[:1] == word[:1]
            and abs(len(candidate) - len(word)) <= distance
            # Most words of the same first letter and length have other letters: each
            # edit changes one letter at most, so they are dropped before the table.
            and _letters_apart(letters, candidate) <= distance
        ):
            d = edit_distance(word, candidate, distance)
            if d <= distance:
                found.append((d, candidate))
    return sorted(found)


def _letters_apart(letters: Counter[str], other: str) -> int:
    """How many edits the letters alone say two words are apart at least: the letters of
    one that the other lacks, counted with repeats, on the side that lacks more (an
    edit adds a letter, takes one away, or both; a transposition neither).

    >>> _letters_apart(Counter("xiaomi"), "xioami"), _letters_apart(Counter("abc"), "abxyz")
    (0, 3)
    """
    left = dict(letters)
    extra = 0
    for letter in other:
        count = left.get(letter, 0)
        if count:
            left[letter] = count - 1
        else:
            extra += 1
    return max(extra, sum(left.values()))


#: The shortest word ``apart`` splits, the most words it splits one into, and the
#: shortest of those (two letters make too many false splits: "occur ed").
_APART_FROM, _APART_MOST, _PIECE_FROM = 5, 3, 3


def letters_of(text: str) -> str:
    """A typed word's letters, lower-case, without the marks around or inside it
    (``#NeverTrump``: nevertrump; ``leijun?``: leijun).

    >>> letters_of("#NeverTrump"), letters_of("leijun?"), letters_of("e-mail")
    ('nevertrump', 'leijun', 'email')
    """
    return "".join(word.lower() for word, _, _ in iter_words(text))


def apart(vocabulary: Mapping[str, str], word: str, most: int = _APART_MOST) -> list[str] | None:
    """``word`` (lower-case letters) as two or three words of ``vocabulary``, if it is not
    one itself: an index holds a word written with inner capitals as its parts
    (``YouTube``: you, tube; ``#NeverTrump``: never, trump), and a query typed
    without them (``youtube``) may be those parts in a row (the caller asks the
    index whether it holds them so: a misspelt ``healthcar`` is no "health car").
    Each part has three letters at least (``occured`` is no "occur ed"). The longest
    first part that leaves words is taken. None if there is no such split.

    >>> vocabulary = dict.fromkeys(["you", "tube", "real", "donald", "trump", "yo"], "")
    >>> apart(vocabulary, "youtube"), apart(vocabulary, "realdonaldtrump")
    (['you', 'tube'], ['real', 'donald', 'trump'])
    >>> apart(vocabulary, "tube"), apart(vocabulary, "youtubes")  # one word; no split
    (None, None)
    >>> apart({"occur": "", "ed": ""}, "occured")  # two letters
    """
    if len(word) < _APART_FROM or not word.isalpha() or word in vocabulary:
        return None
    return _split(vocabulary, word, most)


def _split(vocabulary: Mapping[str, str], word: str, most: int) -> list[str] | None:
    for cut in range(len(word) - _PIECE_FROM, _PIECE_FROM - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head not in vocabulary:
            continue
        if rest in vocabulary:
            return [head, rest]
        if most > 2 and len(rest) >= 4:
            tail = _split(vocabulary, rest, most - 1)
            if tail:
                return [head, *tail]
    return None


def held_apart(
    vocabulary: Mapping[str, str],
    stemmer: Stemmer,
    letters: str,
    held: Callable[[tuple[str, ...]], bool],
) -> tuple[str, ...]:
    """The stems of ``letters`` split into words of the index (``apart``), if ``held``
    says some paragraph holds them in a row; () if not: how a word typed without its
    inner capitals is found, for the query and for the note of words found nowhere."""
    parts = apart(vocabulary, letters)
    split = tuple(stemmer.analyze(" ".join(parts))) if parts else ()
    return split if split and held(split) else ()


def _cased_as(typed: str, word: str) -> str:
    """``word`` in the case ``typed`` was written in: capitalised, or all capitals.

    >>> _cased_as("Sandres", "sanders"), _cased_as("NATOO", "nato"), _cased_as("patnts", "patents")
    ('Sanders', 'NATO', 'patents')
    """
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def unknown_words(
    searcher: Searcher, stemmer: Stemmer, vocabulary: Mapping[str, str], tree: ql.Node
) -> list[str]:
    """The plain words of a query, as typed, that no paragraph holds (none of their stems
    is in the index's text, nor is it as one word or as words written together:
    ``apart``): words that matched nothing, whatever the others found."""
    unknown = []
    for word in ql.words_of(tree):
        if word.field != "text":
            continue
        stems = stemmer.analyze(normalize_quotes(word.text))
        if not stems or any(searcher.doc_frequency(word.field, s) for s in stems):
            continue
        letters = letters_of(word.text)
        if letters in vocabulary:
            continue  # ("PolitiFact", held as one word)
        if not held_apart(vocabulary, stemmer, letters, lambda s: held_together(searcher, s)):
            unknown.append(word.text)
    return unknown


def held_together(searcher: Searcher, stems: tuple[str, ...]) -> bool:
    """Whether some paragraph holds ``stems`` in a row."""
    return bool(searcher.search(Phrase("text", stems), limit=1))


def suggest(
    searcher: Searcher,
    stemmer: Stemmer,
    vocabulary: Mapping[str, str],
    query: str,
    tree: ql.Node,
) -> str | None:
    """A "did you mean": the query with its unknown words replaced (for a query that
    found nothing, or found something for its other words only).

    Only for queries of a few words: for a pasted page, a rewrite helps nobody.
    """
    if len(ql.words_of(tree)) > MAX_SUGGEST_WORDS:
        return None
    suggestion = query
    for word in ql.words_of(tree):
        if word.field != "text":
            continue  # titles are not in the index's lexicon; see the article filters
        # As the query is analysed (``NeverTrump``: never, trump); its letters, lower-case.
        stems = stemmer.analyze(normalize_quotes(word.text))
        if not stems or all(searcher.doc_frequency(word.field, s) for s in stems):
            continue
        surface = normalize_quotes(word.text).lower()
        known = starting(vocabulary, surface[:1])
        candidates = similar_words(surface, known, default_distance(surface))
        scored = [(searcher.doc_frequency(word.field, known[w]), -d, w) for d, w in candidates]
        scored = [c for c in scored if c[0] > 0]
        if scored:
            # Nearest, then the commonest stem, then the commonest way of writing it:
            # "sanderz" is "sanders" (1,604 texts), not "sander" (one), of the same stem.
            written = getattr(vocabulary, "count", lambda _: 0)
            _, _, best = max(scored, key=lambda c: (c[1], c[0], written(c[2])))
            best = _cased_as(word.text, best)
            pattern = rf"(?<!\w){re.escape(word.text)}(?!\w)"
            suggestion = re.sub(pattern, best.replace("\\", r"\\"), suggestion, count=1)
    return suggestion if suggestion != query else None
