"""People, organisations and speaker names: who a capitalised run or a speaker phrase is.

Used by every stage of the quotation engine (``quotespans`` reads speaker
phrases next to cues, ``quotes`` resolves them to people). Every rule is a
small function over plain strings and none names a person, site or file.

**People and mentions.** Every capitalised run of words in an article is
read as a possible name (``person_of``); capitals include accented ones
(``Øvergaard``, ``Íñigo``). Sentence-initial function words (``When``,
``Once``), compound adjectives (``Chennai-based``), possessors
(``Ethiopia’s``), honorifics and office titles (``Transport Minister``,
``Deputy Mayor``, abbreviated ``Gov.``, ``Sen.``, ``Supt.`` …) are dropped,
and a run after ``the``, ``a``, ``at`` or ``in`` is a place or a thing. What
is left is a person's name if it has at most four words besides particles
(``de la``), none of them a function word, an acronym or a number, and it
does not end in an organisation or place word (``Partners``, ``Research``,
``Foods``, ``Library`` …) or contain ``&``. A bare word (``Krishnan``,
``Ms. Krishnan``) stands for the one full name in the same article that
holds it, else the one in the corpus; so does a surname with its particle
written in lower case (``said de la Cruz``).

**Organisations** (``organisations``, ``defined_acronyms``) are capitalised
runs with an organisation word, a legal suffix or prefix (``Inc.``, ``PT``),
an ``&``, or a company noun before them (``the utility Cascade Power &
Light``); ``Long Name (ABBR)`` makes ABBR an alias of the long name when it
spells the initials of its capitalised words.

**Pronouns.** ``he``/``she`` go to the person who opens the nearest earlier
sentence that mentions a person of agreeing gender (this paragraph, then up
to three back), else to the latest person mentioned. Mentions include the
speakers of quotes already attributed and unnamed sources. Gender comes
from honorifics (``Mr.``; ``Ms.``/``Mrs.``) and from a ``he``/``she``/
``his``/``her`` that follows a name in its sentence (not right after a
comma: ``Tomás Ferreira, her partner``, nor after a reporting verb: in
``Judge X said he had shown …`` the ``he`` is someone else); unknown
gender agrees with both.

**Unnamed sources** are kept as written, up to an appositive comma, with
the article lower-cased (``an analyst at Dunmore Partners``); ``the
urbanist Nkechi Adeyemi`` is Nkechi Adeyemi, but ``a person familiar with
Lei Jun`` is not Lei Jun. Every unnamed subject of a speech verb, quoted or
not (``A banker involved in the process said …``), is registered, and a
later definite reference (``the banker``, ``the senior person``) is tied to
the latest earlier source that shares a content word with it. Quotations
for which no rule finds a speaker are dropped: a quote without a speaker
cannot be searched by speaker, and reporting it would only add noise.


**Canonical speakers** (``build_aliases``, ``canonical_speaker``). The
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

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from .errors import CorpusError
from .models import Article

#: Every mark that can open or close a quotation (curly, straight, single).
QUOTE_CHARS = "\u201c\u201e\u201f\u201d\"\uff02\u2018\u2019'"
#: Punctuation that ends a sentence or clause; a line without it is a heading.
FINAL_PUNCT = ".!?\u2026:;,~)"


def wordlist(text: str) -> list[str]:
    return text.split()


_LISTENER_VERBS = {"told", "tells", "tell", "asked", "asks", "answered", "answers", "urged"}
PRONOUNS = {"he", "she", "him", "her"}
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
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Madam|Mme|Mx)[.\u2024]?\s+", re.I
)
#: Capital letters, accented Latin ones included (``Øvergaard``, ``Élodie``, ``Íñigo``).
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
#: Lower-case particles inside a name (``de la Fuente``, ``van der Berg``, ``bin Yusof``).
_PARTICLES = "de|van|von|der|den|da|di|du|del|della|bin|ibn|al|el|la|le|dos|das|los|las|ter|ten"
_PARTICLE_SET = frozenset(_PARTICLES.split("|"))
#: A name word: capitalised, or a particle joined by a hyphen (``al-Hashimi``).
_NAME_PART = (
    rf"(?:[{UPPER}]|(?:al|el|ad|as|ash|bin|ibn|abu|d)[-'\u2019][{UPPER}])[\w'\u2019.\u2024-]*"
)
_NAME = re.compile(
    rf"^[{UPPER}][\w'\u2019.\u2024-]*(?:\s+(?:" + _NAME_PART + "|" + _PARTICLES + r")){0,6}$"
)
MASK = "\u2024"  # one-dot leader: looks like a full stop, ends no sentence
#: Abbreviated office titles and the office each stands for (``Gov.`` is a governor).
TITLE_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "maj": "major",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "sgt": "sergeant",
    "cmdr": "commander",
    "adm": "admiral",
    "amb": "ambassador",
    "atty": "attorney",
    "pres": "president",
    "rev": "reverend",
}
_TITLE_ABBREVIATIONS = frozenset(wordlist("Mr Mrs Ms Mx Dr Prof Jr Sr St")) | {
    a.capitalize() for a in TITLE_ABBREVIATIONS
}
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
            chars[end] = MASK
    return text if chars is None else "".join(chars)


# --- speaker phrases ----------------------------------------------------------------


_ANONYMITY = re.compile(
    r"\s+(?:(?:who|that)\s+(?:asked|requested|declined|spoke|(?:was|is|were|are)\s+not\s+authori[sz]ed)"
    r"|speaking|because)\b"
)


_LOWER_PARTICLE_NAME = re.compile(
    r"^(?:(?:" + _PARTICLES + rf")\s+)+[{UPPER}][\w'\u2019-]*(?:\s+[{UPPER}][\w'\u2019-]*)?$"
)


def clean_speaker(phrase: str) -> str | None:
    """Turn the words before or after a cue verb into a speaker phrase, or ``None``.

    >>> clean_speaker("A senior person")
    'a senior person'
    >>> clean_speaker("Lei Jun, Chairman of Xiaomi Corporation")
    'Lei Jun'
    >>> clean_speaker("It") is None
    True
    >>> clean_speaker("de los Santos")
    'de los Santos'
    """
    phrase = phrase.strip().strip("\u2014\u2013-").strip()
    if not phrase:
        return None
    words = phrase.split()
    first = words[0].lower()
    if first in _DETERMINERS:
        # Why a source is unnamed is no part of who it is (``an official who asked not to …``).
        phrase = _ANONYMITY.split(phrase, 1)[0]
        words = phrase.split()
        if len(words) < 2 or len(words) > 20:
            return None
        named = _role_then_name(phrase.split(",")[0])
        if named:  # "the urbanist Nkechi Adeyemi"
            return named
        # An unnamed source keeps its wording up to an appositive comma.
        return first + phrase.split(",")[0][len(words[0]) :].rstrip()
    if first in PRONOUNS and len(words) == 1:
        return first
    head = phrase.split(",")[0].strip()
    head = re.split(r"\s+(?:in|at|on|during|to|with|for|from|after|before|via)\s", head)[0]
    head = _before_of(head)
    if _LOWER_PARTICLE_NAME.match(head):  # "said de la Cruz": a surname with its particle
        return head
    if _NAME.match(_HONORIFIC.sub("", head)) and head.lower() not in _NOT_SUBJECT:
        if _HONORIFIC.sub("", head).split()[0].lower() in _NOT_SUBJECT | _DETERMINERS:
            return None
        return head
    return _role_then_name(head)  # "Orbis co-founder Rebecca Lindqvist"


def _before_of(head: str) -> str:
    """A full name before "of the/a/an", without what follows; else ``head`` as it is.

    >>> _before_of("Dr. Sam Patel of the national weather service")
    'Dr. Sam Patel'
    >>> _before_of("Speaker of the House Mike Johnson")
    'Speaker of the House Mike Johnson'
    >>> _before_of("Friends of the Earth campaigner Jo Smith")
    'Friends of the Earth campaigner Jo Smith'
    """
    parts = re.split(r"\s+of\s+(?:the|a|an)\s", head, maxsplit=1)
    if len(parts) < 2:
        return head
    found = person_of(parts[0])
    titled = any(w.lower() in TITLE_WORDS for w in parts[0].split())
    # Two words at least: "Speaker of the House", "Friends of the Earth" are no names.
    return parts[0] if found and len(found[0].split()) >= 2 and not titled else head


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


# --- names: people in capitalised runs ------------------------------------------------

_FUNCTION_WORDS = (
    _NOT_SUBJECT
    | _DETERMINERS
    | PRONOUNS
    | frozenset(
        wordlist(
            "as when while but and so then if because although after before since in on at of "
            "for to with from by my his her our their its your all no not yes also why how where "
            "whether today yesterday later meanwhile however asked outside inside once"
        )
    )
)
#: Last words that make a capitalised name an organisation, a place or a thing, not a person.
_ORG_WORDS = frozenset(
    wordlist(
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
        "factory plant services service software mobile store shop market exchange open "
        "hall cathedral theatre theater arena gardens workers society coalition alliance "
        "foods maritime shipping lines logistics mining minerals metals steel petroleum "
        "chemicals beverages farms insurance telecom electronics aerospace authority"
    )
)
#: Offices and roles written before a name ("Transport Minister Amira Haddad").
TITLE_WORDS = frozenset(
    wordlist(
        "minister mayor deputy councillor councilor alderman chairman chairwoman chairperson "
        "chair president vice prime secretary senator governor judge justice coach professor "
        "director chief executive ceo cfo coo cto founder co-founder cofounder manager "
        "spokesman spokeswoman spokesperson officer commissioner ambassador king queen prince "
        "princess pope bishop archbishop rabbi imam cardinal captain sergeant lieutenant "
        "colonel detective inspector constable editor reporter correspondent economist analyst "
        "chancellor premier speaker representative congressman congresswoman lawmaker "
        "treasurer attorney counsel superintendent sheriff admiral commander sir dame lord lady "
        "physician doctor nurse architect author commentator prosecutor grandmaster curator "
        "magistrate"
    )
)
#: Roles that are titles only when they open a run ("Striker Ali Khan"): inside one, many
#: are surnames ("Manuel Pastor Ortega", "Jonathan Priest Smith").
OPENING_TITLE_WORDS = frozenset(
    wordlist(
        "striker goalkeeper midfielder defender winger quarterback pitcher batsman bowler "
        "skipper referee umpire trainer chef artist actor actress novelist poet photographer "
        "designer scientist researcher historian lawyer teacher pastor priest"
    )
)
_HEADLINE_WORDS = frozenset(wordlist("interview exclusive q&a conversation full transcript"))
_GENDER_OF_HONORIFIC = {"mr": "m", "sir": "m", "ms": "f", "mrs": "f", "miss": "f", "madam": "f"}
_GENDER_OF_HONORIFIC |= {"mme": "f"}
_NAME_WORD = rf"[{UPPER}][\w'\u2019\u2024-]*"
_NEXT_WORD = r"[ \t]+(?:(?:" + _PARTICLES + r")[ \t]+)*(?:" + _NAME_PART.replace(".", "") + ")"
#: A run of capitalised words (name particles allowed inside); runs never cross a line.
_CAP_RUN = re.compile(_NAME_WORD + "(?:" + _NEXT_WORD + ")*")
_CAP_RUN_MULTI = re.compile(_NAME_WORD + "(?:" + _NEXT_WORD + ")+")
#: A quoted nickname inside a name (``Dale "Moose" Kowalski``), blanked before names are read.
_NICKNAME = re.compile(
    rf"(\b[{UPPER}][\w\u2019'-]*)"
    rf"( [\"\u201c\u2018'][{UPPER}][\w\u2019' -]{{0,24}}[\"\u201d\u2019'])(?= [{UPPER}])"
)
#: A capitalised compound adjective opening a sentence ("Twelve-year-old", "Chennai-based").
_ADJECTIVE = re.compile(r"-(?:old|based|born|bred|led|run|owned|backed|winning|made|style)$", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
#: Words right before a run that make it a thing or a place ("the Harwood Library").
_NOT_BEFORE_NAME = frozenset(wordlist("the at in")) | _DETERMINERS


def is_person_name(name: str) -> bool:
    """Whether a capitalised phrase reads as a person's name rather than an organisation.

    >>> is_person_name("Lei Jun"), is_person_name("Xiaomi Auto"), is_person_name("Because I")
    (True, False, False)
    >>> is_person_name("Dunmore Partners"), is_person_name("Xiaomi SU7")
    (False, False)
    """
    words = name.split()
    if not words or not _NAME.match(name):
        return False
    if len([w for w in words if w not in _PARTICLE_SET]) > 4:
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
    words = run.replace(".", MASK).split()
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
        bare = word.rstrip(MASK).lower()
        if bare in _GENDER_OF_HONORIFIC or _HONORIFIC.match(word + " "):
            gender, start = _GENDER_OF_HONORIFIC.get(bare), i + 1
        elif bare in TITLE_WORDS or bare in TITLE_ABBREVIATIONS:
            start = i + 1
        elif i == start == 0 and bare in OPENING_TITLE_WORDS:
            start = 1
    name = " ".join(words[start:])
    return (name, gender) if is_person_name(name) else None


def is_heading(text: str) -> bool:
    bare = text.rstrip().rstrip(QUOTE_CHARS)
    return not bare or bare[-1] not in FINAL_PUNCT


def person_runs(
    text: str, skip: Sequence[tuple[int, int]] = (), multi: bool = False
) -> Iterable[tuple[int, int, str, str | None]]:
    """``(start, end, name, gender)`` for each person-like run outside the ``skip`` spans.

    With ``multi``, only runs of two words or more (full names) are read.
    """
    text = _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    spans = sorted(skip)
    opens = [open_at for open_at, _ in spans]
    for match in (_CAP_RUN_MULTI if multi else _CAP_RUN).finditer(text):
        start = match.start()
        # The last span opening at or before ``start``: spans do not nest.
        k = bisect.bisect_right(opens, start) - 1
        if k >= 0 and start < spans[k][1]:
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


def name_owners(names: Iterable[str]) -> dict[str, str]:
    """Map each full name, and each word of one, to a full name where that is clear.

    ``names`` are the full-name mentions in reading order, repeats included. A
    name of two words or more that ends a longer name introduced before it
    (``Te Whare``, ``De la Cruz`` after ``Rangi Te Whare``, ``Diego de la
    Cruz``; case aside) is that longer name, if it is the only one or has
    three times the mentions of the others. Otherwise a name that holds
    another one plus stray capitalised words (``Once Lei Jun``, ``Lei Jun
    Chose``) is that name. A word goes to the one name holding it, or to the
    name that has at least three times as many mentions as all other holders
    together; two equal ``Li`` names leave ``Li`` unmapped.

    >>> name_owners(["Lei Jun", "Lei Jun", "Lei Jun", "Lei Jobs", "Once Lei Jun"])["lei"]
    'Lei Jun'
    >>> "li" in name_owners(["Li Jing", "Li Ming"])
    False
    >>> name_owners(["Diego de la Cruz", "De la Cruz"])["de la cruz"]
    'Diego de la Cruz'
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for at, name in enumerate(names):
        if " " in name:
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, at)
    table = {n.lower(): n for n in counts}
    for name in sorted(counts, key=len):  # "Te Whare" after "Rangi Te Whare" is his
        tail = " " + name.lower()
        outer = sorted((m for m in counts if m.lower().endswith(tail)), key=lambda m: -counts[m])
        if not outer or first[outer[0]] > first[name]:
            continue
        if len(outer) == 1 or counts[outer[0]] >= 3 * sum(counts[m] for m in outer[1:]):
            table[name.lower()] = outer[0]
            counts[outer[0]] += counts.pop(name)
    for name in sorted(counts, key=len):
        padded = f" {name} "
        inner = [m for m in counts if m != name and f" {m} " in padded]
        if inner:
            core = min(inner, key=len)
            table[name.lower()] = table[core.lower()]
            counts[table[core.lower()]] += counts.pop(name)
    by_token: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        for i, token in enumerate(words):
            by_token.setdefault(token.lower(), []).append(name)
            if i and token.lower() in _PARTICLE_SET:  # "de la Fuente" is a surname too
                by_token.setdefault(" ".join(words[i:]).lower(), []).append(name)
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
            if not is_heading(para.text):
                text = mask_abbreviations(para.text)
                names.extend(n for _, _, n, _ in person_runs(text, multi=True))
    return name_owners(names)


def canonical_speaker(speaker: str, aliases: Mapping[str, str]) -> str:
    """The canonical form of a speaker phrase.

    >>> canonical_speaker("Mr. Lei", {"lei": "Lei Jun"})
    'Lei Jun'
    >>> canonical_speaker("Deputy Mayor Ruth Abernathy", {})
    'Ruth Abernathy'
    >>> canonical_speaker("a person familiar with Lei Jun", {"lei jun": "Lei Jun"})
    'a person familiar with Lei Jun'
    """
    return canonical_in(speaker, aliases, {})


def canonical_in(speaker: str, known: Mapping[str, str], local: Mapping[str, str]) -> str:
    speaker = speaker.replace(MASK, ".")
    if speaker.lower() in known:  # as written, for the user's overrides ("Chairman Lei")
        return known[speaker.lower()]
    if is_unnamed(speaker):
        return speaker
    head = speaker.split(",")[0].strip()
    found = person_of(head)
    name = found[0] if found else _HONORIFIC.sub("", head)
    if name.lower() in local:  # a surname stands for the full name used in the same article
        name = local[name.lower()]
    return known.get(name.lower(), name)


def is_unnamed(speaker: str) -> bool:
    words = speaker.split()
    return bool(words) and words[0].lower() in _DETERMINERS


_STOP = frozenset(wordlist("the a an of in at on with for to from by and who is was"))


def _singular(word: str) -> str:
    if word == "people":
        return "person"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def resolve_definite(speaker: str, sources: Sequence[str]) -> str:
    """Tie ``the senior person`` to the latest earlier unnamed source sharing a word.

    Singular and plural agree (``the sources`` and ``a source``, ``the person``
    and ``two people``).

    >>> resolve_definite("the sources", ["a source close to the board"])
    'a source close to the board'
    """
    words = {_singular(w) for w in speaker.lower().split()[1:]} - _STOP
    best, best_score = speaker, 0
    for source in sources:  # oldest first, so ties go to the latest
        score = len(words & {_singular(w) for w in source.lower().split()[1:]})
        if score >= best_score and score > 0:
            best, best_score = source, score
    return best


#: Suffixes that mark a company's legal name; dropped from the name (``Brightwell Foods Inc.``).
_CORPORATE = frozenset(wordlist("inc inc. corp corp. ltd ltd. llc plc co co. ag sa nv gmbh"))
_ORG_RUN = re.compile(
    _NAME_WORD + r"\.?(?:[ \t]+(?:(?:of|for|and|&|on)[ \t]+)?" + _NAME_WORD + r"\.?)*"
)
#: Nouns a definite reference uses for a company (``the company said``); written just
#: before a name, they also make it one (``the utility Cascade Power & Light``).
COMPANY_NOUNS = frozenset(
    wordlist(
        "company firm group business retailer maker carmaker automaker utility miner "
        "producer bank lender insurer operator airline carrier manufacturer supplier "
        "developer distributor chain brand conglomerate"
    )
)
#: Legal forms written before a company's name (``PT Sulawesi Prima Nikel``).
_CORPORATE_PREFIX = frozenset(wordlist("PT PJSC JSC OAO PAO"))


def organisations(text: str) -> list[tuple[int, str, bool]]:
    """``(start, name, corporate)`` for each organisation named in ``text``.

    An organisation is a capitalised run (``of``, ``for``, ``and``, ``&``
    allowed inside) with an organisation word in it or a corporate suffix at
    its end; a leading ``The`` and compound adjectives go, and so does the
    suffix. It is a company (``corporate``) with a legal suffix or prefix
    (``Inc.``, ``PT``), or right after a company noun (``the utility``). A
    run joined by ``&`` is an organisation whatever its words.

    >>> organisations("The Geneva-based Centre for Humanitarian Mediation said so.")
    [(17, 'Centre for Humanitarian Mediation', False)]
    >>> organisations("Brightwell Foods Inc. said it would cut jobs.")
    [(0, 'Brightwell Foods', True)]
    >>> organisations("The utility Cascade Power & Light said so.")
    [(12, 'Cascade Power & Light', True)]
    """
    found = []
    for match in _ORG_RUN.finditer(text):
        words = match.group().split()
        start = match.start()
        while words and (words[0].lower() in _FUNCTION_WORDS or _ADJECTIVE.search(words[0])):
            start = text.index(words[1], start) if len(words) > 1 else start
            words.pop(0)
        corporate = _word_before(text, start) in COMPANY_NOUNS
        if len(words) > 2 and words[0] in _CORPORATE_PREFIX:
            start = text.index(words[1], start)
            words.pop(0)
            corporate = True
        while words and words[-1].lower() in _CORPORATE:
            words.pop()
            corporate = True
        while words and words[-1].lower() in {"of", "for", "and", "&", "on"}:
            words.pop()
        if len(words) < 2:
            continue
        if corporate or "&" in words or any(w.lower() in _ORG_WORDS for w in words):
            found.append((start, " ".join(words).rstrip("."), corporate))
    return found


def _word_before(text: str, at: int) -> str:
    words = text[max(0, at - 30) : at].split()
    return words[-1].lower() if words else ""


_DEFINED_ACRONYM = re.compile(
    rf"((?:[{UPPER}][\w'\u2019.-]*[ \t]+(?:(?:[a-z]{{1,4}}|&)[ \t]+)*){{1,8}})\(([A-Z]{{2,6}})\)"
)


def defined_acronyms(text: str) -> dict[str, str]:
    """``{ABBR: Long Name}`` for each ``Long Name (ABBR)`` in ``text``.

    The acronym must spell the initials of the name's capitalised words
    (small words such as ``ng`` or ``of`` may sit between them).

    >>> defined_acronyms("The decision by the Bangko Sentral ng Pilipinas (BSP) was expected.")
    {'BSP': 'Bangko Sentral ng Pilipinas'}
    >>> defined_acronyms("He met Anna Lee (CEO) today.")
    {}
    """
    found: dict[str, str] = {}
    if "(" not in text:
        return found
    for match in _DEFINED_ACRONYM.finditer(text):
        words, abbr = match.group(1).split(), match.group(2)
        for k in range(len(words)):
            initials = "".join(w[0] for w in words[k:] if w[0].isupper())
            if initials == abbr and words[k][0].isupper():
                found[abbr] = " ".join(words[k:])
                break
    return found


_ROLE_BEFORE = re.compile(r"((?:[\w'\u2019.\u2024-]+[ \t]+){1,6})$")
_APPOSITIVE = re.compile(r"^,[ \t]+(?:a|an|the|its|their|our)[ \t]+([^,.;:\n]{1,80})")
_ROLE_OPENING = re.compile(r"(?:a|an|the)[ \t]+([^,.;:\n]{1,60}),[ \t]*$", re.IGNORECASE)


def role_words(text: str, start: int, end: int) -> frozenset[str]:
    """Lower-case words naming the role of the person at ``text[start:end]``.

    They are the words right before the name (``Health Commissioner``,
    ``authority spokesperson``), an appositive after it (``, a researcher at``)
    or one before it (``A PulseTrack spokesperson, Jordan Ellery``).

    >>> sorted(role_words("Mayor Adaeze Obi spoke.", 0, 16))
    ['adaeze', 'mayor', 'obi']
    >>> "percussionist" in role_words("Doudou, the Senegalese percussionist, sang.", 0, 6)
    True
    """
    words: set[str] = set()
    head = text[max(0, start - 80) : start]
    cut = max(head.rfind(". "), head.rfind("\u201d"), head.rfind('"'))
    head = head[cut + 1 :]
    opening = _ROLE_OPENING.search(head)
    if opening:
        words.update(opening.group(1).split())
    else:
        before = _ROLE_BEFORE.search(head)
        if before:
            for word in reversed(before.group(1).split()):
                if word.lower() in _FUNCTION_WORDS or word.endswith(","):
                    break
                words.add(word)
    words.update(text[start:end].split())  # titles inside the run ("Health Commissioner")
    after = _APPOSITIVE.match(text[end : end + 90])
    if after:
        words.update(after.group(1).split())
    bare = (w.lower().strip("\u2024.") for w in words)
    return frozenset(TITLE_ABBREVIATIONS.get(w, w) for w in bare)


#: A gender word after a name; not an object after a preposition (``toured with her``).
GENDER_WORD = re.compile(
    r"(?<!, )(?<!with )(?<!to )(?<!for )(?<!about )(?<!by )(?<!at )(?<!of )\b(he|she|his|her)\b"
)
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


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
