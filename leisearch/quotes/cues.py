"""Speech cues next to a quotation: ``X said:``, ``"…," said X``, ``according to X``.

The speech verbs are in ``words``; a cue yields the speaker phrase as written
(``Cue.speaker``), which ``phrases`` cleans and ``attribution`` resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import NICKNAME, person_of
from .phrases import clean_speaker, is_unnamed, role_then_name
from .words import PARTICIPLES, QUOTE_CHARS, SIGNS, SPEECH_PHRASES, SPEECH_VERBS, wordlist

VERB = r"(?:" + SPEECH_PHRASES + "|" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + ")"


#: Adverbs and auxiliaries between a subject and its verb (``also``, ``quickly``, ``has``);
#: not the nouns that end in -ly (``the Gunn family said``, ``the assembly said``).
ADVS = (
    r"(?:\s+(?:also|once|then|later|again|further|finally"
    r"|(?!(?:family|families|assembly|ally|rally|supply|reply|anomaly|monopoly|italy|daily"
    r"|weekly|monthly|quarterly|fortnightly)\b)"
    r"[a-z]+ly|has|had|have|would|will"
    r"|(?:hopes|hoped|wants|wanted|went on|continued|tried|was quick) to))*"
)


_NO_PUNCT = r"[^,:;.!?\u201c\u201d\"\n]"


_CUE_BEFORE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{0,160}?)" + ADVS + r"\s+(?P<verb>" + VERB + r")"
    r"(?:\s*[,:]|\s+that|\s+with|\s+(?:\w+\s+){0,3}?that|\s+" + _NO_PUNCT + r"{1,80}[,:])\s*$"
)
#: ``X said in the spring, when the story broke, "…"``: a clause between, with its commas
#: (tried only when no nearer cue matched).
_CUE_BEFORE_CLAUSE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{0,160}?)" + ADVS + r"\s+(?P<verb>" + VERB + r")"
    r"\s+" + _NO_PUNCT + r"{1,60}(?:,[ \t]+" + _NO_PUNCT + r"{1,80}){1,2},\s*$"
)


_ASKED_BY = re.compile(r"\basked by (?P<subj>" + _NO_PUNCT + r"{1,80}?)\s*(?:whether|if|,|:)\s*$")


_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<subj>" + _NO_PUNCT + r"{1,100}?)\s*[,:]\s*$")


_CUE_AFTER_INVERTED = re.compile(
    r"^\s*[,.!?]?[\u201d\u2019\"]?\s*(?P<verb>" + VERB + r")\s+(?P<subj>" + _NO_PUNCT + r"{1,160})"
)


#: Inside an appositive: anything but a clause's end (a dot only inside ``U.S.-based``).
_APPOSITIVE_CHAR = r"(?:[^,:;.!?\u201c\u201d\"\n]|\.(?=\S))"
#: ``"…," X said``, ``"…," X, prosecuting, told the court`` and appositives of several
#: commas (``"…," Harry Bond, 30, of Raleigh, N.C., who was polled, said``).
_CUE_AFTER = re.compile(
    r"^\s*[,.!?]?\s*(?P<subj>"
    + _NO_PUNCT
    + r"{1,160}?)(?P<appos>(?:,[ \t]+"
    + _APPOSITIVE_CHAR
    + r"{1,160}){1,4},)?"
    + ADVS
    + r"\s+(?P<verb>"
    + VERB
    + r")\b"
)
#: After an inverted cue's verb, a clause of reported speech, not a speaker: a verb of
#: its own before any relative pronoun or conjunction (``said the hardest word was``; not
#: ``said the woman who runs the bakery``, ``said Tom Baker after he was sworn in``).
_CLAUSE_AFTER_SAID = re.compile(
    r"(?:(?!\b(?:who|that|which|whose|after|as|when|while|before|since|if|because|until"
    r"|once|where)\b)[^,;:])*?\b(?:was|is|were|are|had|has|would|will|could)\b"
)
#: A role of someone else's, inside an appositive (``a cousin of singer Tom Reed``).
_OF_SOMEONE = re.compile(r"\b(?:of|for|to|with|from)\b")
#: Someone's relative or role, before an appositive that names them (``Hale's niece``).
_SOMEONES = re.compile(r"[A-Z][\w.-]*['\u2019]s?[ \t]+[a-z][\w -]*$")
#: When a cue's sentence happened, before the speaker (``On Monday, the mayor, X,``).
_WHEN = re.compile(
    r"(?:On|At|By|In|Later|Earlier|Then|Afterwards|Meanwhile)\b(?:[ \t]+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+day|the[ \t]+\w+"
    r"|[A-Z][a-z]+[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]+))?$"
)
#: What a cue's sentence is about, before the speaker (``Of Carson, Levine said``).
_TOPIC = re.compile(r"(?:Of|About|Regarding|As for|Asked about)\s")
#: A parenthesis inside a cue (``Sen. Chris Murphy (D-Conn.) said``), blanked before reading.
_PARENTHESIS = re.compile(r"\([^()\n\u201c\u201d\"]{1,60}\)")
#: An aside between two dashes that opens with a lower-case word (``X — no relation, she
#: insists — said``, ``X -- a nurse for 30 years -- said``): a parenthesis too. One that
#: opens with a capital may be the name itself (``the winner — Jane Roe — said``) and stays.
_DASH = r"(?:[\u2014\u2013]|--)"
_DASH_ASIDE = re.compile(
    r"[ \t]*" + _DASH + r"[ \t]*(?=[a-z])(?:(?!--)[^\u2014\u2013\n\u201c\u201d\"]){1,80}?" + _DASH
)


#: ``The senator emailed supporters saying: "…"``: a participle and a colon, after anything.
_PARTICIPLE_COLON = re.compile(r"\s(?P<verb>" + "|".join(PARTICIPLES) + r")\s*:\s*$")
#: ``in Forbes' words, "…"``, ``in the words of X, "…"``.
_IN_WORDS = re.compile(
    r"\b[Ii]n\s+(?:(?P<owner>" + _NO_PUNCT + r"{1,60}?)['\u2019]s?\s+words"
    r"|the\s+words\s+of\s+(?P<subj>" + _NO_PUNCT + r"{1,60}?)),\s*$"
)
#: ``… - Philip Bump: "…"``: a name, then the colon.
_NAME_COLON = re.compile(
    r"(?:^|[-\u2013\u2014,;]\s+)(?P<name>[A-Z][\w'\u2019\u2024.-]*(?:\s+[A-Z][\w'\u2019\u2024.-]*){1,3})\s*:\s*$"
)
#: ``He adopted a Southern accent and joked, "…"``: the verb's subject is the sentence's.
_SECOND_VERB = re.compile(
    r"\b(?:and|but)\s+(?:(?:then|also|later|again|finally|[a-z]+ly)\s+)?(?P<verb>"
    + VERB
    + r")\s*[,:]\s*$"
)
_NAME_WORD = r"[A-Z][\w'\u2019\u2024.-]*"
#: A dash and a name right after a quote, then the sentence's end or a comma: the quote
#: signed (``"…" — Walsh-Costello, speaking at the press conference.``).
_DASH_SIGNED = re.compile(
    r"\s*[\u2014\u2013][ \t]*(?P<subj>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){0,3})"
    r"[ \t]*(?:[,.;]|$)"
)


QUOTE_MARK = re.compile("[" + QUOTE_CHARS + "]")


#: ``…, Nefzi said`` ending a clause of reported speech, before a participle that carries
#: a quote (``…, Nefzi said, adding, "…"``).
_REPORTED_BY = re.compile(
    r",[ \t]+(?:(?:said|says)[ \t]+(?P<subj1>"
    + _NAME_WORD
    + r"(?:[ \t]+"
    + _NAME_WORD
    + r"){0,3})|(?P<subj2>he|she|they|"
    + _NAME_WORD
    + r"(?:[ \t]+"
    + _NAME_WORD
    + r"){0,3})[ \t]+(?:said|says|told[ \t]+reporters))[ \t]*$"
)
#: ``"A challenge" for Clinton, said Kunin.``, ``"If there had not been…" by NATO,
#: Clinton said at a town hall.`` and ``"…" because she would win, he said.``: a quote
#: that opens its sentence, whose cue comes later in it, after a comma.
_CUE_LATER = re.compile(
    r",[ \t]+(?:(?P<verb1>said|says|added|adds)[ \t]+(?P<subj1>"
    + _NAME_WORD
    + r"(?:[ \t]+"
    + _NAME_WORD
    + r"){0,3})(?=[ \t]*[,.;!?]|[ \t]*$)|(?P<subj2>he|she|they|it|"
    + _NAME_WORD
    + r"(?:[ \t]+"
    + _NAME_WORD
    + r"){0,3})[ \t]+(?P<verb2>said|says|added|adds|argued|explained|noted|wrote|told)\b)"
)


def blank_parentheses(text: str) -> str:
    """``text`` with short parentheses, dash asides and nicknames inside a name replaced
    by spaces, so offsets hold.

    >>> blank_parentheses("Sen. Ann Lee (D-Conn.) said")
    'Sen. Ann Lee           said'
    >>> " ".join(blank_parentheses("His deputy, Kate Mehta \u2014 no relation \u2014 said").split())
    'His deputy, Kate Mehta said'
    >>> " ".join(blank_parentheses('said vendor Elvis "Coco" Griffith.').split())
    'said vendor Elvis Griffith.'
    """
    blank = _PARENTHESIS.sub(lambda m: " " * len(m.group()), text)
    if '"' in blank or "\u201c" in blank or "\u2018" in blank or " '" in blank:
        blank = NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), blank)
    return _DASH_ASIDE.sub(lambda m: " " * len(m.group()), blank)


#: After a role (``said its director``), the name set off by a comma.
_ROLE_THEN_NAME = re.compile(
    r",[ \t]+(?P<name>[A-Z][\w'\u2019\u2024.-]*(?:[ \t]+[A-Z][\w'\u2019\u2024.-]*){1,3})"
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


FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|me|my|we|our|us)\b")


def subject_before(chunk: str) -> str | None:
    """The subject at the end of ``chunk`` (the words right before a verb)."""
    # An appositive between commas ("X, Chairman of Y, said") belongs to X.
    parts = [p for p in re.split(r"[,;:(\u201c\u201d\"]", chunk)]
    candidate = parts[-1] if parts else chunk
    if not candidate.strip() and len(parts) >= 3:
        candidate = parts[-3]
    # After an aside between dashes, a capitalised subject ("As Mitchell pressed him — over
    # Trump's words — Sanders responded"): the words after the last dash.
    after_dash = _SPACED_DASH.split(candidate)[-1]
    if after_dash != candidate and after_dash[:1].isupper():
        candidate = after_dash
    candidate = LEADING.sub("", candidate.strip())
    return clean_speaker(candidate)


_SPACED_DASH = re.compile(r"[ \t]" + _DASH + r"[ \t]+")


@dataclass(frozen=True, slots=True)
class Cue:
    """A speaker phrase as written and the rule or verb that found it.

    ``how`` says where the cue stands: ``before`` the quote (``X said:``),
    ``after`` it (``"…," X said``), ``bare`` (a verb right before the quote,
    ``X said "…"``, which makes a partial quote speech only from three words on)
    or ``subject`` (a participle, ``X …, saying "…"``: the speaker is the
    sentence's subject, and ``speaker`` is empty).
    """

    speaker: str
    cue: str
    how: str = field(default="before", repr=False)


#: ``X said "nobody saw it coming"``, ``X told reporters "…"``: a verb right before the
#: quote, with at most a short listener after ``told`` or ``asked``.
_BARE_BEFORE = re.compile(
    r"(?P<subj>[^,:;.!?\u201c\u201d\"\n]{0,160}?)"
    + ADVS
    + r"\s+(?P<verb>"
    + VERB
    + r")(?:(?:(?<=told)|(?<=tells)|(?<=asked)|(?<=asks)|(?<=urged)|(?<=warned))"
    r"\s+(?:the\s+)?(?:[\w'\u2019.-]+\s+){0,2}[\w'\u2019.-]+)?\s*$"
)
#: ``X …, saying: "…"``, ``X released a statement saying "…"``, ``X … and joked, "…"``:
#: a participle, or a second verb of the main clause, whose subject speaks.
_PARTICIPLE = re.compile(
    r"(?:,\s+(?:and\s+)?|\b(?:by|upon|after|before|while|when)\s+"
    r"|\b(?:statement|tweet|post|message|email|letter|video)\s+)"
    r"(?P<verb>" + "|".join(PARTICIPLES) + r"|telling\s+(?:the\s+)?[\w'\u2019.-]+"
    r"(?:\s+[A-Z][\w'\u2019.-]*){0,3})\s*[,:]?\s*$"
)


def _spoken(cue: Cue | None) -> Cue | None:
    """The cue, if its subject can speak with its verb (a banner that reads does not, nor
    a sign that "promised" or "declared" anything)."""
    if cue is None:
        return cue
    if cue.cue in {"read", "reads"}:
        return None if SIGNS & set(cue.speaker.lower().split()) else cue
    return None if _A_SIGN.match(cue.speaker) else cue


#: A sign as a cue's subject, whatever its verb: ``a sign outside the ground``, ``the
#: hand-painted banners`` (not ``a sign language interpreter``).
_A_SIGN = re.compile(
    r"(?i:an?|the|one|another)\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(sorted(SIGNS, key=len, reverse=True))
    + r")(?:\s+(?:outside|on|at|in|above|over|near|by|along|across|held|carried|hung|"
    r"that|which)\b.*)?$"
)


#: Runs of spaces inside a context (scraped text has them): read as one, so that the cue
#: patterns, whose subject and verb are both set off by spaces, cannot try every way of
#: splitting a long run (seconds for a few hundred spaces).
_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def squeeze(text: str) -> str:
    """``text`` with every run of spaces made one space (cues return words, not offsets).

    >>> squeeze("said   Jane  Roe")
    'said Jane Roe'
    """
    return _SPACES.sub(" ", text)


def cue_before(before: str) -> Cue | None:
    """A speech cue ending right before a quote (``X said:``, ``according to X,``).

    >>> cue_before("Lei Jun replied: ")
    Cue(speaker='Lei Jun', cue='replied')
    >>> cue_before("The term refers to ") is None
    True
    >>> cue_before("A banner reads: ") is None, cue_before("Roe held a sign that said ") is None
    (True, True)
    """
    if _SIGN_THAT_SAID.search(before):  # "held a sign that said": the sign's words
        return None
    return _spoken(_cue_before(squeeze(before)))


#: A sign whose words a relative clause gives (``held a sign that said``, ``a banner
#: which read``): no one speaks them.
_SIGN_THAT_SAID = re.compile(
    r"\b(?:"
    + "|".join(sorted(SIGNS))
    + r")\s+(?:that|which)\s+(?:said|says|read|reads)\s*[,:]?\s*$",
    re.IGNORECASE,
)


#: Every word a cue holds one of: a quote's context without any is read no further (most
#: quotes sit in prose without a cue, and the cue patterns are the costly part).
_CUE_WORDS = (
    frozenset(SPEECH_VERBS)
    | frozenset(PARTICIPLES)
    # a phrase by its own first word ("pointed out", "shot back"), not by "it" or "on"
    | frozenset(p.split()[0] for p in SPEECH_PHRASES.replace("(?:is|was) ", "").split("|"))
    | frozenset(wordlist("according asked telling words"))
)
_LOWER_WORD = re.compile(r"[a-z]+")


def _may_hold_cue(context: str) -> bool:
    if context.rstrip().endswith(":"):  # "Philip Bump:", a colon after a name
        return True
    return not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(context.lower()))


#: Characters that no match of ``_CUE_BEFORE``, ``_CUE_BEFORE_CLAUSE`` or ``_BARE_BEFORE``
#: holds: their parts are words and spaces, and only a few characters else (below).
_NOT_IN_CUE = ';!?\u201c\u201d"'
#: The first word of each of ``VERB``'s alternatives (``(?:is|was) quoted as saying``).
_VERB_WORDS = frozenset(SPEECH_VERBS) | frozenset(
    first for phrase in SPEECH_PHRASES.split("|") for first in re.findall(r"\w+", phrase)[:2]
)


def _search_end(
    pattern: re.Pattern[str], text: str, stops: str, last: str = ""
) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern whose matches end at the text's end and
    hold none of ``stops``, nor any of ``last`` but as their last character before
    spaces: searched from just after the last of those in the text.

    A search tries every place a match could start, and these patterns' subjects take up
    to 160 characters from each: from the start of a long paragraph, that was the most
    costly part of reading quotations. No match can start before the last stop, so the
    match found is the same. (A search from a position still sees the characters before
    it: ``\\b`` and look-behinds read them as a search of the whole text does.)

    >>> _search_end(re.compile(r"\\w+ said:\\s*$"), "Yes. No, she said: ", ".", ",:")
    <re.Match object; span=(9, 19), match='she said: '>
    """
    start = max(map(text.rfind, stops))
    if last:
        end = len(text.rstrip())
        if end and text[end - 1] in last:
            end -= 1
        start = max(start, *(text.rfind(c, 0, end) for c in last))
    return pattern.search(text, start + 1)


def _said_before(text: str) -> re.Match[str] | None:
    """``_CUE_BEFORE.search(text)``: ``X said,``, ``X said:``, ``X said that``, ``X told
    reporters with …:`` end with a comma, a colon, "that" or "with", and hold no other
    comma or colon, nor a sentence's end."""
    if not text.rstrip().endswith((",", ":", "that", "with")):
        return None
    return _search_end(_CUE_BEFORE, text, _NOT_IN_CUE + ".", ",:")


def _said_before_clause(text: str) -> re.Match[str] | None:
    """``_CUE_BEFORE_CLAUSE.search(text)``: it ends with a comma, and holds commas but no
    colon or sentence's end."""
    if not text.rstrip().endswith(","):
        return None
    return _search_end(_CUE_BEFORE_CLAUSE, text, _NOT_IN_CUE + ".:")


def _said_bare_before(text: str) -> re.Match[str] | None:
    """``_BARE_BEFORE.search(text)``: its verb is a word of its own among the text's last
    five (``X told the court on Monday``, ``X was quoted as saying``), and it holds no
    comma or colon (a dot only in the words after the verb)."""
    if _VERB_WORDS.isdisjoint(text.rsplit(None, 5)[-6:]):
        return None
    return _search_end(_BARE_BEFORE, text, _NOT_IN_CUE + ",:")


def _cue_before(before: str) -> Cue | None:
    if not before.strip() or not _may_hold_cue(before):
        return None
    for pattern, cue in ((_ASKED_BY, "asked"), (_ACCORDING, "according to")):
        match = pattern.search(before)
        if match:
            speaker = clean_speaker(match.group("subj"))
            if speaker:
                return Cue(speaker, cue)
    for search in (_said_before, _said_before_clause):
        match = search(before)
        if match:
            speaker = _subject_of(before, match)
            if speaker:
                return Cue(speaker, match.group("verb"))
    if before.rstrip().endswith(","):  # '"A," said X, "B."': the cue stands between the halves
        match = _CUE_AFTER_INVERTED.match(before.rstrip()[:-1])
        if match and "," not in match.group("subj"):
            speaker = clean_speaker(match.group("subj"))
            if speaker:
                return Cue(speaker, match.group("verb"))
    match = _PARTICIPLE.search(before)
    reported = _REPORTED_BY.search(before, 0, match.start()) if match else None
    if match and reported:
        # "…, Nefzi said, adding, "…"": who said the reported words speaks, not the
        # sentence's subject (Mateen, of whom Nefzi spoke)
        speaker = clean_speaker(reported.group("subj1") or reported.group("subj2"))
        if speaker:
            return Cue(speaker, match.group("verb").split()[0])
    match = match or _SECOND_VERB.search(before) or _PARTICIPLE_COLON.search(before)
    if match:
        return Cue("", match.group("verb").split()[0], "subject")
    match = _IN_WORDS.search(before)
    if match:
        speaker = clean_speaker(match.group("owner") or match.group("subj") or "")
        if speaker:
            return Cue(speaker, "words")
    match = _NAME_COLON.search(before)
    found = person_of(match.group("name")) if match else None
    if found and " " in found[0]:
        return Cue(found[0], "colon")
    match = _said_bare_before(before)
    if match:
        speaker = _subject_of(before, match)
        if speaker:
            return Cue(speaker, match.group("verb"), "bare")
    return None


def _subject_of(before: str, match: re.Match[str]) -> str | None:
    """The speaker phrase of a cue found before a quote: the words before its verb, or
    the name before an appositive (``X, Chairman of Y, said:``, ``X's coach, former
    number one Y, said``)."""
    speaker = subject_before(match.group("subj"))
    head = before[: match.start("subj")].rstrip()
    if speaker is None and head.endswith(",") and match.group("subj").strip() in _RELATIVES:
        # "Tom Blake thanked Anna Reyes, who said:": the name before "who"
        return role_then_name(head[:-1].strip())
    if speaker is None and head.endswith(","):
        aged = _AGED.match(head[:-1])
        if aged:  # "Madam Tan Bee Lian, 67, a retiree who sold her flat for $880,000, said"
            speaker = subject_before(aged.group("name"))
    if speaker is None and head.endswith(","):
        parts = head[:-1].rsplit(",", 1)
        if len(parts) == 2:  # "X, Chairman of Y, said:": the subject before the appositive
            speaker = subject_before(parts[0])
            named = role_then_name(parts[1].strip()) or _appositive_name(", " + parts[1] + ",")
            if named and (speaker is None or is_unnamed(speaker) or person_of(speaker) is None):
                # "Her coach, former number one Mark Eddowes, said"; "Egypt's Prime
                # Minister, Abdel Fattah el-Mansour, told reporters"
                speaker = named
    return speaker


_RELATIVES = frozenset({"who", "which", "and who"})
#: A name, an age and a description, each set off by commas, before a cue's verb (the
#: description's numbers may hold commas of their own: "$880,000").
_AGED = re.compile(r"(?P<name>[^,]+),[ \t]+\d{1,3},[ \t]+(?:an?|the)[ \t](?:[^,]|,(?=\d{3}))*")


def _appositive_name(appositive: str) -> str | None:
    """The full name an appositive gives (``, Anna Reyes,``, ``, state Del. Rosa Quint,``),
    if its first part is one."""
    first = " ".join(appositive.strip(" ,").split(",")[0].split())
    if first[:1].islower():  # a role in lower case before the name
        if _OF_SOMEONE.search(first):
            return None  # "a friend of victim Ann Lee": whose friend, not who speaks
        named = role_then_name(first)
        return named if named and len(named.split()) >= 2 else None
    found = person_of(first) if first else None
    return found[0] if found and len(found[0].split()) >= 2 else None


def cue_after(after: str) -> Cue | None:
    """A speech cue right after a quote (``, said X`` or ``X said``).

    >>> cue_after(", said Lei Jun.")
    Cue(speaker='Lei Jun', cue='said')
    >>> cue_after(" mainly refers to products.") is None
    True
    >>> cue_after(" read the sign on the door.") is None
    True
    """
    return _spoken(_cue_after(squeeze(after)))


def cue_later(after: str) -> Cue | None:
    """The cue later in the sentence of a quote that opens it (see ``_CUE_LATER``).

    >>> cue_later(" for Clinton, said Kunin.")
    Cue(speaker='Kunin', cue='said')
    >>> cue_later(" by NATO, Clinton said at a town hall.")
    Cue(speaker='Clinton', cue='said')
    >>> cue_later(" is the motto of the club.") is None
    True
    """
    match = _CUE_LATER.search(squeeze(after))
    if match is None:
        return None
    speaker = clean_speaker((match.group("subj1") or match.group("subj2")).rstrip("."))
    verb = match.group("verb1") or match.group("verb2")
    return _spoken(Cue(speaker, verb, "after")) if speaker else None


def _cue_after(after: str) -> Cue | None:
    signed = _DASH_SIGNED.match(after)
    if signed:  # '"…" — Walsh-Costello, speaking at the press conference.'
        found = person_of(signed.group("subj"))
        if found is not None:
            return Cue(signed.group("subj"), "dash", "after")
    if not _may_hold_cue(after):
        return None
    match = _AFTER_ACCORDING.match(after)
    if match:
        speaker = clean_speaker(match.group("subj"))
        if speaker:
            return Cue(speaker, "according to", "after")
    match = _CUE_AFTER_INVERTED.match(after)
    if match and _CLAUSE_AFTER_SAID.match(match.group("subj")):
        match = None  # '…, said the hardest word was the one for the wind': what was said
    if match:
        speaker = clean_speaker(match.group("subj"))
        named = _ROLE_THEN_NAME.match(after, match.end("subj"))
        if named and (speaker is None or is_unnamed(speaker)):
            # '"…," said its director, Josephine Akande.': the name after the role
            speaker = clean_speaker(named.group("name").rstrip(".")) or speaker
        if speaker:
            return Cue(speaker, match.group("verb"), "after")
    match = _CUE_AFTER.match(after)
    if match:
        subject = match.group("subj").strip()
        appos = match.group("appos") or ""
        if appos and _TOPIC.match(subject):
            # '"…." Of Carson, Levine, who backs Rubio, said': the topic, then the speaker
            subject = appos.strip(" ,").split(",")[0]
        if appos and _WHEN.match(subject):
            # '"…." On Monday, the mayor, Ann Roe, said': a time, then the speaker
            subject = ""
            appos = ", " + ", ".join(appos.strip(" ,").split(",")[-1:]) + ","
        speaker = clean_speaker(LEADING.sub("", subject)) if subject else None
        given = _appositive_name(appos)
        if given and (speaker is None or is_unnamed(speaker) or _SOMEONES.match(speaker)):
            speaker = given  # '"…," her lawyer, Anna Reyes, said'; "Hale's niece, Rosa Quint,"
        if speaker:
            return Cue(speaker, match.group("verb"), "after")
    return None
