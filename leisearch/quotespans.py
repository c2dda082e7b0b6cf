"""Quotation stages 1 and 2: find quoted spans in a paragraph and label them.

The quotation engine (``quotes``) reads one paragraph at a time through these
two pure stages, then attributes the spans labelled ``speech``. The cue
patterns (``X said:``, ``"…," said X``) live here too, because a cue next to
a quote decides both its label and its speaker.

1. **Candidates** (``find_candidates``). One left-to-right scan with a stack of
   open quote marks. Curly marks are directional (``“`` opens, ``”`` closes);
   a straight ``"`` opens when it is outside any quote, or when it sits at a
   word start inside a curly quote (a nested quote), and closes otherwise, so
   the mismatched pairs of scraped text (``“ … "`` and ``" … ”``) pair up. A
   double quote left open runs to the end of its paragraph. Single marks
   (``‘ ’ '``) are only quote marks at the top level, when they open at a word
   start and close at a word end: ``Xiaomi’s`` and ``users’ curiosity`` are
   apostrophes, and so is ``parents’ affairs`` inside a single-quoted span
   (an ``s’`` before a lower-case word) when the next single mark closes
   after punctuation (``… You did not.’``). Only top-level spans are
   candidates: quotes nested inside a quote are part of its text and are
   never reported on their own.
2. **Classification** (``classify``). A candidate is speech unless a rule says
   it is something else, in this order:

   ``word``
       fewer than two words (``"Focus"``, ``"involution"``), or fewer than
       three without a speech cue next to it;
   ``heading``
       the quote sits in a short paragraph (at most 12 words) with no final
       punctuation: a section heading or a headline that quotes a phrase;
   ``title``
       the quote comes right after a title noun (``book``, ``film``,
       ``song``, ``report``, ``titled``, ``called`` …), even when a speech
       cue is near: in ``In her book "A", she wrote: "B"`` the cue is B's;
   ``fragment``
       the quote is embedded in the sentence: the text before it ends with a
       word that is not a speech cue (``refers to "…"``, ``the "fan economy"``,
       ``saying it was an "…"``), or, even with a cue, with a preposition or a
       possessive (``In "The Quiet Year", X writes``). Scare quotes, terms
       and slogans mostly land here;
   ``title``
       two to eight words, all capitalised, with no final punctuation
       (``"Sense of Participation"``), when no speech cue is next to it.

"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .names import (
    FINAL_PUNCT,
    QUOTE_CHARS,
    TITLE_ABBREVIATIONS,
    clean_speaker,
    mask_abbreviations,
    wordlist,
)

# --- stage 1: candidates ----------------------------------------------------------

_CURLY_OPEN = "\u201c\u201e\u201f"  # “ „ ‟
CURLY_CLOSE = "\u201d"  # ”
STRAIGHT = '"\uff02'
_SINGLE_OPEN = "\u2018'"  # ‘ and '
_SINGLE_CLOSE = "\u2019'"  # ’ and '
_QUOTE_CHARS = QUOTE_CHARS
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


_POSSESSIVE_AFTER = re.compile(r"[ \t][a-z]")
_SINGLE_MARK = re.compile("[" + _SINGLE_OPEN + _SINGLE_CLOSE + "]")


def _plural_possessive(text: str, i: int, marks: list[int]) -> bool:
    """Whether the ``’`` at ``i`` in ``parents’ affairs`` is an apostrophe, not a close.

    It follows an ``s`` and comes before a lower-case word, and the next single
    mark in the paragraph closes after punctuation (``… did not.’``) with no
    opening mark between.
    """
    if text[i - 1] not in "sS" or not _POSSESSIVE_AFTER.match(text, i + 1):
        return False
    k = bisect_right(marks, i)
    if k >= len(marks):
        return False
    j = marks[k]
    return text[j] in _SINGLE_CLOSE and text[j - 1] in ",.!?;:"


def _scan(text: str, skip: set[int]) -> tuple[list[Candidate], int | None]:
    """One pass; returns candidates and the position of an unclosed single mark."""
    stack: list[tuple[str, int]] = []  # (kind, position); kind: curly, straight, single
    found: list[Candidate] = []
    marks: list[int] = []  # single marks that are not inside a word, for _plural_possessive
    for mark in _SINGLE_MARK.finditer(text):
        i = mark.start()
        inside = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        if not inside and i not in skip:
            marks.append(i)

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
        elif ch in CURLY_CLOSE:
            if has_double:
                close_double(i)
        elif ch in STRAIGHT:
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
                if _plural_possessive(text, i, marks):
                    continue
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


# Speech verbs, in the forms news prose uses.
_VERBS = wordlist(
    "said says say told tells tell added adds replied replies reply responded responds "
    "stated states admitted admits mentioned mentions explained explains noted notes asked "
    "asks answered answers believes believed argued argues insisted insists recalled recalls "
    "wrote writes declared declares emphasized emphasised emphasizes stressed stresses claimed "
    "claims commented comments remarked remarks joked jokes quipped exclaimed revealed reveals "
    "confirmed confirms announced announces acknowledged acknowledges concluded observed "
    "warned warns shared shares tweeted posted thinks predicted promised suggested suggests "
    "asserted conceded confessed boasted complained lamented sighed repeated recounted "
    "summarized summarised urged vowed countered retorted wondered continued continues "
    "described describes cautioned cautions"
)
VERB = r"(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r"|pointed out|went on)"
ADVS = (
    r"(?:\s+(?:also|once|then|later|again|further|finally|[a-z]+ly|has|had|have|would|will"
    r"|(?:hopes|hoped|wants|wanted|went on|continued|tried|was quick) to))*"
)
_NO_PUNCT = r"[^,:;.!?\u201c\u201d\"\n]"

_CUE_BEFORE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{0,160}?)" + ADVS + r"\s+(?P<verb>" + VERB + r")"
    r"(?:\s*[,:]|\s+that|\s+with|\s+(?:\w+\s+){0,3}?that|\s+" + _NO_PUNCT + r"{1,80}[,:])\s*$"
)
_ASKED_BY = re.compile(r"\basked by (?P<subj>" + _NO_PUNCT + r"{1,80}?)\s*(?:whether|if|,|:)\s*$")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<subj>" + _NO_PUNCT + r"{1,100}?)\s*[,:]\s*$")
_CUE_AFTER_INVERTED = re.compile(
    r"^\s*[,.!?]?\s*(?P<verb>" + VERB + r")\s+(?P<subj>" + _NO_PUNCT + r"{1,160})"
)
#: ``"…," X said`` and ``"…," X, prosecuting, told the court`` (one appositive between commas).
_CUE_AFTER = re.compile(
    r"^\s*[,.!?]?\s*(?P<subj>"
    + _NO_PUNCT
    + r"{1,160}?)(?:,[ \t]+"
    + _NO_PUNCT
    + r"{1,60},)?"
    + ADVS
    + r"\s+(?P<verb>"
    + VERB
    + r")\b"
)
_AFTER_ACCORDING = re.compile(r"^\s*[,.]?\s*according to (?P<subj>" + _NO_PUNCT + r"{1,100})")
SPEECH_SENTENCE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{1,80}?)" + ADVS + r"\s+(?P<verb>" + VERB + r")\b"
)
DESCRIPTION = re.compile(
    r"^\s*(?:This|That|These|Those|The above|Such)\s+(?:is|was|are|were)\s+"
    r"(?:the\s+|an?\s+|how\s+)?"
    r"(?:\w+\s+)?(?:description|comment|words|view|assessment|evaluation|account|analysis|"
    r"observation|remark|verdict|conclusion|opinion|portrait|summary)s?\s+(?:of|by|from)\s+"
    r"(?P<subj>[^,;.!?\n]{1,80})"
)

LEADING = re.compile(
    r"^(?:(?:and|but|so|then|while|when|as|because|although|though|yet|however|"
    r"meanwhile|also|later|today|here|now|finally)\s+)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'\u2019]+")
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|me|my|we|our|us)\b")
SENTENCE_END = re.compile(r"[.!?\u2026]+[\"\u201d\u2019')]*\s+")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "co", "ltd", "corp"}
ABBREVIATIONS |= {"vs", "etc", "no", "u.s", "u.k", "e.g", "i.e"} | set(TITLE_ABBREVIATIONS)
_FINAL_PUNCT = FINAL_PUNCT
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
    for match in SENTENCE_END.finditer(text, floor, pos):
        if _word_before(text, match.start()).strip("\"'\u201c\u201d(") in ABBREVIATIONS:
            continue
        start = match.end()
    return start


def next_sentence_end(text: str, pos: int) -> int:
    for match in SENTENCE_END.finditer(text, pos):
        if _word_before(text, match.start()) not in ABBREVIATIONS:
            return match.start() + 1
    return len(text)


def _word_before(text: str, end: int) -> str:
    """The lower-cased word ending at ``end``; looks back a few characters only,
    so that a paragraph of a million characters is not copied for each sentence."""
    words = text[max(0, end - 40) : end].rsplit(None, 1)
    return words[-1].lower() if words else ""


def subject_before(chunk: str) -> str | None:
    """The subject at the end of ``chunk`` (the words right before a verb)."""
    # An appositive between commas ("X, Chairman of Y, said") belongs to X.
    parts = [p for p in re.split(r"[,;:(\u201c\u201d\"]", chunk)]
    candidate = parts[-1] if parts else chunk
    if not candidate.strip() and len(parts) >= 3:
        candidate = parts[-3]
    candidate = LEADING.sub("", candidate.strip())
    return clean_speaker(candidate)


# --- stage 2: classification ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    """What surrounds a candidate within its paragraph."""

    before: str  # the sentence up to the opening mark
    after: str  # from the closing mark to the end of the sentence (or next quote)
    sentence_at: int  # where the quote's sentence starts
    whole: bool  # the paragraph is only this quote


MAX_CONTEXT = 400
_LEADING_SPACE = re.compile(r"\s*")


def context_of(text: str, cand: Candidate, prev_end: int, next_open: int) -> Context:
    """Cut the before/after context of one candidate (stops at neighbouring quotes)."""
    # Cues stand near their quotation: the context is at most MAX_CONTEXT characters
    # either side, which also keeps a paragraph of one huge line linear to read.
    floor = max(prev_end, cand.open_at - MAX_CONTEXT)
    start = sentence_start(text, cand.open_at, floor)
    after_from = min(cand.close_at + 1, len(text))
    after_to = min(next_open, next_sentence_end(text, after_from), after_from + MAX_CONTEXT)
    lead = _LEADING_SPACE.match(text)
    whole = (lead is None or lead.end() == cand.open_at) and len(text[after_from:].strip()) <= 2
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
        speaker = subject_before(match.group("subj"))
        head = before[: match.start("subj")].rstrip()
        if speaker is None and head.endswith(",") and "," in head[:-1]:
            # "X, Chairman of Y, said:": the subject stands before the appositive.
            speaker = subject_before(head[:-1].rsplit(",", 1)[0])
        if speaker:
            return Cue(speaker, match.group("verb"))
    if before.rstrip().endswith(","):  # '"A," said X, "B."': the cue stands between the halves
        match = _CUE_AFTER_INVERTED.match(before.rstrip()[:-1])
        if match and "," not in match.group("subj"):
            speaker = clean_speaker(match.group("subj"))
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
        speaker = clean_speaker(LEADING.sub("", match.group("subj").strip()))
        if speaker:
            return Cue(speaker, match.group("verb"))
    return None


def _is_title_case(quoted: str) -> bool:
    words = _words(quoted)
    small = {"of", "the", "a", "an", "and", "or", "in", "on", "to", "for", "with", "at", "by"}
    content = [w for w in words if w.lower() not in small]
    return 2 <= len(words) <= 8 and all(w[0].isupper() or w[0].isdigit() for w in content)


_AFTER_PREPOSITION = re.compile(
    r"(?:^|\s)(?:in|of|from|on|at|by|for|about|like|than|into|the|his|her|their|its|our|my|your)$",
    re.IGNORECASE,
)
_TITLE_NOUN = re.compile(
    r"\b(?:book|novel|memoir|film|movie|documentary|song|album|article|report|column|essay|"
    r"play|poem|series|show|titled|entitled|called|named|dubbed)\s*$",
    re.IGNORECASE,
)


def classify(text: str, cand: Candidate, ctx: Context, has_cue: bool) -> str:
    """``speech``, or why the candidate is not speech (stage 2).

    The reasons are ``word``, ``heading``, ``fragment`` and ``title``; see the
    module docstring for the rules.
    """
    quoted = text[cand.start : cand.end]
    n_words = len(_words(quoted))
    if n_words < 2 or (n_words < 3 and not has_cue):
        return "word"
    # A heading is short: the length test first spares long paragraphs the word count.
    if len(text) <= 200 and len(_words(text)) <= 12:
        bare = text.strip().rstrip(_QUOTE_CHARS).rstrip()
        if not bare or bare[-1] not in _FINAL_PUNCT:
            return "heading"
    before = ctx.before.rstrip()
    if _TITLE_NOUN.search(before):  # a book or film named right before any cue
        return "title"
    if before and _EMBEDDED_END.search(before) and not has_cue:
        return "fragment"
    if _AFTER_PREPOSITION.search(before):  # 'In "The Quiet Year", X writes': a name, not speech
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
    text = mask_abbreviations(text)
    labelled = []
    for pos, cand in enumerate(cands):
        prev_end = cands[pos - 1].close_at + 1 if pos else 0
        next_open = cands[pos + 1].open_at if pos + 1 < len(cands) else len(text)
        ctx = context_of(text, cand, prev_end, next_open)
        cue = cue_before(ctx.before) or cue_after(ctx.after)
        labelled.append((cand, ctx, cue, classify(text, cand, ctx, cue is not None)))
    return labelled
