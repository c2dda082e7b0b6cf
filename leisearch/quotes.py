"""Direct quotations: find quoted spans, keep the speech, attribute a speaker.

The engine is three pure stages over one paragraph at a time, then a
canonicalisation step. Every rule is a small function over plain strings, so
each can be tested on a sentence of its own; none names a person, site or file.

1. **Candidates** (``find_candidates``). One left-to-right scan with a stack of
   open quote marks. Curly marks are directional (``“`` opens, ``”`` closes);
   a straight ``"`` opens when it is outside any quote, or when it sits at a
   word start inside a curly quote (a nested quote), and closes otherwise, so
   the mismatched pairs of scraped text (``“ … "`` and ``" … ”``) pair up. A
   double quote left open runs to the end of its paragraph. Single marks
   (``‘ ’ '``) are only quote marks at the top level, when they open at a word
   start and close at a word end: ``Xiaomi’s`` and ``users’ curiosity`` are
   apostrophes. Only top-level spans are candidates: quotes nested inside a
   quote are part of its text and are never reported on their own.
2. **Classification** (``classify``). A candidate is speech unless a rule says
   it is something else, in this order:

   ``word``
       fewer than two words (``"Focus"``, ``"involution"``), or fewer than
       three without a speech cue next to it;
   ``heading``
       the quote sits in a short paragraph (at most 12 words) with no final
       punctuation: a section heading or a headline that quotes a phrase;
   ``fragment``
       the quote is embedded in the sentence: the text before it ends with a
       word that is not a speech cue (``refers to "…"``, ``the "fan economy"``,
       ``a book called "…"``, ``saying it was an "…"``). Scare quotes, terms,
       slogans and titles mostly land here;
   ``title``
       two to eight words, all capitalised, with no final punctuation
       (``"Sense of Participation"``), when no speech cue is next to it.

3. **Attribution** (``attribute_paragraph``). The first rule that names a
   speaker wins; the rule's name becomes ``Quote.cue``:

   * a cue *before* the quote in its sentence: ``X said:``, ``X said that``,
     ``X told Outlet,``, ``X said in an interview,``, ``X responded with``,
     ``asked by X whether``, ``according to X,`` (the verb is the cue);
   * a cue *after* it: ``"…," said X`` and ``"…" X said`` (the same verbs);
     a split quote (``"A," X said, "B."``) gets both halves this way;
   * ``colon``: a sentence whose subject is a known person and that ends
     with a colon just before the quote;
   * ``description``: the next sentence or paragraph says whose words they
     were (``This is the description of X, a reporter of …``);
   * ``previous sentence``: a quote opening a sentence right after a sentence
     in which X said, responded, stated … something;
   * ``continuation``: a paragraph that is only a quote, right after a
     paragraph whose last quotation is X's;
   * ``interview``: in an article whose title or first paragraph says it is an
     interview and names one known person, quotations in or after a numbered
     (or ``Q:``) question line are that person's answers;
   * ``context``: a paragraph that is only a quote in the first person, within
     three paragraphs of the last named speaker, is that speaker's.

   Pronouns (``he``, ``she``) resolve to the person named last before them
   (this paragraph, then up to three paragraphs back). Unnamed sources are kept
   as written, with the article lower-cased (``a supply chain employee``); a
   later definite reference (``the senior person``) is tied to the latest
   earlier unnamed source that shares a word with it. Quotations for which no
   rule finds a speaker are dropped: a quote without a speaker cannot be
   searched by speaker, and reporting it would only add noise.

4. **Canonical speakers** (``build_aliases``, ``canonical_speaker``). Names
   that the corpus puts next to a speech verb (``Lei Jun said``, ``said Mr.
   Lei``) are collected, honorifics stripped and appositives after a comma
   cut. A multi-word name is its own canonical form; a single word maps to the
   one multi-word name that contains it, if exactly one does. A person familiar
   with X is never X: an unnamed source keeps its own wording.

Alias file
----------
``parse_alias_file`` reads a user's overrides, one speaker per line::

    # comments start with a hash; blank lines are ignored
    Lei Jun: Lei, Mr. Lei, Lei Jun, Chairman Lei
    Steve Jobs: Jobs

The canonical name comes before the colon and its aliases after it,
separated by commas; matching is case-insensitive. A line without a colon, or
with an empty name or alias list, raises ``CorpusError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import CorpusError
from .models import Article, Paragraph, Quote

# --- stage 1: candidates ----------------------------------------------------------

_CURLY_OPEN = "\u201c\u201e\u201f"  # “ „ ‟
_CURLY_CLOSE = "\u201d"  # ”
_STRAIGHT = '"\uff02'
_SINGLE_OPEN = "\u2018'"  # ‘ and '
_SINGLE_CLOSE = "\u2019'"  # ’ and '
_QUOTE_CHARS = _CURLY_OPEN + _CURLY_CLOSE + _STRAIGHT + "\u2018\u2019'"
_OPENERS_BEFORE = " \t\n([{\u2014\u2013-/"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A top-level quoted span: ``text[start:end]`` are the words inside the marks.

    ``open_at`` is the index of the opening mark; ``close_at`` that of the
    closing mark, or ``len(text)`` for a quote left open.
    """

    start: int
    end: int
    open_at: int
    close_at: int
    closed: bool
    double: bool


def _at_word_start(text: str, i: int) -> bool:
    before_ok = i == 0 or text[i - 1] in _OPENERS_BEFORE or text[i - 1] in _QUOTE_CHARS
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def _scan(text: str, skip: set[int]) -> tuple[list[Candidate], int | None]:
    """One pass; returns candidates and the position of an unclosed single mark."""
    stack: list[tuple[str, int]] = []  # (kind, position); kind: curly, straight, single
    found: list[Candidate] = []

    def emit(kind: str, pos: int, close: int) -> None:
        if not stack:
            found.append(Candidate(pos + 1, close, pos, close, True, kind != "single"))

    def close_double(i: int) -> None:
        while stack:
            kind, pos = stack.pop()
            if kind != "single":
                emit(kind, pos, i)
                return

    for i, ch in enumerate(text):
        if ch not in _QUOTE_CHARS or i in skip:
            continue
        has_double = any(kind != "single" for kind, _ in stack)
        if ch in _CURLY_OPEN:
            stack.append(("curly", i))
        elif ch in _CURLY_CLOSE:
            if has_double:
                close_double(i)
        elif ch in _STRAIGHT:
            opening = _at_word_start(text, i)
            inner = next((k for k, _ in reversed(stack) if k != "single"), None)
            if inner is None:
                if opening or (i + 1 < len(text) and not text[i + 1].isspace()):
                    stack.append(("straight", i))
            elif inner == "curly" and opening:
                stack.append(("straight", i))
            else:
                close_double(i)
        else:  # single marks: quote marks only at the top level
            if stack and stack[-1][0] == "single":
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if ch in _SINGLE_CLOSE and not text[i - 1].isspace() and not nxt.isalnum():
                    _, pos = stack.pop()
                    emit("single", pos, i)
            elif (
                not stack
                and ch in _SINGLE_OPEN
                and _at_word_start(text, i)
                and text[i + 1].isalnum()
            ):
                stack.append(("single", i))
    if stack:
        kind, pos = stack[0]
        if kind == "single":
            return found, pos
        end = len(text.rstrip())
        found.append(Candidate(pos + 1, end, pos, len(text), False, True))
    return found, None


def find_candidates(text: str) -> list[Candidate]:
    """Top-level quoted spans of one paragraph, in order (stage 1).

    >>> [(c.start, c.end) for c in find_candidates('He said "hi there" and left')]
    [(9, 17)]
    """
    skip: set[int] = set()
    for _ in range(8):
        found, stray = _scan(text, skip)
        if stray is None:
            break
        skip.add(stray)  # an unclosed single mark is an apostrophe after all
    else:
        found = [c for c in found if c.double]
    return [c for c in found if text[c.start : c.end].strip()]


# --- shared patterns ---------------------------------------------------------------


def _wordlist(text: str) -> list[str]:
    return text.split()


# Speech verbs, in the forms news prose uses.
_VERBS = _wordlist(
    "said says say told tells tell added adds replied replies reply responded responds "
    "stated states admitted admits mentioned mentions explained explains noted notes asked "
    "asks answered answers believes believed argued argues insisted insists recalled recalls "
    "wrote writes declared declares emphasized emphasised emphasizes stressed stresses claimed "
    "claims commented comments remarked remarks joked jokes quipped exclaimed revealed reveals "
    "confirmed confirms announced announces acknowledged acknowledges concluded observed "
    "warned warns shared shares tweeted posted thinks predicted promised suggested suggests "
    "asserted conceded confessed boasted complained lamented sighed repeated recounted "
    "summarized summarised urged vowed countered retorted wondered continued continues "
    "described describes"
)
_VERB = r"(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r"|pointed out|went on)"
_ADVS = (
    r"(?:\s+(?:also|once|then|later|again|further|finally|[a-z]+ly|has|had|have|would|will"
    r"|(?:hopes|hoped|wants|wanted|went on|continued|tried|was quick) to))*"
)
_NO_PUNCT = r"[^,:;.!?\u201c\u201d\"\n]"

_CUE_BEFORE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{0,160}?)" + _ADVS + r"\s+(?P<verb>" + _VERB + r")"
    r"(?:\s*[,:]|\s+that|\s+with|\s+(?:\w+\s+){0,3}?that|\s+" + _NO_PUNCT + r"{1,80}[,:])\s*$"
)
_ASKED_BY = re.compile(r"\basked by (?P<subj>" + _NO_PUNCT + r"{1,80}?)\s*(?:whether|if|,|:)\s*$")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<subj>" + _NO_PUNCT + r"{1,100}?)\s*[,:]\s*$")
_CUE_AFTER_INVERTED = re.compile(
    r"^\s*[,.!?]?\s*(?P<verb>" + _VERB + r")\s+(?P<subj>" + _NO_PUNCT + r"{1,160})"
)
_CUE_AFTER = re.compile(
    r"^\s*[,.!?]?\s*(?P<subj>" + _NO_PUNCT + r"{1,160}?)" + _ADVS + r"\s+(?P<verb>" + _VERB + r")\b"
)
_AFTER_ACCORDING = re.compile(r"^\s*[,.]?\s*according to (?P<subj>" + _NO_PUNCT + r"{1,100})")
_SPEECH_SENTENCE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{1,80}?)" + _ADVS + r"\s+(?P<verb>" + _VERB + r")\b"
)
_DESCRIPTION = re.compile(
    r"^\s*(?:This|That|These|Those|The above|Such)\s+(?:is|was|are|were)\s+"
    r"(?:the\s+|an?\s+|how\s+)?"
    r"(?:\w+\s+)?(?:description|comment|words|view|assessment|evaluation|account|analysis|"
    r"observation|remark|verdict|conclusion|opinion|portrait|summary)s?\s+(?:of|by|from)\s+"
    r"(?P<subj>[^,;.!?\n]{1,80})"
)

_LISTENER_VERBS = {"told", "tells", "tell", "asked", "asks", "answered", "answers", "urged"}
_PRONOUNS = {"he", "she", "him", "her"}
_DETERMINERS = {
    "a",
    "an",
    "the",
    "one",
    "some",
    "another",
    "many",
    "several",
    "two",
    "three",
    "most",
    "other",
    "others",
}
_NOT_SUBJECT = {
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "which",
    "who",
    "they",
    "we",
    "i",
    "you",
    "people",
    "everyone",
}
_LEADING = re.compile(
    r"^(?:(?:and|but|so|then|while|when|as|because|although|though|yet|however|"
    r"meanwhile|also|later|today|here|now|finally)\s+)+",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Madam|Mme|Mx)\.?\s+", re.I)
_NAME = re.compile(r"^[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|van|von|bin|al|da)){0,4}$")
_WORD = re.compile(r"[\w'\u2019]+")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|me|my|we|our|us)\b")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"\u201d\u2019')]*\s+")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "co", "ltd", "corp"}
_ABBREVIATIONS |= {"vs", "etc", "no", "u.s", "u.k", "e.g", "i.e", "gen", "gov", "sen", "rep"}
_FINAL_PUNCT = ".!?\u2026:;,~)"
_EMBEDDED_END = re.compile(r"[\w%)\]]$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the sentence holding ``pos`` starts (not before ``floor``).

    >>> text = "Mr. Lei spoke. He said it."
    >>> text[sentence_start(text, 20):]
    'He said it.'
    """
    start = floor
    for match in _SENTENCE_END.finditer(text, floor, pos):
        word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
        if word.lower().strip("\"'\u201c\u201d(") in _ABBREVIATIONS:
            continue
        start = match.end()
    return start


def _next_sentence_end(text: str, pos: int) -> int:
    for match in _SENTENCE_END.finditer(text, pos):
        word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
        if word.lower() not in _ABBREVIATIONS:
            return match.start() + 1
    return len(text)


# --- speaker phrases ----------------------------------------------------------------


def clean_speaker(phrase: str) -> str | None:
    """Turn the words before or after a cue verb into a speaker phrase, or ``None``.

    >>> clean_speaker("A senior person")
    'a senior person'
    >>> clean_speaker("Lei Jun, Chairman of Xiaomi Corporation")
    'Lei Jun'
    >>> clean_speaker("It") is None
    True
    """
    phrase = phrase.strip().strip("\u2014\u2013-").strip()
    if not phrase:
        return None
    words = phrase.split()
    first = words[0].lower()
    if first in _DETERMINERS:
        if len(words) < 2 or len(words) > 20:
            return None
        return first + phrase[len(words[0]) :]
    if first in _PRONOUNS and len(words) == 1:
        return first
    head = phrase.split(",")[0].strip()
    head = re.split(r"\s+(?:in|at|on|during|to|with|for|from|after|before|via)\s", head)[0]
    if _NAME.match(_HONORIFIC.sub("", head)) and head.lower() not in _NOT_SUBJECT:
        if _HONORIFIC.sub("", head).split()[0].lower() in _NOT_SUBJECT | _DETERMINERS:
            return None
        return head
    return None


def _subject_before(chunk: str) -> str | None:
    """The subject at the end of ``chunk`` (the words right before a verb)."""
    # An appositive between commas ("X, Chairman of Y, said") belongs to X.
    parts = [p for p in re.split(r"[,;:(\u201c\u201d\"]", chunk)]
    candidate = parts[-1] if parts else chunk
    if not candidate.strip() and len(parts) >= 3:
        candidate = parts[-3]
    candidate = _LEADING.sub("", candidate.strip())
    return clean_speaker(candidate)


# --- stage 2: classification ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    """What surrounds a candidate within its paragraph."""

    before: str  # the sentence up to the opening mark
    after: str  # from the closing mark to the end of the sentence (or next quote)
    sentence_at: int  # where the quote's sentence starts
    whole: bool  # the paragraph is only this quote


def context_of(text: str, cand: Candidate, prev_end: int, next_open: int) -> Context:
    """Cut the before/after context of one candidate (stops at neighbouring quotes)."""
    start = sentence_start(text, cand.open_at, prev_end)
    after_from = min(cand.close_at + 1, len(text))
    after_to = min(next_open, _next_sentence_end(text, after_from))
    head = text[: cand.open_at].strip()
    tail = text[after_from:].strip()
    whole = not head and len(tail) <= 2
    return Context(text[start : cand.open_at], text[after_from:after_to], start, whole)


@dataclass(frozen=True, slots=True)
class Cue:
    """A speaker phrase as written and the rule or verb that found it."""

    speaker: str
    cue: str


def cue_before(before: str) -> Cue | None:
    """A speech cue ending right before a quote (``X said:``, ``according to X,``).

    >>> cue_before("Lei Jun replied: ")
    Cue(speaker='Lei Jun', cue='replied')
    >>> cue_before("The term refers to ") is None
    True
    """
    if not before.strip():
        return None
    for pattern, cue in ((_ASKED_BY, "asked"), (_ACCORDING, "according to")):
        match = pattern.search(before)
        if match:
            speaker = clean_speaker(match.group("subj"))
            if speaker:
                return Cue(speaker, cue)
    match = _CUE_BEFORE.search(before)
    if match:
        speaker = _subject_before(match.group("subj"))
        head = before[: match.start("subj")].rstrip()
        if speaker is None and head.endswith(",") and "," in head[:-1]:
            # "X, Chairman of Y, said:": the subject stands before the appositive.
            speaker = _subject_before(head[:-1].rsplit(",", 1)[0])
        if speaker:
            return Cue(speaker, match.group("verb"))
    return None


def cue_after(after: str) -> Cue | None:
    """A speech cue right after a quote (``, said X`` or ``X said``).

    >>> cue_after(", said Lei Jun.")
    Cue(speaker='Lei Jun', cue='said')
    >>> cue_after(" mainly refers to products.") is None
    True
    """
    match = _AFTER_ACCORDING.match(after)
    if match:
        speaker = clean_speaker(match.group("subj"))
        if speaker:
            return Cue(speaker, "according to")
    match = _CUE_AFTER_INVERTED.match(after)
    if match:
        speaker = clean_speaker(match.group("subj"))
        if speaker:
            return Cue(speaker, match.group("verb"))
    match = _CUE_AFTER.match(after)
    if match:
        speaker = clean_speaker(_LEADING.sub("", match.group("subj").strip()))
        if speaker:
            return Cue(speaker, match.group("verb"))
    return None


def _is_title_case(quoted: str) -> bool:
    words = _words(quoted)
    small = {"of", "the", "a", "an", "and", "or", "in", "on", "to", "for", "with", "at", "by"}
    content = [w for w in words if w.lower() not in small]
    return 2 <= len(words) <= 8 and all(w[0].isupper() or w[0].isdigit() for w in content)


def classify(text: str, cand: Candidate, ctx: Context, has_cue: bool) -> str:
    """``speech``, or why the candidate is not speech (stage 2).

    The reasons are ``word``, ``heading``, ``fragment`` and ``title``; see the
    module docstring for the rules.
    """
    quoted = text[cand.start : cand.end]
    n_words = len(_words(quoted))
    if n_words < 2 or (n_words < 3 and not has_cue):
        return "word"
    bare = text.strip().rstrip(_QUOTE_CHARS).rstrip()
    if len(_words(text)) <= 12 and (not bare or bare[-1] not in _FINAL_PUNCT):
        return "heading"
    before = ctx.before.rstrip()
    if before and _EMBEDDED_END.search(before) and not has_cue:
        return "fragment"
    if not has_cue and _is_title_case(quoted) and quoted.rstrip()[-1:] not in _FINAL_PUNCT:
        return "title"
    return "speech"


def label_candidates(text: str) -> list[tuple[Candidate, Context, Cue | None, str]]:
    """Stages 1 and 2 on one paragraph: each candidate, its context, adjacent cue and label.

    >>> [(text[c.start : c.end], label) for text in ['The "sea of stars" grew.']
    ...  for c, _, _, label in label_candidates(text)]
    [('sea of stars', 'fragment')]
    """
    cands = find_candidates(text)
    labelled = []
    for pos, cand in enumerate(cands):
        prev_end = cands[pos - 1].close_at + 1 if pos else 0
        next_open = cands[pos + 1].open_at if pos + 1 < len(cands) else len(text)
        ctx = context_of(text, cand, prev_end, next_open)
        cue = cue_before(ctx.before) or cue_after(ctx.after)
        labelled.append((cand, ctx, cue, classify(text, cand, ctx, cue is not None)))
    return labelled


# --- stage 3: attribution ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """A speech candidate with its raw speaker (as written) and cue."""

    paragraph: int
    cand: Candidate
    speaker: str | None
    cue: str


def _next_text_cue(text: str) -> Cue | None:
    match = _DESCRIPTION.match(text)
    if match:
        speaker = clean_speaker(match.group("subj"))
        if speaker:
            return Cue(speaker, "description")
    return None


def _previous_sentence_cue(text: str, sentence_at: int) -> Cue | None:
    """A cue in the sentence before ``sentence_at`` (``X responded that …. "…"``)."""
    if sentence_at <= 0:
        return None
    prev_start = sentence_start(text, max(sentence_at - 2, 0))
    sentence = text[prev_start:sentence_at]
    # Only the clause that follows any quote in that sentence can hold the cue.
    last_mark = max(sentence.rfind(c) for c in _CURLY_CLOSE + _STRAIGHT)
    clause = sentence[last_mark + 1 :]
    match = _SPEECH_SENTENCE.search(clause)
    if match and match.group("verb") not in {"asked", "asks", "ask"}:
        speaker = _subject_before(match.group("subj"))
        if speaker:
            return Cue(speaker, "previous sentence")
    return None


def _colon_cue(text: str, ctx: Context, known: Mapping[str, str]) -> Cue | None:
    """``X talked about it when joking: "…"``: the sentence's subject, if a known person."""
    if not ctx.before.rstrip().endswith(":"):
        return None
    before = text[sentence_start(text, ctx.sentence_at) : ctx.sentence_at] + ctx.before
    first = re.match(
        r"\s*((?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*|[Hh]e|[Ss]he)\b", before
    )
    if first:
        name = first.group(1)
        if name.lower() in _PRONOUNS or _HONORIFIC.sub("", name).lower() in known:
            return Cue(name, "colon")
    return None


_QUESTION_LINE = re.compile(r"^\s*(?:Q\s*\d*\s*[.:：)]|\d{1,3}\s*[.)\u3001:：])")
_INTERVIEW = re.compile(r"\binterview|\bQ\s*&\s*A\b|\bconversation with\b", re.IGNORECASE)


def _interviewee(article: Article, known: Mapping[str, str]) -> str | None:
    heads = [article.title, article.paragraphs[0].text if article.paragraphs else ""]
    if not any(_INTERVIEW.search(h) for h in heads):
        return None
    names = {c for h in heads for _, _, c in _mentions(h, known)}
    if not names:  # nobody named near a speech verb: read the name off the headline
        for head in heads:
            for run in _CAPITALISED_RUN.findall(head):
                words = [w for w in run.split() if w.lower() not in _HEADLINE_WORDS]
                if 2 <= len(words) <= 3 and is_person_name(" ".join(words)):
                    names.add(canonical_speaker(" ".join(words), known))
    return names.pop() if len(names) == 1 else None


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)+")
_HEADLINE_WORDS = {"interview", "exclusive", "q&a", "conversation", "full", "transcript"}


def _mention_pattern(known: Mapping[str, str]) -> re.Pattern[str] | None:
    keys = sorted(
        (k for k, v in known.items() if k and k[0].isalpha() and is_person_name(v)),
        key=len,
        reverse=True,
    )
    if not keys:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b", re.IGNORECASE)


_pattern_cache: dict[tuple[tuple[str, str], ...], re.Pattern[str] | None] = {}


def _mentions(text: str, known: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` for each capitalised mention of a known name."""
    key = tuple(sorted(known.items()))
    if key not in _pattern_cache:
        if len(_pattern_cache) > 64:
            _pattern_cache.clear()
        _pattern_cache[key] = _mention_pattern(known)
    pattern = _pattern_cache[key]
    if pattern is None:
        return []
    return [
        (m.start(), m.end(), known[m.group().lower()])
        for m in pattern.finditer(text)
        if m.group()[0].isupper()
    ]


def _is_unnamed(speaker: str) -> bool:
    return speaker.split()[0] in _DETERMINERS


def _resolve_definite(speaker: str, sources: Sequence[str]) -> str:
    """Tie ``the senior person`` to the latest earlier unnamed source sharing a word."""
    words = set(speaker.lower().split()[1:])
    best, best_score = speaker, 0
    for source in sources:  # oldest first, so ties go to the latest
        score = len(words & set(source.lower().split()[1:]))
        if score >= best_score and score > 0:
            best, best_score = source, score
    return best


def canonical_speaker(speaker: str, aliases: Mapping[str, str]) -> str:
    """The canonical form of a speaker phrase.

    >>> canonical_speaker("Mr. Lei", {"lei": "Lei Jun"})
    'Lei Jun'
    >>> canonical_speaker("a person familiar with Lei Jun", {"lei jun": "Lei Jun"})
    'a person familiar with Lei Jun'
    """
    if _is_unnamed(speaker):
        return aliases.get(speaker.lower(), speaker)
    name = _HONORIFIC.sub("", speaker.split(",")[0].strip())
    return aliases.get(speaker.lower(), aliases.get(name.lower(), name))


def extract_quotes(article: Article, aliases: Mapping[str, str] | None = None) -> list[Quote]:
    """Every attributed direct quotation in ``article``, in reading order."""
    # A corpus-wide table (with the user's overrides) already holds this
    # article's names; on its own, an article gets a table of its own.
    known = {k.lower(): v for k, v in aliases.items()} if aliases else build_aliases([article])
    interviewee = _interviewee(article, known)
    paragraphs = article.paragraphs
    quotes: list[Quote] = []
    sources: list[str] = []  # unnamed sources so far, as written
    last_by_paragraph: dict[int, str] = {}  # paragraph index -> speaker of its last quote
    last_named: tuple[int, str] | None = None
    question_seen = False
    for index, para in enumerate(paragraphs):
        text = para.text
        if _QUESTION_LINE.match(text):
            question_seen = True
        for cand, ctx, cue, label in label_candidates(text):
            if label != "speech":
                continue
            cue = (
                cue
                or _colon_cue(text, ctx, known)
                or _next_text_cue(ctx.after.lstrip(' ,.\u201d"'))
            )
            if cue is None and ctx.whole and index + 1 < len(paragraphs):
                cue = _next_text_cue(paragraphs[index + 1].text)
            if cue is None and not ctx.before.strip():
                cue = _previous_sentence_cue(text, ctx.sentence_at)
            if cue is None and ctx.whole and index - 1 in last_by_paragraph:
                cue = Cue(last_by_paragraph[index - 1], "continuation")
            if cue is None and interviewee and question_seen and not ctx.before.strip():
                cue = Cue(interviewee, "interview")
            if (
                cue is None
                and ctx.whole
                and last_named
                and index - last_named[0] <= 3
                and _FIRST_PERSON.search(text[cand.start : cand.end])
            ):
                cue = Cue(last_named[1], "context")
            if cue is None:
                continue
            speaker = _settle(cue.speaker, text, cand.open_at, index, paragraphs, known, sources)
            if speaker is None:
                continue
            speaker = canonical_speaker(speaker, known)
            if _is_unnamed(speaker):
                if speaker not in sources:
                    sources.append(speaker)
            else:
                last_named = (index, speaker)
            last_by_paragraph[index] = speaker
            quotes.append(
                Quote(
                    article.id,
                    article.title,
                    para.number,
                    text[cand.start : cand.end],
                    cand.start,
                    cand.end,
                    speaker,
                    cue.cue,
                )
            )
    return quotes


def _settle(
    speaker: str,
    text: str,
    at: int,
    index: int,
    paragraphs: Sequence[Paragraph],
    known: Mapping[str, str],
    sources: Sequence[str],
) -> str | None:
    """Resolve a pronoun or a definite back-reference; ``None`` if it cannot be."""
    if speaker.lower() in _PRONOUNS:
        found = _mentions(text[:at], known)
        back = index - 1
        while not any(" " in c for _, _, c in found) and back >= 0 and back >= index - 3:
            found = _mentions(paragraphs[back].text, known) + found
            back -= 1
        # People are introduced by full name; a bare single word is more often a
        # company or a place, so the latest full name wins over it.
        full = [c for _, _, c in found if " " in c]
        return full[-1] if full else (found[-1][2] if found else None)
    if speaker.startswith("the ") and sources:
        return _resolve_definite(speaker, sources)
    return speaker


# --- aliases -------------------------------------------------------------------------

_VERB_RE = re.compile(r"\b(?:" + _VERB + r"|spoke|speaks|talked|talks)\b")
_NAME_PART = r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3}"
#: A name right after a speech verb ("said Lei Jun").
_NAME_AFTER = re.compile(r"\s+(?P<name>" + _NAME_PART + ")")
#: A name right before one, maybe with an appositive ("Lei Jun, Chairman of Xiaomi, said").
_NAME_BEFORE = re.compile(r"(?P<name>" + _NAME_PART + r")(?:,[^,.;:!?]{1,60},)?" + _ADVS + r"\s+$")
#: How far around a speech verb to look for a name.
_NAME_WINDOW = 120


_FUNCTION_WORDS = (
    _NOT_SUBJECT
    | _DETERMINERS
    | _PRONOUNS
    | {
        "as",
        "when",
        "while",
        "but",
        "and",
        "so",
        "then",
        "if",
        "because",
        "although",
        "after",
        "before",
        "since",
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "with",
        "from",
        "by",
        "my",
        "his",
        "our",
        "their",
        "its",
        "your",
        "all",
        "no",
        "not",
        "yes",
        "also",
    }
)
#: Last words that make a capitalised name an organisation or a publication, not a person.
_ORG_WORDS = frozenset(
    _wordlist(
        "auto motors motor corporation corp company co inc ltd llc group holdings holding "
        "technology technologies review news times post journal daily weekly observer magazine "
        "agency bank university institute college school ministry department association council "
        "committee foundation party media press network tv radio club team league government "
        "office bureau federation union board commission court police army"
    )
)


def is_person_name(name: str) -> bool:
    """Whether a capitalised phrase reads as a person's name rather than an organisation.

    >>> is_person_name("Lei Jun"), is_person_name("Xiaomi Auto"), is_person_name("Because I")
    (True, False, False)
    """
    words = name.split()
    if not words or not _NAME.match(name) or len(words) > 4:
        return False
    if any(w.lower() in _FUNCTION_WORDS for w in words):
        return False
    return words[-1].lower() not in _ORG_WORDS and not re.search(r"['’]s?$", name)


def _collect_names(text: str) -> list[str]:
    """Names standing next to a speech verb: the people who speak in ``text``.

    Verbs are found first and names matched only in a window around each:
    scanning for names everywhere is several times slower.
    """
    names = []
    for verb in _VERB_RE.finditer(text):
        raws = []
        if verb.group() not in _LISTENER_VERBS:  # "told X": X is the listener
            after = _NAME_AFTER.match(text, verb.end(), verb.end() + _NAME_WINDOW)
            if after:
                raws.append(after.group("name"))
        before = _NAME_BEFORE.search(text, max(0, verb.start() - _NAME_WINDOW), verb.start())
        if before:
            raws.append(before.group("name"))
        for raw in raws:
            name = " ".join(_HONORIFIC.sub("", raw.strip()).split())
            if is_person_name(name):
                names.append(name)
    return names


def build_aliases(articles: Iterable[Article]) -> dict[str, str]:
    """Map lower-cased name variants to canonical names, from one corpus.

    >>> from leisearch.models import Article, Paragraph
    >>> text = "Lei Jun said it. Later, Mr. Lei said more."
    >>> table = build_aliases([Article("a", "t", "", (Paragraph(1, text),))])
    >>> table["lei"], table["lei jun"], canonical_speaker("Mr. Lei", table)
    ('Lei Jun', 'Lei Jun', 'Lei Jun')
    """
    names: set[str] = set()
    for article in articles:
        for para in article.paragraphs:
            names.update(_collect_names(para.text))
    multi = {n for n in names if len(n.split()) > 1}
    table: dict[str, str] = {n.lower(): n for n in multi}
    tokens = {t for n in names for t in n.split()}
    for token in tokens:
        owners = {n for n in multi if token in n.split()}
        if len(owners) == 1:
            owner = owners.pop()
            table.setdefault(token.lower(), owner)
        elif not owners and token in names:
            table.setdefault(token.lower(), token)
    return table


def parse_alias_file(text: str) -> dict[str, str]:
    """Parse the alias override format (see the module docstring).

    >>> parse_alias_file("# people\\nLei Jun: Lei, Mr. Lei\\n")
    {'lei jun': 'Lei Jun', 'lei': 'Lei Jun', 'mr. lei': 'Lei Jun'}
    """
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, rest = line.partition(":")
        aliases = [a.strip() for a in rest.split(",") if a.strip()]
        if not colon or not name.strip() or not aliases:
            raise CorpusError(
                f"alias file line {number} is malformed: {line!r}",
                "write one speaker per line as `Canonical Name: alias, other alias`",
            )
        canonical = " ".join(name.split())
        table[canonical.lower()] = canonical
        for alias in aliases:
            table[" ".join(alias.split()).lower()] = canonical
    return table
