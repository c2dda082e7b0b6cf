"""Interviews and transcripts: question and answer lines, and speaker labels.

An interview's question lines (``Q:``, ``3.``) and answer lines (``A: …``), and
the turns of a transcript (``VAN DER BERG: …``), which attribution reads as the
words of the person they name (see ``attribution``). An answer or a turn is
its words whether or not the article also put them in quote marks
(``A: "Without doubt."``): like every quotation, it is given without the outer
marks (``inside_marks``), but a quote that is only part of it stays in it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .names import HONORIFIC, person_of
from .spans import find_candidates
from .words import NOT_SPEAKER_LABELS, PARTICLES

#: A question line of an interview: "Q:", "Q1.", "3." (not "1.5 million people …").
QUESTION_LINE = re.compile(r"^\s*(?:Q\s*\d*\s*[.:\uff1a)]|\d{1,3}\s*[.)\u3001:\uff1a](?!\d))")
#: An answer in a Q&A (``A: …``), after a question line.
ANSWER_LINE = re.compile(r"^\s*A\s*[:\uff1a]\s+(?=\S)")


#: A transcript label opening a paragraph: ``VAN DER BERG:``, ``Sayed:``, ``Siobhán Ní
#: Bhriain:``; a parliament's adds the seat and the party (``Rachel Tomlinson (Bradford
#: South) (Lab):``), or gives an office and the name after it (``The Minister for Housing
#: (Dame Eleanor Whitcombe):``).
_SPEAKER_LABEL = re.compile(
    r"^(?:(?P<office>[A-Z][^():\n]{2,80}?)[ \t]+\((?P<holder>[^()\n]{3,60})\)"
    r"|(?P<label>[A-Z][^\W\d_\u2019\u2024'.-]*(?:[\u2019\u2024'.-][^\W\d_]*)*(?:[ \t]+"
    r"(?:[A-Z\u00c0-\u00de][\w\u2019\u2024'.-]*|" + PARTICLES + r")){0,3})"
    r"(?:[ \t]*\([^()\n]{1,40}\)){0,2}):[ \t]+(?=\S)"
)


#: A turn that reads as speech has a word of letters (not "Sanders: 46.").
_WORD_OF_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _person_like(label: str) -> bool:
    """Whether a transcript label may be a speaker: a transcript's capitals (``FALLIN``)
    or a person's name, and no page heading (``Update``, ``Editor's note``)."""
    first = label.split()[0].lower().rstrip("'\u2019s")
    if label.lower() in NOT_SPEAKER_LABELS or first in NOT_SPEAKER_LABELS:
        return False
    return label.isupper() or person_of(label) is not None or HONORIFIC.match(label) is not None


def transcript_turns(texts: Sequence[str]) -> dict[int, tuple[int, str]]:
    """Paragraphs of a transcript: ``{index: (where the words start, speaker label)}``.

    A paragraph that opens with an ALL-CAPS or Title-Case label and a colon
    (``VAN DER BERG: …``) is a turn, but only in an article where at least two
    labels each open two paragraphs or more (or one, between question lines: below);
    one ``Update:`` line is no transcript.
    The label must read as a person (capitals, or a name; never a heading such as
    ``Update``), and the turn as speech (a word of letters, not ``46.``).

    >>> transcript_turns(["KIM: Hi.", "LEE: Hello.", "KIM: Well?", "LEE: Yes."])[1]
    (5, 'LEE')
    >>> transcript_turns(["Note: one.", "Update: two."])
    {}

    In an interview whose questions are lines of their own (``Q: …``), one label is
    enough, if the article names it elsewhere: its paragraphs right after a question
    (or after another of its answer's) are turns.

    >>> transcript_turns(["We met Ann Roe.", "Q: Why?", "Roe: Cost.", "Q: When?", "Roe: May."])
    {2: (5, 'Roe'), 4: (5, 'Roe')}
    """
    found: dict[int, tuple[int, str]] = {}
    others: dict[int, str] = {}  # labels that name no one (``Courier:``, the interviewer)
    for index, text in enumerate(texts):
        match = _SPEAKER_LABEL.match(text)
        if not match:
            continue
        label = " ".join(_label_of(match).split())
        if len(label.replace(" ", "")) < 2 or not _WORD_OF_LETTERS.search(text, match.end()):
            continue
        if _person_like(label):
            found[index] = (match.end(), label)
        elif label.lower() not in NOT_SPEAKER_LABELS:
            others[index] = label
    # One person's labels count together (``Kavya N. Hegde:`` first, ``Hegde:`` after).
    person = _people_of({label for _, label in found.values()})
    counts: dict[str, int] = {}
    for _, label in found.values():
        counts[person[label]] = counts.get(person[label], 0) + 1
    labels = {label for label, n in counts.items() if n >= 2}
    # An interview whose questions are lines of their own (``Q: …``, or an interviewer's
    # label that names no one, ``Courier: …``, twice or more) labels only its answers
    # (``De la Cruz: …``): one label is enough there, each turn after a question, if it
    # names someone the article names elsewhere (not "Tip:" in a recipe's steps).
    asking = {label for label, n in Counter(others.values()).items() if n >= 2}
    questions = {i for i, text in enumerate(texts) if _asks(text) or others.get(i) in asking}
    if len(labels) == 1 and len(questions) >= 2:
        (label,) = labels
        if not _named_elsewhere(label, texts, found):
            return {}
        return {
            i: turn
            for i, turn in found.items()
            if person[turn[1]] == label and _after_question(i, questions, found)
        }
    if len(labels) < 2:
        return {}
    # A transcript: every turn of a person's label, though they speak once (``Mr Speaker:``)
    return {i: turn for i, turn in found.items() if person[turn[1]] in labels or _full(turn[1])}


def _label_of(match: re.Match[str]) -> str:
    """The speaker a label names: the name, or the holder of the office it gives."""
    return match.group("label") or match.group("holder")


def _people_of(labels: set[str]) -> dict[str, str]:
    """Each label with the shortest of the labels that end as it does, word for word
    (``Kavya N. Hegde`` and ``Hegde`` are one person's; ``Dame Eleanor Whitcombe`` and
    ``Eleanor Whitcombe`` too).

    >>> _people_of({"Kavya N. Hegde", "Hegde", "Lee"})["Kavya N. Hegde"]
    'Hegde'
    """
    words = {label: label.lower().split() for label in labels}
    person = {}
    for label, these in words.items():
        shorter = [
            other for other, those in words.items() if these[len(these) - len(those) :] == those
        ]
        person[label] = min(shorter, key=lambda other: len(words[other]))
    return person


def _full(label: str) -> bool:
    """Whether a label is a full name, or a title and a name (``Mr Speaker``)."""
    found = person_of(label)
    return (found is not None and " " in found[0]) or HONORIFIC.match(label) is not None


def _asks(text: str) -> bool:
    """Whether a paragraph is an interview's question line, for one label's turns: a
    ``QUESTION_LINE`` that is ``Q:``, or a numbered one that asks (``3. Why now?``; not
    a list's ``3. Mix the flour.``)."""
    return QUESTION_LINE.match(text) is not None and (
        text.lstrip()[:1] in "Qq" or text.rstrip().endswith("?")
    )


def _named_elsewhere(label: str, texts: Sequence[str], turns: dict[int, tuple[int, str]]) -> bool:
    """Whether the article names ``label`` in a paragraph that is no turn of it, as a
    name's end (``María de la Cruz has led …`` for ``De la Cruz``)."""
    bare = HONORIFIC.sub("", label)  # ("MR. SMITH" is the Nathaniel Smith of the text)
    name = re.compile(rf"\b{re.escape(bare)}\b", re.IGNORECASE)
    return any(name.search(text) for i, text in enumerate(texts) if i not in turns)


def _after_question(index: int, questions: set[int], turns: dict[int, tuple[int, str]]) -> bool:
    """Whether a question line comes before paragraph ``index``, with only turns of
    the answer between them (an answer of several paragraphs)."""
    at = index - 1
    while at in turns:
        at -= 1
    return at in questions


def inside_marks(text: str, start: int) -> tuple[int, int]:
    """Where the words of an answer or a turn that runs from ``start`` to the end of
    ``text`` lie: inside its quote marks when one quote is all of it, else all of it.

    >>> text = 'A: "Without doubt. Ask anyone."'
    >>> text[slice(*inside_marks(text, 3))]
    'Without doubt. Ask anyone.'
    >>> text = 'A: "Scam" is the word for it.'
    >>> text[slice(*inside_marks(text, 3))]
    '"Scam" is the word for it.'
    """
    end = len(text.rstrip())
    words = text[start:end]
    found = find_candidates(words)
    # One span from the first character to the last, or one left open from the first.
    if len(found) == 1 and found[0].open_at == 0 and found[0].close_at >= len(words) - 1:
        return start + found[0].start, start + found[0].end
    return start, end
