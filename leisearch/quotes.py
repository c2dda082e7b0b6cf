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

3. **Attribution** (``extract_quotes``). Abbreviation dots (``Mr.``,
   ``Ms.``, ``Dr.`` …) are first swapped for a look-alike character of the
   same length, so ``"…" Ms. Krishnan said`` matches a cue and ends no
   sentence. The first rule that names a speaker wins; its name becomes
   ``Quote.cue``:

   * a cue *before* the quote in its sentence: ``X said:``, ``X said that``,
     ``X told Outlet,``, ``X said in an interview,``, ``X responded with``,
     ``asked by X whether``, ``according to X,`` (the verb is the cue);
   * a cue *after* it: ``"…," said X`` and ``"…" X said`` (the same verbs);
     a split quote (``"A," X said, "B."``) gets both halves this way;
   * ``colon``: a sentence whose subject is a person and that ends with a
     colon just before the quote;
   * ``description``: the next sentence or paragraph says whose words they
     were (``This is the description of X, a reporter of …``);

   and, for a quote that opens a sentence with no cue of its own:

   * ``same speaker``: only the previous quote's attribution stands between
     them (``"A," said X, head of Y. "B."``), naming nobody else;
   * ``previous sentence``: the sentence before has X said, responded … ;
   * ``subject``: the sentence before opens with a person, whatever its verb
     (``X was blunt. "…"``, ``Asked about it, X laughed. "…"``); for a
     paragraph that is only a quote, the last sentence of the paragraph before;
   * ``continuation``: a paragraph that is only a quote, after a paragraph
     whose last quote by X was left open (no closing mark);
   * ``interview``: in an article whose title or first paragraph says it is an
     interview and names one person (the headline's person first), quotes in
     or after a numbered (or ``Q:``) question line are that person's answers;
   * ``dialogue``: a paragraph that is only a closed quote, after two
     paragraphs quoting two different people where the last was a reply or a
     question: the two take turns. Otherwise a closed quote alone in its
     paragraph continues the previous paragraph's speaker (``continuation``);
   * ``context``: a paragraph that is only a quote in the first person,
     within three paragraphs of the last named speaker and with no question
     line in between, is that speaker's.

   **People and mentions.** Every capitalised run of words in an article is
   read as a possible name (``person_of``): sentence-initial function words
   (``When``, ``Once``), compound adjectives (``Chennai-based``), possessors
   (``Ethiopia’s``), honorifics and office titles (``Transport Minister``,
   ``Deputy Mayor``) are dropped, and a run after ``the``, ``a``, ``at`` or
   ``in`` is a place or a thing. What is left is a person's name if it has at
   most four words, none of them a function word, an acronym or a number,
   and it does not end in an organisation or place word (``Partners``,
   ``Research``, ``Studio``, ``Library`` …) or contain ``&``. A bare word
   (``Krishnan``, ``Ms. Krishnan``) stands for the one full name in the same
   article that holds it, else the one in the corpus.

   **Pronouns.** ``he``/``she`` go to the person who opens the nearest earlier
   sentence that mentions a person of agreeing gender (this paragraph, then up
   to three back), else to the latest person mentioned. Mentions include the
   speakers of quotes already attributed and unnamed sources. Gender comes
   from honorifics (``Mr.``; ``Ms.``/``Mrs.``) and from a ``he``/``she``/
   ``his``/``her`` that follows a name in its sentence (not right after a
   comma: ``Tomás Ferreira, her partner``); unknown gender agrees with both.

   **Unnamed sources** are kept as written, up to an appositive comma, with
   the article lower-cased (``an analyst at Dunmore Partners``); ``the
   urbanist Nkechi Adeyemi`` is Nkechi Adeyemi, but ``a person familiar with
   Lei Jun`` is not Lei Jun. Every unnamed subject of a speech verb, quoted or
   not (``A banker involved in the process said …``), is registered, and a
   later definite reference (``the banker``, ``the senior person``) is tied to
   the latest earlier source that shares a content word with it. Quotations
   for which no rule finds a speaker are dropped: a quote without a speaker
   cannot be searched by speaker, and reporting it would only add noise.

4. **Canonical speakers** (``build_aliases``, ``canonical_speaker``). The
   corpus table maps each full name (lower-cased) to itself and each of its
   words to it, when one name holds that word, or when one name has at least
   three times as many mentions as all other holders together. A run that is
   a known name plus stray capitalised words (``Once Lei Jun``) folds into
   that name. A speaker phrase is looked up as written first (the user's
   overrides, ``Chairman Lei``), then without honorific, title and
   appositive, then a bare word through the article's own names.

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
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .errors import CorpusError
from .models import Article, Quote

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
    "described describes cautioned cautions"
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
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Madam|Mme|Mx)[.\u2024]?\s+", re.I
)
_NAME = re.compile(
    r"^[A-Z][\w'\u2019.\u2024-]*(?:\s+(?:[A-Z][\w'\u2019.\u2024-]*|de|van|von|bin|al|da)){0,4}$"
)
_WORD = re.compile(r"[\w'\u2019]+")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|me|my|we|our|us)\b")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"\u201d\u2019')]*\s+")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "co", "ltd", "corp"}
_ABBREVIATIONS |= {"vs", "etc", "no", "u.s", "u.k", "e.g", "i.e", "gen", "gov", "sen", "rep"}
_FINAL_PUNCT = ".!?\u2026:;,~)"
_EMBEDDED_END = re.compile(r"[\w%)\]]$")


_MASK = "\u2024"  # one-dot leader: looks like a full stop, ends no sentence
_TITLE_ABBREVIATIONS = frozenset(
    _wordlist("Mr Mrs Ms Mx Dr Prof Sen Rep Gov Gen Col Lt Capt Sgt Rev Jr Sr St")
)
_DOT_SPACE = re.compile(r"\.(?=[ \t])")


def mask_abbreviations(text: str) -> str:
    """Swap the dot of a title abbreviation for a look-alike, keeping every offset.

    Cue patterns and sentence splitting then read ``Ms. Krishnan`` as one name.

    >>> mask_abbreviations("said Mr. Lei.") == "said Mr\u2024 Lei."
    True
    """
    chars: list[str] | None = None
    for match in _DOT_SPACE.finditer(text):  # dots are few; look back from each
        end = match.start()
        start = end
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        if text[start:end] in _TITLE_ABBREVIATIONS and (
            start == 0 or not text[start - 1].isalnum()
        ):
            chars = chars if chars is not None else list(text)
            chars[end] = _MASK
    return text if chars is None else "".join(chars)


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
        named = _role_then_name(phrase.split(",")[0])
        if named:  # "the urbanist Nkechi Adeyemi"
            return named
        # An unnamed source keeps its wording up to an appositive comma.
        return first + phrase.split(",")[0][len(words[0]) :].rstrip()
    if first in _PRONOUNS and len(words) == 1:
        return first
    head = phrase.split(",")[0].strip()
    head = re.split(r"\s+(?:in|at|on|during|to|with|for|from|after|before|via)\s", head)[0]
    if _NAME.match(_HONORIFIC.sub("", head)) and head.lower() not in _NOT_SUBJECT:
        if _HONORIFIC.sub("", head).split()[0].lower() in _NOT_SUBJECT | _DETERMINERS:
            return None
        return head
    return _role_then_name(head)  # "Orbis co-founder Rebecca Lindqvist"


def _role_then_name(phrase: str) -> str | None:
    """The name after a lower-case role noun (``the coach Rahul Menon``), if the phrase ends so.

    >>> _role_then_name("Orbis co-founder Rebecca Lindqvist")
    'Rebecca Lindqvist'
    >>> _role_then_name("a person familiar with Lei Jun") is None
    True
    """
    words = phrase.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    name = words[k:]
    if k == 0 or not name or words[k - 1].lower() in _FUNCTION_WORDS:
        return None
    if not words[k - 1][:1].islower() or words[k - 1].endswith(","):
        return None
    honorific = _HONORIFIC.match(" ".join(name) + " ")
    if len(name) < 2 and not honorific:
        return None
    text = " ".join(name)
    return text if _NAME.match(_HONORIFIC.sub("", text)) else None


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
    bare = text.strip().rstrip(_QUOTE_CHARS).rstrip()
    if len(_words(text)) <= 12 and (not bare or bare[-1] not in _FINAL_PUNCT):
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


# --- names: people in capitalised runs ------------------------------------------------

_FUNCTION_WORDS = (
    _NOT_SUBJECT
    | _DETERMINERS
    | _PRONOUNS
    | frozenset(
        _wordlist(
            "as when while but and so then if because although after before since in on at of "
            "for to with from by my his her our their its your all no not yes also why how where "
            "whether today yesterday later meanwhile however asked outside inside once"
        )
    )
)
#: Last words that make a capitalised name an organisation, a place or a thing, not a person.
_ORG_WORDS = frozenset(
    _wordlist(
        "auto motors motor corporation corp company co inc ltd llc group holdings holding "
        "technology technologies review news times post journal daily weekly observer magazine "
        "agency bank university institute college school ministry department association council "
        "committee foundation party media press network tv radio club team league government "
        "office bureau federation union board commission court police army "
        "research partners capital securities studio studios systems labs lab ventures fund "
        "funds investments advisors advisers consulting associates solutions industries "
        "international global airlines airways energy pharma pharmaceuticals therapeutics "
        "hospital clinic library museum stadium airport station port harbour harbor street road "
        "avenue square bridge zone province county district centre center hotel restaurant "
        "marathon cup championship championships games festival awards award prize show expo "
        "summit conference forum edition plan programme program project initiative report "
        "factory plant services service software mobile store shop market exchange open"
    )
)
#: Offices and roles written before a name ("Transport Minister Amira Haddad").
_TITLE_WORDS = frozenset(
    _wordlist(
        "minister mayor deputy councillor councilor alderman chairman chairwoman chairperson "
        "chair president vice prime secretary senator governor judge justice coach professor "
        "director chief executive ceo cfo coo cto founder co-founder cofounder manager "
        "spokesman spokeswoman spokesperson officer commissioner ambassador king queen prince "
        "princess pope bishop archbishop rabbi imam cardinal captain sergeant lieutenant "
        "colonel detective inspector constable editor reporter correspondent economist analyst "
        "chancellor premier speaker representative congressman congresswoman lawmaker "
        "treasurer attorney counsel superintendent sheriff admiral commander sir dame lord lady "
        "physician doctor nurse architect author"
    )
)
_HEADLINE_WORDS = frozenset(_wordlist("interview exclusive q&a conversation full transcript"))
_GENDER_OF_HONORIFIC = {"mr": "m", "sir": "m", "ms": "f", "mrs": "f", "miss": "f", "madam": "f"}
_GENDER_OF_HONORIFIC |= {"mme": "f"}
_NAME_WORD = r"[A-Z][\w'\u2019\u2024-]*"
#: A run of capitalised words (name particles allowed inside); runs never cross a line.
_CAP_RUN = re.compile(
    _NAME_WORD
    + r"(?:[ \t]+(?:(?:de|van|von|der|den|da|di|du|del|bin|ibn|al|la|le)[ \t]+)?"
    + _NAME_WORD
    + r")*"
)
_CAP_RUN_MULTI = re.compile(
    _NAME_WORD
    + r"(?:[ \t]+(?:(?:de|van|von|der|den|da|di|du|del|bin|ibn|al|la|le)[ \t]+)?"
    + _NAME_WORD
    + r")+"
)
#: A capitalised compound adjective opening a sentence ("Twelve-year-old", "Chennai-based").
_ADJECTIVE = re.compile(r"-(?:old|based|born|bred|led|run|owned|backed|winning|made|style)$", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
#: Words right before a run that make it a thing or a place ("the Harwood Library").
_NOT_BEFORE_NAME = frozenset(_wordlist("the a an at in"))


def is_person_name(name: str) -> bool:
    """Whether a capitalised phrase reads as a person's name rather than an organisation.

    >>> is_person_name("Lei Jun"), is_person_name("Xiaomi Auto"), is_person_name("Because I")
    (True, False, False)
    >>> is_person_name("Dunmore Partners"), is_person_name("Xiaomi SU7")
    (False, False)
    """
    words = name.split()
    if not words or not _NAME.match(name) or len(words) > 4:
        return False
    for word in words:
        if word.lower() in _FUNCTION_WORDS or not any(c.islower() for c in word):
            return False
        if any(c.isdigit() for c in word):
            return False
    return words[-1].lower() not in _ORG_WORDS and not _POSSESSIVE.search(name)


@lru_cache(maxsize=8192)
def person_of(run: str) -> tuple[str, str | None] | None:
    """The person's name in a capitalised run, and the gender its honorific gives.

    Leading function words, possessors, honorifics and office titles are dropped.

    >>> person_of("Transport Minister Amira Haddad")
    ('Amira Haddad', None)
    >>> person_of("Ethiopia\u2019s Mr. Dawit Bekele")
    ('Dawit Bekele', 'm')
    >>> person_of("Meridian Freight Research") is None
    True
    """
    words = run.replace(".", _MASK).split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _POSSESSIVE.search(word):  # "Ethiopia’s Dawit Bekele": the possessor goes
            cut = i + 1
    words = words[cut:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    while words and (words[0].lower() in _FUNCTION_WORDS or _ADJECTIVE.search(words[0])):
        words.pop(0)
    while words and words[-1].lower() in _HEADLINE_WORDS:
        words.pop()
    gender = None
    start = 0
    for i, word in enumerate(words[:-1]):
        bare = word.rstrip(_MASK).lower()
        if bare in _GENDER_OF_HONORIFIC or _HONORIFIC.match(word + " "):
            gender, start = _GENDER_OF_HONORIFIC.get(bare), i + 1
        elif bare in _TITLE_WORDS:
            start = i + 1
    name = " ".join(words[start:])
    return (name, gender) if is_person_name(name) else None


def _is_heading(text: str) -> bool:
    bare = text.rstrip().rstrip(_QUOTE_CHARS)
    return not bare or bare[-1] not in _FINAL_PUNCT


def _runs(
    text: str, skip: Sequence[Candidate] = (), multi: bool = False
) -> Iterable[tuple[int, int, str, str | None]]:
    """``(start, end, name, gender)`` for each person-like capitalised run outside ``skip``.

    With ``multi``, only runs of two words or more (full names) are read.
    """
    for match in (_CAP_RUN_MULTI if multi else _CAP_RUN).finditer(text):
        start = match.start()
        if any(c.open_at <= start < c.close_at for c in skip):
            continue
        space = text.rfind(" ", 0, max(start - 1, 0))
        if text[space + 1 : start].strip() in _NOT_BEFORE_NAME:
            continue
        run = match.group()
        if run.lower() in _FUNCTION_WORDS:  # most runs are one sentence-initial word
            continue
        found = person_of(run)
        if found:
            yield start, match.end(), found[0], found[1]


def _owners(names: Iterable[str]) -> dict[str, str]:
    """Map each full name, and each word of one, to a full name where that is clear.

    ``names`` are the full-name mentions, repeats included. A name that holds
    another one plus stray capitalised words (``Once Lei Jun``, ``Lei Jun
    Chose``) is that name. A word goes to the one name holding it, or to the
    name that has at least three times as many mentions as all other holders
    together; two equal ``Li`` names leave ``Li`` unmapped.

    >>> _owners(["Lei Jun", "Lei Jun", "Lei Jun", "Lei Jobs", "Once Lei Jun"])["lei"]
    'Lei Jun'
    >>> "li" in _owners(["Li Jing", "Li Ming"])
    False
    """
    counts: dict[str, int] = {}
    for name in names:
        if " " in name:
            counts[name] = counts.get(name, 0) + 1
    table = {n.lower(): n for n in counts}
    for name in sorted(counts, key=len):
        padded = f" {name} "
        inner = [m for m in counts if m != name and f" {m} " in padded]
        if inner:
            core = min(inner, key=len)
            table[name.lower()] = table[core.lower()]
            counts[table[core.lower()]] += counts.pop(name)
    by_token: dict[str, list[str]] = {}
    for name in counts:
        for token in name.split():
            by_token.setdefault(token.lower(), []).append(name)
    for token, owners in by_token.items():
        if token in table:
            continue
        owners.sort(key=lambda n: -counts[n])
        if len(owners) == 1 or counts[owners[0]] >= 3 * sum(counts[n] for n in owners[1:]):
            table[token] = owners[0]
    return table


def build_aliases(articles: Iterable[Article]) -> dict[str, str]:
    """Map lower-cased name variants to canonical names, from one corpus.

    >>> from leisearch.models import Article, Paragraph
    >>> text = "Lei Jun said it. Later, Mr. Lei said more."
    >>> table = build_aliases([Article("a", "t", "", (Paragraph(1, text),))])
    >>> table["lei"], table["lei jun"], canonical_speaker("Mr. Lei", table)
    ('Lei Jun', 'Lei Jun', 'Lei Jun')
    """
    names: list[str] = []
    for article in articles:
        for para in article.paragraphs:
            if not _is_heading(para.text):
                text = mask_abbreviations(para.text)
                names.extend(n for _, _, n, _ in _runs(text, multi=True))
    return _owners(names)


def canonical_speaker(speaker: str, aliases: Mapping[str, str]) -> str:
    """The canonical form of a speaker phrase.

    >>> canonical_speaker("Mr. Lei", {"lei": "Lei Jun"})
    'Lei Jun'
    >>> canonical_speaker("Deputy Mayor Ruth Abernathy", {})
    'Ruth Abernathy'
    >>> canonical_speaker("a person familiar with Lei Jun", {"lei jun": "Lei Jun"})
    'a person familiar with Lei Jun'
    """
    return _canonical(speaker, aliases, {})


def _canonical(speaker: str, known: Mapping[str, str], local: Mapping[str, str]) -> str:
    speaker = speaker.replace(_MASK, ".")
    if speaker.lower() in known:  # as written, for the user's overrides ("Chairman Lei")
        return known[speaker.lower()]
    if _is_unnamed(speaker):
        return speaker
    head = speaker.split(",")[0].strip()
    found = person_of(head)
    name = found[0] if found else _HONORIFIC.sub("", head)
    if name.lower() in local:  # a surname stands for the full name used in the same article
        name = local[name.lower()]
    return known.get(name.lower(), name)


def _is_unnamed(speaker: str) -> bool:
    return speaker.split()[0].lower() in _DETERMINERS


_STOP = frozenset(_wordlist("the a an of in at on with for to from by and who is was"))


def _resolve_definite(speaker: str, sources: Sequence[str]) -> str:
    """Tie ``the senior person`` to the latest earlier unnamed source sharing a word."""
    words = set(speaker.lower().split()[1:]) - _STOP
    best, best_score = speaker, 0
    for source in sources:  # oldest first, so ties go to the latest
        score = len(words & set(source.lower().split()[1:]))
        if score >= best_score and score > 0:
            best, best_score = source, score
    return best


# --- stage 3: attribution ------------------------------------------------------------


def _next_text_cue(text: str) -> Cue | None:
    match = _DESCRIPTION.match(text)
    if match:
        speaker = clean_speaker(match.group("subj"))
        if speaker:
            return Cue(speaker, "description")
    return None


def _previous_sentence_cue(text: str, sentence_at: int, floor: int) -> Cue | None:
    """A cue in the sentence before ``sentence_at`` (``X responded that …. "…"``)."""
    if sentence_at <= floor:
        return None
    prev_start = sentence_start(text, max(sentence_at - 2, 0), floor)
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


_QUESTION_LINE = re.compile(r"^\s*(?:Q\s*\d*\s*[.:\uff1a)]|\d{1,3}\s*[.)\u3001:\uff1a])")
_INTERVIEW = re.compile(r"\binterview|\bQ\s*&\s*A\b|\bconversation with\b", re.IGNORECASE)
_GENDER_WORD = re.compile(r"(?<!, )\b(he|she|his|her)\b")
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_FIRST_WORDS = re.compile(r"\s*((?:[A-Z][\w\u2024'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*)")
_UNNAMED_SUBJECT = re.compile(
    r"(?P<subj>(?:A|An|Another|One|Two|Three|Several|Some)\s+[^.!?;:\"\u201c\u201d\n]{1,160}?)"
    + _ADVS
    + r"\s+(?:"
    + _VERB
    + r")\b"
)


@dataclass(frozen=True, slots=True)
class _Mention:
    """A person mentioned at ``at`` in paragraph ``index`` (``name`` is canonical)."""

    index: int
    at: int
    name: str


_TURN_CUES = frozenset(
    _wordlist("replied replies responded answered retorted countered asked dialogue")
)


@dataclass(frozen=True, slots=True)
class _Last:
    """The last quotation of a paragraph: its speaker, whether its quote was closed, and
    whether the paragraph reads as a turn in a conversation (a reply or a question)."""

    speaker: str
    closed: bool
    turn: bool


class _Reader:
    """One article read for attribution: its people, their mentions and genders."""

    def __init__(self, article: Article, known: Mapping[str, str]) -> None:
        self.known = known
        self._starts: dict[int, list[int]] = {}
        self.texts = [mask_abbreviations(p.text) for p in article.paragraphs]
        self.labelled = [label_candidates(t) for t in self.texts]
        runs = [
            list(_runs(t, [c for c, _, _, _ in lab]))
            for t, lab in zip(self.texts, self.labelled, strict=True)
        ]
        learn = [r for t, r in zip(self.texts, runs, strict=True) if not _is_heading(t)]
        self.local = _owners(n for r in learn for _, _, n, _ in r)
        # Single names used as speakers are people even without a full name.
        self.singles = {
            cue.speaker.replace(_MASK, ".")
            for lab in self.labelled
            for _, _, cue, _ in lab
            if cue and " " not in cue.speaker and cue.speaker[0].isupper()
        }
        self.mentions: list[list[_Mention]] = []
        self.unnamed: set[tuple[int, int]] = set()
        votes: dict[str, list[str]] = {}
        for index, (text, found) in enumerate(zip(self.texts, runs, strict=True)):
            mentions = []
            for pos, (start, end, name, gender) in enumerate(found):
                person = self.person(name)
                if person is None:
                    continue
                mentions.append(_Mention(index, start, person))
                if gender:
                    votes.setdefault(person, []).extend([gender] * 3)
                limit = found[pos + 1][0] if pos + 1 < len(found) else len(text)
                limit = min(limit, _next_sentence_end(text, end))
                word = _GENDER_WORD.search(text, end, limit)
                if word:
                    votes.setdefault(person, []).append(_PRONOUN_GENDER[word.group(1)])
            mentions.extend(self._unnamed_subjects(index, text))
            self.mentions.append(sorted(mentions, key=lambda m: m.at))
        self.gender: dict[str, str] = {}
        for person, genders in votes.items():
            males, females = genders.count("m"), genders.count("f")
            if males > 2 * females:
                self.gender[person] = "m"
            elif females > 2 * males:
                self.gender[person] = "f"

    def _unnamed_subjects(self, index: int, text: str) -> list[_Mention]:
        """Unnamed sources that open a sentence with a speech verb (``A banker said …``)."""
        found = []
        quotes = [c for c, _, _, _ in self.labelled[index]]
        for start in self.sentence_starts(index):
            if start >= len(text) or text[start] not in "AOTS" or not text[start].isupper():
                continue
            if any(c.open_at <= start < c.close_at for c in quotes):
                continue
            match = _UNNAMED_SUBJECT.match(text, start)
            if match:
                speaker = clean_speaker(match.group("subj"))
                if speaker and _is_unnamed(speaker):
                    self.unnamed.add((index, start))
                    found.append(_Mention(index, start, self.canonical(speaker)))
        return found

    def sentence_starts(self, index: int) -> list[int]:
        if index not in self._starts:
            self._starts[index] = self._sentence_starts(self.texts[index])
        return self._starts[index]

    @staticmethod
    def _sentence_starts(text: str) -> list[int]:
        starts = [0]
        for match in _SENTENCE_END.finditer(text):
            word = text[text.rfind(" ", 0, match.start()) + 1 : match.start()]
            if word.lower().strip("\"'\u201c\u201d(") not in _ABBREVIATIONS:
                starts.append(match.end())
        return starts

    def person(self, name: str) -> str | None:
        """The canonical person a name stands for here, or ``None`` if it is no known person."""
        name = name.replace(_MASK, ".")
        if " " in name:
            return self.known.get(name.lower(), name)
        full = self.local.get(name.lower()) or self.known.get(name.lower())
        if full and " " in full:
            return self.known.get(full.lower(), full)
        return name if name in self.singles else None

    def canonical(self, speaker: str) -> str:
        return _canonical(speaker, self.known, self.local)

    def add(self, mention: _Mention, unnamed: bool) -> None:
        self.mentions[mention.index].append(mention)
        self.mentions[mention.index].sort(key=lambda m: m.at)
        if unnamed:
            self.unnamed.add((mention.index, mention.at))

    def pronoun(self, pronoun: str, index: int, at: int) -> str | None:
        """He or she: the subject of the nearest earlier sentence with a person who agrees."""
        want = _PRONOUN_GENDER.get(pronoun.lower())
        fallback = None
        for back in range(index, max(index - 4, -1), -1):
            mentions = [m for m in self.mentions[back] if back < index or m.at < at]
            if not mentions:
                continue
            starts = self.sentence_starts(back)
            by_sentence: dict[int, list[_Mention]] = {}
            for mention in mentions:
                by_sentence.setdefault(bisect_right(starts, mention.at), []).append(mention)
            for sentence in sorted(by_sentence, reverse=True):
                group = by_sentence[sentence]
                fallback = fallback or group[-1].name
                for mention in group:
                    if self.gender.get(mention.name, want) == want:
                        return mention.name
        return fallback

    def subject(self, index: int, start: int, end: int) -> str | None:
        """The person opening the sentence ``texts[index][start:end]``, if one does."""
        text = self.texts[index]
        pronoun = re.match(r"\s*(He|She)\b", text[start:end])
        if pronoun:
            return self.pronoun(pronoun.group(1), index, start)
        mentions = [m for m in self.mentions[index] if start <= m.at < end]
        if not mentions:
            return None
        first = mentions[0]
        prefix = _LEADING.sub("", text[start : first.at].lstrip()).strip()
        if not prefix or prefix.endswith(","):  # "Outside afterwards, Kline sounded softer."
            return first.name
        return None

    def sources(self, index: int, at: int) -> list[str]:
        """Unnamed sources before ``at`` in paragraph ``index``, oldest first."""
        return [
            m.name
            for i in range(index + 1)
            for m in self.mentions[i]
            if (i, m.at) in self.unnamed and (i < index or m.at < at)
        ]

    def settle(self, speaker: str, index: int, at: int) -> str | None:
        """Resolve a pronoun or a definite back-reference, then canonicalise."""
        if speaker.lower() in _PRONOUNS:
            resolved = self.pronoun(speaker, index, at)
            return None if resolved is None else self.canonical(resolved)
        if speaker.lower().startswith("the "):
            sources = self.sources(index, at)
            if sources:
                speaker = _resolve_definite(speaker.lower(), sources)
        return self.canonical(speaker)

    def colon_cue(self, text: str, ctx: Context) -> Cue | None:
        """``X talked about it when joking: "…"``: the sentence's subject, if a person."""
        if not ctx.before.rstrip().endswith(":"):
            return None
        before = text[sentence_start(text, ctx.sentence_at) : ctx.sentence_at] + ctx.before
        first = re.match(r"\s*([Hh]e|[Ss]he)\b", before) or _FIRST_WORDS.match(before)
        if first:
            name = first.group(1)
            if name.lower() in _PRONOUNS:
                return Cue(name, "colon")
            found = person_of(name)
            if found and self.person(found[0]):
                return Cue(name, "colon")
        return None

    def interviewee(self, article: Article) -> str | None:
        """In an interview, the one person the headline (else the first paragraph) names."""
        heads = [article.title, article.paragraphs[0].text if article.paragraphs else ""]
        if not any(_INTERVIEW.search(h) for h in heads):
            return None
        for head in heads:
            names = {self.person(n) for _, _, n, _ in _runs(mask_abbreviations(head))}
            names.discard(None)
            if len(names) == 1:
                return names.pop()
        return None


def extract_quotes(article: Article, aliases: Mapping[str, str] | None = None) -> list[Quote]:
    """Every attributed direct quotation in ``article``, in reading order."""
    # A corpus-wide table (with the user's overrides) already holds this
    # article's names; on its own, an article gets a table of its own.
    known = {k.lower(): v for k, v in aliases.items()} if aliases else build_aliases([article])
    reader = _Reader(article, known)
    interviewee = reader.interviewee(article)
    paragraphs = article.paragraphs
    quotes: list[Quote] = []
    last: dict[int, _Last] = {}  # paragraph index -> its last quotation
    last_named: tuple[int, str] | None = None
    last_question = -1
    for index, para in enumerate(paragraphs):
        text = reader.texts[index]
        if _QUESTION_LINE.match(text):
            last_question = index
        prev: tuple[Candidate, str] | None = None  # the last quotation in this paragraph
        for cand, ctx, cue, label in reader.labelled[index]:
            if label != "speech":
                continue
            speaker, cue_name = _attribute(
                reader, index, text, cand, ctx, cue, prev, last, interviewee, last_question
            )
            if (  # a first-person paragraph near a named speaker, not across a question
                speaker is None
                and last_named
                and ctx.whole
                and last_question < last_named[0] >= index - 3
                and _FIRST_PERSON.search(text[cand.start : cand.end])
            ):
                speaker, cue_name = last_named[1], "context"
            if speaker is None:
                continue
            unnamed = _is_unnamed(speaker)
            if not unnamed:
                last_named = (index, speaker)
            reader.add(_Mention(index, cand.open_at, speaker), unnamed)
            prev = (cand, speaker)
            quoted = text[cand.start : cand.end]
            turn = cue_name in _TURN_CUES or quoted.rstrip(_QUOTE_CHARS + " ").endswith("?")
            if index in last:
                turn = turn or last[index].turn
            last[index] = _Last(speaker, cand.closed, turn)
            quotes.append(
                Quote(
                    article.id,
                    article.title,
                    para.number,
                    para.text[cand.start : cand.end],
                    cand.start,
                    cand.end,
                    speaker,
                    cue_name,
                )
            )
    return quotes


def _attribute(
    reader: _Reader,
    index: int,
    text: str,
    cand: Candidate,
    ctx: Context,
    cue: Cue | None,
    prev: tuple[Candidate, str] | None,
    last: Mapping[int, _Last],
    interviewee: str | None,
    last_question: int,
) -> tuple[str | None, str]:
    """The speaker of one speech candidate and the rule that found it (see the module doc)."""
    quoted = text[cand.start : cand.end]
    cue = cue or reader.colon_cue(text, ctx) or _next_text_cue(ctx.after.lstrip(' ,.\u201d"'))
    if cue is None and ctx.whole and index + 1 < len(reader.texts):
        cue = _next_text_cue(reader.texts[index + 1])
    if cue is not None:
        return reader.settle(cue.speaker, index, cand.open_at), cue.cue
    if ctx.before.strip():
        return None, ""
    floor = prev[0].close_at + 1 if prev else 0
    if (
        prev
        and sentence_start(text, max(ctx.sentence_at - 1, floor), floor) == floor
        and all(m.name == prev[1] for m in reader.mentions[index] if floor <= m.at < cand.open_at)
    ):
        return prev[1], "same speaker"  # only the previous quote's attribution in between
    cue = _previous_sentence_cue(text, ctx.sentence_at, floor)
    if cue is not None:
        return reader.settle(cue.speaker, index, cand.open_at), cue.cue
    if ctx.sentence_at > floor:
        start = sentence_start(text, ctx.sentence_at - 1, floor)
        subject = reader.subject(index, start, ctx.sentence_at)
        if subject:
            return reader.canonical(subject), "subject"
    before = last.get(index - 1)
    if ctx.whole and before and not before.closed:
        return before.speaker, "continuation"
    if interviewee and 0 <= last_question <= index:
        return interviewee, "interview"
    if not ctx.whole:
        return None, ""
    turn = before is not None and (before.turn or quoted.rstrip(_QUOTE_CHARS).endswith("?"))
    if before and turn and index - 2 in last and last[index - 2].speaker != before.speaker:
        return last[index - 2].speaker, "dialogue"  # two people take turns
    if index > 0 and index - 1 not in last:
        starts = reader.sentence_starts(index - 1)
        subject = reader.subject(index - 1, starts[-1], len(reader.texts[index - 1]))
        if subject:
            return reader.canonical(subject), "subject"
    if before:
        return before.speaker, "continuation"
    return None, ""


_VERB_RE = re.compile(r"\b(?:" + _VERB + r")\b")


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
