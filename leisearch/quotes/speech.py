"""Quotation stage 2: whether a quoted span is speech, and the context around it.

2. **Classification** (``classify``). A candidate is speech unless a rule says
   it is something else, in this order:

   ``word``
       fewer than two words (``"Focus"``, ``"involution"``), or fewer than
       three without a speech cue next to it;
   ``heading``
       the quote sits in a short paragraph (at most 12 words) with no final
       punctuation: a section heading or a headline that quotes a phrase;
   ``title``
       capitalised words (one to eight, no final punctuation but a comma) right
       after a named possessor, ``told`` or ``known as``, cue or not: a show, a
       book, a nickname (``on ABC's "This Week," Roe said``, ``told "Fox and
       Friends,"``, ``known as "Guccifer,"``); or any quote right after a title
       noun (``book``, ``film``, ``song``, ``report``, ``titled``, ``called`` …),
       even when a speech cue is near: in ``In her book "A", she wrote: "B"`` the
       cue is B's;
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

from .cues import VERB, Cue, blank_parentheses, cue_after, cue_before, cue_later
from .names import NICKNAME
from .sentences import mask_abbreviations, next_sentence_end, sentence_start
from .spans import Candidate, find_candidates
from .words import FINAL_PUNCT, QUOTE_CHARS, TITLE_NOUNS, TITLE_SMALL_WORDS

WORD = re.compile(r"[\w'\u2019]+")


_EMBEDDED_END = re.compile(r"[\w%)\]]$")


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


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


def _is_title_case(quoted: str) -> bool:
    words = words_of(quoted)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return 2 <= len(words) <= 8 and all(w[0].isupper() or w[0].isdigit() for w in content)


_AFTER_PREPOSITION = re.compile(
    r"(?:^|\s)(?:in|of|from|on|at|by|for|about|like|than|into|the|his|her|their|its|our|my|your)$",
    re.IGNORECASE,
)


_TITLE_NOUN = re.compile(r"\b(?:" + "|".join(TITLE_NOUNS) + r")\s*$", re.IGNORECASE)
#: What a show, a book or a nickname comes right after, cue or not: a named possessor
#: (ABC's "This Week"; not "It's"), "told" (told "Good Morning America"), "known as".
_POSSESSOR = re.compile(r"\b([A-Z][\w.&-]*)['\u2019]s\s*$")
_NAMED_BY = re.compile(r"\b(?:told|known\s+as|dubbed|nicknamed)\s*$", re.IGNORECASE)
#: Capitalised words before 's that are a contraction, not a possessor.
_CONTRACTED = frozenset(
    ["it", "that", "he", "she", "there", "here", "what", "who", "let", "where", "how", "this"]
)


def _name_after(before: str) -> bool:
    """Whether a quote right after ``before`` would be a name (``_POSSESSOR``, ``_NAMED_BY``)."""
    owner = _POSSESSOR.search(before)
    if owner is not None:
        return owner.group(1).lower() not in _CONTRACTED
    return _NAMED_BY.search(before) is not None


def _is_capitalised(quoted: str) -> bool:
    """One to eight words, each capitalised (small words aside), and no final punctuation
    but a comma: the name of a show, a book or a person (``"Fox and Friends,"``)."""
    words = words_of(quoted)
    bare = quoted.rstrip().rstrip(",")
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return (
        0 < len(words) <= 8
        and bool(content)
        and all(w[0].isupper() or w[0].isdigit() for w in content)
        and bare[-1:] not in FINAL_PUNCT
    )


#: A quotation's attribution as a sentence that ends right before the next quote mark
#: (``"…," Ekwueme said afterwards. "``): a closing mark, a few words with a speech
#: verb, a full stop.
_ATTRIBUTION_SENTENCE = re.compile(
    # (the closing mark, or a nested quote's and the outer one's, after the quotation's own
    # punctuation: not an apostrophe, as in "the workers' union said.")
    r"[,.!?\u2026][\u201d\"\u2019'\u00bb\u00ab]{1,2}\s+"
    rf"[^{QUOTE_CHARS}.!?]{{0,60}}?\b(?:{VERB})\b[^{QUOTE_CHARS}.!?]{{0,40}}\.\s*$"
)


#: A word of letters, maybe with an apostrophe inside and a comma after it.
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?[,;]?")


def _sentence_after_attribution(text: str, cand: Candidate) -> bool:
    """Whether a quote of a sentence (a capital, a full stop) opens right after the
    attribution of the quote before it (``"…," she told me. "Circumstances changed."``):
    the same speaker's words, however short, where two words alone are no speech."""
    quoted = text[cand.start : cand.end].strip()
    return (
        quoted[:1].isupper()
        and quoted[-1:] in ".!?"
        # words, not a title's number ("Jaws 2."): "We're hopeful.", "So, who?"
        and all(_PLAIN_WORD.fullmatch(word) for word in quoted.rstrip(".!?").split())
        and _ATTRIBUTION_SENTENCE.search(text, max(0, cand.open_at - 120), cand.open_at) is not None
    )


#: A sentence going on after a quote, in lower case (`` had become routine``).
_RUNS_ON = re.compile(r"[ \t]+[a-z]")


def classify(text: str, cand: Candidate, ctx: Context, cue: Cue | None) -> str:
    """``speech``, or why the candidate is not speech (stage 2).

    The reasons are ``word``, ``heading``, ``fragment`` and ``title``; see the
    module docstring for the rules.
    """
    quoted = text[cand.start : cand.end]
    if _is_capitalised(quoted) and _name_after(ctx.before):
        return "title"  # ABC's "This Week," said Roe: a show, however near the cue
    n_words = len(words_of(quoted))
    has_cue = cue is not None
    # One word is speech only with a cue after it ('"Scam," said Roe'); a partial quote
    # right after a verb ('Roe said "nobody saw it"') needs three.
    if n_words < 2 and not (
        cue is not None and cue.how == "after" and quoted.rstrip()[-1:] in ",.!?"
    ):  # not a nickname ('Dale "Moose" Kowalski said')
        return "word"
    if (
        n_words < 3
        and (not has_cue or (cue is not None and cue.how == "bare"))
        and not (n_words == 2 and _sentence_after_attribution(text, cand))
    ):
        return "word"
    if (
        n_words < 3
        and quoted.rstrip()[-1:] not in FINAL_PUNCT + ",;:"
        and _RUNS_ON.match(ctx.after)
    ):
        # 'Doctors warned that "corridor care" had become routine': a term in the
        # sentence that goes on after it, whatever cue is before it
        return "word"
    # A heading is short, and names no speaker ('"This is fine," said Mary Jones' is a
    # line of speech without its full stop): the length test first spares long
    # paragraphs the word count.
    if not has_cue and len(text) <= 200 and len(words_of(text)) <= 12:
        bare = text.strip().rstrip(QUOTE_CHARS).rstrip()
        if not bare or bare[-1] not in FINAL_PUNCT:
            return "heading"
    before = ctx.before.rstrip()
    if _TITLE_NOUN.search(before):  # a book or film named right before any cue
        return "title"
    if before and _EMBEDDED_END.search(before) and not has_cue:
        return "fragment"
    if _AFTER_PREPOSITION.search(before):  # 'In "The Quiet Year", X writes': a name, not speech
        return "fragment"
    if not has_cue and _is_title_case(quoted) and quoted.rstrip()[-1:] not in FINAL_PUNCT:
        return "title"
    return "speech"


def _is_nickname(text: str, cand: Candidate) -> bool:
    """Whether a quoted span is a nickname inside a name (``Elvis "Coco" Griffith``), as
    ``names.NICKNAME`` reads one."""
    word = text.rfind(" ", 0, max(cand.open_at - 1, 0)) + 1
    found = NICKNAME.match(text, word)
    return found is not None and found.end(2) == cand.close_at + 1


def label_candidates(text: str) -> list[tuple[Candidate, Context, Cue | None, str]]:
    """Stages 1 and 2 on one paragraph: each candidate, its context, adjacent cue and label.

    >>> [(text[c.start : c.end], label) for text in ['The "sea of stars" grew.']
    ...  for c, _, _, label in label_candidates(text)]
    [('sea of stars', 'fragment')]
    """
    cands = find_candidates(text)
    text = mask_abbreviations(text)
    labelled = []
    # (a context runs past a nickname inside a name: 'said vendor Elvis "Coco" Griffith')
    opens = [c.open_at for c in cands if not _is_nickname(text, c)]
    for pos, cand in enumerate(cands):
        prev_end = cands[pos - 1].close_at + 1 if pos else 0
        later = bisect_right(opens, cand.open_at)
        next_open = opens[later] if later < len(opens) else len(text)
        ctx = context_of(text, cand, prev_end, next_open)
        cue = cue_before(blank_parentheses(ctx.before))
        if cue is None:
            cue = cue_after(blank_parentheses(ctx.after))
            if cue is not None and _reports_more(text, cand, ctx.after, cue):
                cue = None
        if cue is None and not ctx.before.strip():
            cue = cue_later(blank_parentheses(ctx.after))
        labelled.append((cand, ctx, cue, classify(text, cand, ctx, cue)))
    return labelled


#: After a cue's verb: what it said, in words of its own (``said the campaign has yet to``).
_REPORTED_CLAUSE = re.compile(
    r"\s+(?:that|he|she|they|it|we|the|his|her|their|its)\s+(?:[\w'\u2019-]+\s+){3}"
)


#: The verbs whose object is what was said, not who heard it (``told``, ``asked``).
_REPORTING_VERBS = frozenset(
    {"said", "says", "added", "adds", "wrote", "writes", "noted", "argued", "explained"}
)
_AND_AFTER = re.compile(r"[\u201d\u2019\"']?\s*,?\s+and\s")


def _reports_more(text: str, cand: Candidate, after: str, cue: Cue) -> bool:
    """Whether a cue after a quote that ends its sentence opens a sentence of reported
    speech of its own (``"We want it." Steve Adler, its owner, said the campaign has yet
    to follow up``): the quote is not what that cue reports."""
    # (after a quote that ends its sentence, or after "and": '"…", and Cricket Australia
    # said the first two days were sold out')
    if cue.cue not in _REPORTING_VERBS:
        return False  # ("Ann Roe told the Irish Times on Monday": a listener, not a clause)
    if text[cand.start : cand.end].rstrip()[-1:] != "." and not _AND_AFTER.match(after):
        return False
    verb = re.search(r"\b" + re.escape(cue.cue) + r"\b", after)
    return verb is not None and _REPORTED_CLAUSE.match(after, verb.end()) is not None
