"""Resolution: from what a cue says (a name, a pronoun, ``the chancellor``, ``it``) to
who that is in this article.

``settle`` is the entry: a pronoun goes to ``pronouns``; ``it`` to the latest
organisation (else the one the article names most), ``they`` only to one named
in the sentence or the one before; ``the 28-year-old`` to the person given that
age; a definite description (``definite``) to an earlier unnamed source, an
organisation (``the company``: the one holding the noun, else the one the
story is about), the person introduced in that role, or, for roles one person
holds (``the striker``), the person the passage is about when the ranker is
sure; ``the Norwegian`` (a nationality) to the latest person; ``her office``
to her office, once she is resolved (``Alison Carter's office``). A surname
several people share goes to the one mentioned last as a subject or a speaker, else to
the one the headline names, else to the one mentioned last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from leisearch.models import Article
from leisearch.text.words import fold_accents

from .cues import LEADING, Cue
from .mentions import SUBJECT_PRONOUN, Cast, Mention, opens_sentence
from .names import (
    given_name_gender,
    honorific_gender,
    is_person_name,
    is_titled,
    person_of,
    person_runs,
)
from .orgs import role_words
from .phrases import is_unnamed, of_owner, owned_body, resolve_definite
from .pronouns import antecedents, resolve_pronoun
from .ranker import SURE, probabilities
from .sentences import mask_abbreviations, sentence_start
from .speech import Context
from .words import (
    COMPANY_NOUNS,
    DEMONYM_NOUNS,
    MASK,
    NATIONALITIES,
    OPENING_TITLE_WORDS,
    PRONOUN_GENDER,
    PRONOUNS,
    SOURCE_STOP_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    UNIQUE_ROLES,
)

#: A lower-case he or she opening a clause after a quotation ("…," she said, adding, "…").
CLAUSE_PRONOUN = re.compile(r"\s*[,.]?\s*(he|she)\b")
#: Roles that one person of a story holds ("the striker", "the judge").
ROLE_NOUNS = OPENING_TITLE_WORDS | UNIQUE_ROLES

_AGE = re.compile(r"^the (\d{1,3})-year-old(?: [a-z][\w-]*){0,2}$", re.IGNORECASE)

#: ``one of the sources``: a partitive back-reference, read as ``the sources``.
_PARTITIVE = re.compile(
    r"^(?:one|two|three|some|several|each|both|either|neither|many|most|all|none)\s+of\s+"
    r"(?:the|those|these)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)

_QA_INTRO = re.compile(
    r"\b(?:answers?|answered|responses|questions|interview(?:ed)?|edited)\b", re.IGNORECASE
)

#: What says an article is an interview: "Interview:", "Q&A", "a conversation with", but
#: not the news habit "said in an interview".
_INTERVIEW = re.compile(
    r"(?<!in an )\binterview(?!ed by)|\bQ\s*&\s*A\b|\bconversation with\b", re.IGNORECASE
)

_FIRST_WORDS = re.compile(r"\s*((?:[A-Z][\w\u2024'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*)")
#: A label alone between two quotes (`` Bush: ``), and the end of a quoted sentence before it.
_LABEL = re.compile(_FIRST_WORDS.pattern + r"\s*:\s*")
_QUOTE_ENDED = re.compile(r"[.!?][\u201d\"]\s*$")


def subject_of(cast: Cast, index: int, start: int, end: int) -> str | None:
    """The person opening the sentence (or clause) ``texts[index][start:end]``, if one
    does: after a leading clause and its comma (``Outside afterwards, Kline …``) or
    a role (``Republican candidate Donald Trump …``), never a possessor, but the person a
    possessor's role is in an appositive (``Clinton's running mate, Tim Kaine, …``)."""
    text = cast.texts[index]
    pronoun = SUBJECT_PRONOUN.match(text[start:end]) or CLAUSE_PRONOUN.match(text[start:end])
    if pronoun:
        return resolve_pronoun(cast, pronoun.group(1), index, start)
    mentions = [m for m in cast.mentions[index] if start <= m.at < end]
    if not mentions:
        return None
    first = mentions[0]
    if cast.is_possessor(first):  # "Hillary Clinton's right-hand woman said"
        return _named_after_possessor(cast, index, mentions)
    prefix = LEADING.sub("", text[start : first.at].lstrip()).strip()
    return first.name if opens_sentence(prefix) else None


#: Between a possessor opening a sentence and the name of whom it describes: the role,
#: then a comma (``Scott's niece, state Del. Marcia Price (D-Va.), shouted``).
_POSSESSED_ROLE = re.compile(
    r"(?:['\u2019]s?)?[ \t]+(?:[a-z][\w-]*[ \t]+){0,4}[a-z][\w-]*,[ \t]+"
    r"(?:[a-z][\w-]*[ \t]+){0,3}"
)
#: After that name: the appositive closes (a comma, or a parenthesis first).
_APPOSITIVE_CLOSE = re.compile(r"[ \t]*(?:\([^()\n]{1,60}\))?,")


def _named_after_possessor(cast: Cast, index: int, mentions: list[Mention]) -> str | None:
    """The subject of a sentence that opens with a possessor's role and then names the
    person in an appositive (``Clinton's running mate, Tim Kaine, said``), if it does."""
    if len(mentions) < 2:
        return None
    text = cast.texts[index]
    first, second = mentions[0], mentions[1]
    end, second_end = cast.ends.get((index, first.at)), cast.ends.get((index, second.at))
    if end is None or second_end is None:
        return None
    between = text[end : second.at]  # after the possessor's run, which may hold its "'s"
    if not _POSSESSED_ROLE.fullmatch(between) or not _APPOSITIVE_CLOSE.match(text, second_end):
        return None
    return second.name


def settle(cast: Cast, speaker: str, index: int, at: int) -> str | None:
    """Resolve a pronoun or a definite back-reference, then canonicalise."""
    body = owned_body(speaker)
    if body is not None:  # "her office": the office, named by whose it is
        owner = settle(cast, body[0], index, at)
        return None if owner is None else of_owner(owner, body[1])
    if speaker.lower() in PRONOUNS:
        resolved = resolve_pronoun(cast, speaker, index, at)
        return None if resolved is None else referent(cast, speaker, resolved, index, at)
    if speaker.lower() == "it":  # "it said in a statement": the organisation
        return organisation(cast, index, at)
    if speaker.lower() == "they":  # a group: only an organisation just named
        return organisation(cast, index, at, recent_sentences=1)
    age = _AGE.match(speaker)
    if age:  # "the 52-year-old": the person given that age, else the latest person
        return aged(cast, age.group(1), index, at) or resolve_pronoun(cast, "they", index, at)
    bare = speaker[4:] if speaker.lower().startswith("the ") else speaker
    if bare in cast.acronyms:  # "the BSP", defined as "Bangko Sentral ng Pilipinas (BSP)"
        return cast.acronyms[bare]
    partitive = _PARTITIVE.match(speaker)
    if partitive:  # "one of the sources": an earlier unnamed source, else as written
        wanted = "the " + partitive.group("rest").lower()
        resolved = resolve_definite(wanted, cast.sources(index, at))
        return resolved if resolved != wanted else speaker.lower()
    if speaker.lower().startswith("the "):
        resolved = definite(cast, speaker, index, at)
        if resolved == speaker.lower():  # no one introduced so
            return (
                _document_author(cast, speaker, index, at)
                or _subject_before(cast, speaker, index, at)
                or resolved
            )
        return resolved
    name = cast.canonical(speaker)
    if is_unnamed(name):
        return name
    gender = honorific_gender(speaker)
    if " " not in name:
        title = _title_of(speaker)
        name = latest_holder(cast, name, index, at, gender, title) or name
    elif gender is not None and gender_of_person(cast, name) not in (gender, None):
        # "said Mr. Fernandez" where the article's Fernandez is mostly his sister Lucia:
        # the honorific says which of those sharing the surname it is.
        name = latest_holder(cast, name.split()[-1], index, at, gender) or name
    return name


#: What a statement is issued as: "the statement said" is its author's words.
_DOCUMENTS = frozenset({"statement", "letter", "email", "release", "post", "message", "note"})


#: The speech verbs, for a sentence whose subject says something.
_SPEECH_VERB_SET = frozenset(SPEECH_VERBS)
#: The endings of nouns for people by what they do (``unionist``, ``campaigner``).
_PEOPLE_ENDINGS = ("ist", "er", "or", "ian")
#: The nouns of unnamed sources, resolved among the sources, never to a named person;
#: and the words that point back to one of two (``the latter``).
_NOT_ROLES = frozenset(
    {"person", "source", "official", "insider", "aide", "spokesperson", "latter", "former"}
)


def _document_author(cast: Cast, speaker: str, index: int, at: int) -> str | None:
    """Who issued a document that speaks (``X said in a statement that …. "…," the
    statement said``): the subject of the sentence before, in this paragraph, that
    names the document."""
    words = speaker.lower().split()
    if len(words) != 2 or words[-1] not in _DOCUMENTS:
        return None  # ("the campaign's statement": the campaign's)
    issued = re.compile(rf"\b(?:in|issued|released|sent) (?:a|an)(?: [\w-]+)? {words[-1]}\b")
    return _previous_subject(cast, index, at, lambda sentence: bool(issued.search(sentence)))


def _subject_before(cast: Cast, speaker: str, index: int, at: int) -> str | None:
    """A role that no one was introduced in (``the unionist``, a word of a role's
    ending), right after a sentence of this paragraph whose subject is a named person:
    that person (``Ouma said the union would not back down. "…," the unionist said``)."""
    noun = speaker.lower().split()[-1]
    if noun in _NOT_ROLES or not (noun in TITLE_WORDS or noun.endswith(_PEOPLE_ENDINGS)):
        return None  # (an unnamed source is one of the sources: "the person added")

    def reports(sentence: str) -> bool:
        # The subject said something, and no one else in the sentence holds the role
        # ("Ann Lee wrote to the minister": the minister is another).
        words = sentence.lower().split()
        return not _SPEECH_VERB_SET.isdisjoint(words) and noun not in words

    return _previous_subject(cast, index, at, reports)


def _previous_subject(cast: Cast, index: int, at: int, wanted: Callable[[str], bool]) -> str | None:
    """The named person opening the sentence before ``at`` in its paragraph, if
    ``wanted`` of that sentence."""
    starts = [s for s in cast.sentence_starts(index) if s <= at]
    if len(starts) < 2:
        return None
    start, end = starts[-2], starts[-1]
    if not wanted(cast.texts[index][start:end]):
        return None
    subject = subject_of(cast, index, start, end)
    if subject is None or not is_person_name(subject):
        return None
    person = cast.person(subject)
    return person if person is not None and " " in person else None


def gender_of_person(cast: Cast, name: str) -> str | None:
    """A person's sex as the article says it, else as their given name says it."""
    return cast.gender_of(name) or given_name_gender(name)


def _title_of(speaker: str) -> str | None:
    """The title before a surname (``dr`` in ``Dr. Nakamura``), lower-cased, if any.

    >>> _title_of("Dr\u2024 Nakamura"), _title_of("Sen. Cruz"), _title_of("Nakamura")
    ('dr', 'sen', None)
    """
    words = speaker.replace(MASK, ".").split()
    if len(words) < 2 or not is_titled(" ".join(words[-2:]), words[-1]):
        return None
    return words[-2].rstrip(".").lower()


def _titled_as(cast: Cast, mention: Mention, title: str) -> bool:
    """Whether a mention's run opens with ``title`` (``Dr. Aiko Nakamura``)."""
    end = cast.ends.get((mention.index, mention.at))
    words = cast.texts[mention.index][mention.at : end].replace(MASK, ".").split()
    return len(words) > 1 and words[0].rstrip(".").lower() == title


def referent(cast: Cast, pronoun: str, person: str, index: int, at: int) -> str:
    """Who a pronoun at ``at`` resolved to ``person`` (a mention's name) is: its
    canonical name, and for a surname several people share, the one of them a name
    would be (``latest_holder``) of the pronoun's gender: ``"…," he said`` after
    ``"…," Clinton said`` is Bill Clinton where the article named him first, as the
    ``Clinton`` before it was, not Hillary Clinton, nor ``Clinton`` alone."""
    name = cast.canonical(person)
    if " " not in name and not is_unnamed(name):
        gender = PRONOUN_GENDER.get(pronoun.lower())
        name = latest_holder(cast, name, index, at, gender) or name
    return name


def definite(cast: Cast, speaker: str, index: int, at: int) -> str:
    """``the …``: an earlier unnamed source, an organisation, a person by role, or as is."""
    words = speaker.split()[1:]
    if len(words) > 1 and all(w[:1].isupper() or w in {"of", "for", "and"} for w in words):
        return " ".join(words)  # "the Riverton Pediatric Society": a name, no article
    sources = cast.sources(index, at)
    if sources:
        resolved = resolve_definite(speaker.lower(), sources)
        if resolved != speaker.lower():
            return resolved
    noun = words[-1].lower()
    if noun in _KIN_GROUPS:
        return "the " + " ".join(words)  # "the Gunn family": none of them alone
    nouns = [
        w.lower() for w in reversed(words) if w.isalpha() and w.lower() not in SOURCE_STOP_WORDS
    ]
    earlier = [o for o in cast.orgs if (o[0], o[1]) < (index, at)]
    if noun in COMPANY_NOUNS and earlier:
        companies = [name for _, _, name, corporate in earlier if corporate]
        if not any(noun in name.lower().split() for _, _, name, _ in earlier):
            # The company a story is about: the most mentioned, else the first named.
            pool = companies or [name for _, _, name, _ in earlier]
            return max(pool, key=lambda name: (cast.org_weight(name), -pool.index(name)))
        if companies:
            return companies[0]
    # "the Minister" after "The Minister for Housing, Caoimhe Mac an tSaoi,": the person
    # in that office, before an organisation's name that holds the noun
    person = _in_role(cast, [noun], index, at) if noun in TITLE_WORDS else None
    if person:
        return person
    for _, _, name, _ in reversed(earlier):
        if noun in name.lower().split():
            return name
    person = _in_role(cast, nouns + [_SAME_ROLE[n] for n in nouns if n in _SAME_ROLE], index, at)
    if person:
        return person
    if len(words) == 1 and words[0][:1].isupper():
        word = words[0]
        if (
            word.lower() in NATIONALITIES
            or word.lower() in DEMONYM_NOUNS
            or _of_a_place_named(cast, word)
        ):
            # "the Norwegian", "the Portuguese", "the Kerryman": the latest person
            return resolve_pronoun(cast, "they", index, at) or speaker
        # "the ACU": an organisation, without its article; "The Hill", "the Pentagon" keep
        # theirs: without it, a word may read as someone's surname ("Hill").
        return word if word.isupper() else f"The {word}"
    if noun in ROLE_NOUNS:
        # "the striker", "the chancellor" with no one introduced so: the person the
        # passage is about (the ranker, without a gender), if the ranker is sure
        return role_holder(cast, noun, index, at) or speaker.lower()
    return speaker.lower()


#: A man or a woman of a place, in one word (``Kerryman``, ``Yorkshirewoman``).
_DEMONYM_COMPOUND = re.compile(r"(?P<place>[A-Z][a-z]{3,})(?:man|woman)")


def _of_a_place_named(cast: Cast, word: str) -> bool:
    """Whether ``word`` is a man or a woman of a place the article names (``the
    Kerryman``, where ``Kerry`` is written; not ``the Spokesman``, ``the Chairman``)."""
    found = _DEMONYM_COMPOUND.fullmatch(word)
    if found is None:
        return False
    place = re.compile(rf"\b{found.group('place')}\b")
    return any(place.search(text) for text in cast.texts)


#: A role's other word, as sport writes it (``the skipper`` is the one named captain).
_SAME_ROLE = {"skipper": "captain", "gaffer": "manager", "boss": "manager", "keeper": "goalkeeper"}
#: A group of kin, named by their surname (``the Gunn family``): no one of them alone.
_KIN_GROUPS = frozenset({"family", "families", "household", "relatives", "parents"})


def _in_role(cast: Cast, nouns: list[str], index: int, at: int) -> str | None:
    """The latest person introduced in the role of one of ``nouns`` (the first noun
    first: "candidate", else an earlier one), before ``at``."""
    for wanted in nouns:
        for back in range(index, -1, -1):
            for mention in reversed(cast.mentions[back]):
                end = cast.ends.get((back, mention.at))
                if (
                    end is not None
                    and (back, mention.at) < (index, at)
                    and wanted in role_words(cast.texts[back], mention.at, end)
                ):
                    return mention.name
    return None


def role_holder(cast: Cast, noun: str, index: int, at: int) -> str | None:
    """Who "the ``noun``" is when no one was introduced so: the person the passage is
    about, by the ranker (without a gender), if it is sure. Anyone introduced in
    another role of that kind ("Brafman, the lawyer" for "the judge") is not."""
    candidates = [
        (name, features)
        for name, features in antecedents(cast, "they", index, at)
        if not (_roles(cast, name, index, at) & ROLE_NOUNS) - {noun}
    ]
    if not candidates:
        return None
    odds = probabilities([features for _, features in candidates])
    best = odds.index(max(odds))
    return candidates[best][0] if odds[best] >= SURE else None


def _roles(cast: Cast, name: str, index: int, at: int) -> frozenset[str]:
    """The role words of every introduction of ``name`` before ``at``."""
    found: set[str] = set()
    for back in range(index + 1):
        for mention in cast.mentions[back]:
            end = cast.ends.get((back, mention.at))
            if mention.name == name and end is not None and (back, mention.at) < (index, at):
                found |= role_words(cast.texts[back], mention.at, end)
    return frozenset(found)


def organisation(cast: Cast, index: int, at: int, recent_sentences: int = 0) -> str | None:
    """The organisation ``it`` stands for: the latest one named in this paragraph or
    the three before, else the one the article names most, if any. With
    ``recent_sentences`` (for ``they``, which may be any group of people), only one
    named in that many sentences before."""
    earlier = [o for o in cast.orgs if (o[0], o[1]) < (index, at)]
    if recent_sentences:
        here = cast.sentence_number(index, at)
        near = [o for o in earlier if here - cast.sentence_number(o[0], o[1]) <= recent_sentences]
        return near[-1][2] if near else None
    recent = [o for o in earlier if o[0] >= index - 3]
    if recent:
        return recent[-1][2]
    if earlier:
        names = [name for _, _, name, _ in earlier]
        return max(names, key=lambda name: (cast.org_weight(name), -names.index(name)))
    return None


def aged(cast: Cast, age: str, index: int, at: int) -> str | None:
    """The latest person introduced with this age (``Wilson, 28,``, ``the 28-year-old X``)."""
    pattern = re.compile(rf",[ \t]+{age}\b")
    for back in range(index, -1, -1):
        for mention in reversed(cast.mentions[back]):
            end = cast.ends.get((back, mention.at))
            if end is None or (back, mention.at) >= (index, at):
                continue
            text = cast.texts[back]
            if (
                pattern.match(text, end)
                or f"{age}-year-old" in text[max(0, mention.at - 30) : mention.at]
            ):
                return mention.name
    return None


def qa_subject(cast: Cast, index: int) -> str | None:
    """The one person an introduction to questions and answers names
    (``We asked Dr. X … to answer shoppers' questions.``), if it says so."""
    if index < 0 or not _QA_INTRO.search(cast.texts[index]):
        return None
    names = {m.name for m in cast.mentions[index] if (index, m.at) not in cast.unnamed}
    return names.pop() if len(names) == 1 else None


def latest_holder(
    cast: Cast,
    surname: str,
    index: int,
    at: int,
    gender: str | None = None,
    title: str | None = None,
) -> str | None:
    """A surname several people share: the one of them mentioned last before ``at`` as
    a sentence's subject or a quotation's speaker; else the one the headline names;
    else the one mentioned last. In "Bill Clinton calls …" (the headline), "Former
    President Bill Clinton spoke … for his wife Hillary Clinton. … Clinton said" is
    Bill: she is mentioned after him, in passing. With ``gender`` (``m``, ``f``: a
    pronoun's or an honorific's), only those not known to be of the other; with a
    ``title`` (``dr``), those the article gave it, if any: ``Dr. Nakamura`` is Dr. Aiko
    Nakamura, not her brother who spoke last. Accents aside: ``Fernandez`` is Mateo
    Fernández's surname too."""
    tail = " " + fold_accents(surname).lower()
    holders = [
        mention
        for back in range(index, -1, -1)
        for mention in reversed(cast.mentions[back])
        if (back, mention.at) < (index, at)
        and fold_accents(mention.name).lower().endswith(tail)
        and not is_unnamed(mention.name)  # ("a spokeswoman for Clinton" is not a Clinton)
        and (gender is None or gender_of_person(cast, mention.name) in (gender, None))
    ]
    if gender is not None:  # those known to be of that sex first ("Mr MacDonald": Ewan)
        holders = [m for m in holders if gender_of_person(cast, m.name) == gender] or holders
    if title is not None:
        holders = [m for m in holders if _titled_as(cast, m, title)] or holders
    about = (m for m in holders if (m.index, m.at) in cast.spoke or cast.is_subject(m))
    headlined = (m for m in holders if m.name in cast.headline)
    found = next(about, None) or next(headlined, holders[0] if holders else None)
    return found.name if found is not None else None


#: People named by whom they are for or against, before a name: the sentence's subject
#: is them, not the named ("Critics of chairman X painted a slogan on the wall:").
_OTHERS_OF = re.compile(
    r"\b(?:critics|supporters|fans|friends|opponents|rivals|enemies|allies|backers|followers"
    r"|protesters|protestors|detractors|admirers)\s+(?:of|for|against)\b",
    re.I,
)


#: A time opening a live blog's entry: ``18:05``, ``9.40am``, ``17:20 GMT``.
_TIMESTAMP = re.compile(
    r"\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|BST|UTC|ET|EST|EDT))?\s+"
)


def colon_cue(cast: Cast, index: int, text: str, ctx: Context) -> Cue | None:
    """``X talked about it when joking: "…"``: the sentence's subject, if a person
    (after a role: ``Club chairman X has released a short statement: "…"``)."""
    if not ctx.before.rstrip().endswith(":"):
        return None
    label = _LABEL.fullmatch(ctx.before)
    if label and _QUOTE_ENDED.search(text, max(0, ctx.sentence_at - 8), ctx.sentence_at):
        # A name and a colon after another quote's end ('Clinton: "…" Bush: "…"'): a new
        # speaker's label, though the sentence (which reads past a quote) began earlier.
        found = person_of(label.group(1))
        return Cue(label.group(1), "colon") if found and cast.person(found[0]) else None
    start = sentence_start(text, ctx.sentence_at)
    before = text[start : ctx.sentence_at] + ctx.before
    # A live blog's time before its entry ("18:05 Club chairman X has released …:").
    stamp = _TIMESTAMP.match(before)
    if stamp is not None:
        start, before = start + stamp.end(), before[stamp.end() :]
    first = re.match(r"\s*([Hh]e|[Ss]he)\b", before) or _FIRST_WORDS.match(before)
    if first:
        name = first.group(1)
        if name.lower() in ("he", "she"):  # not "Her lawyer was blunt:"
            return Cue(name, "colon")
        found = person_of(name)
        if found and cast.person(found[0]):
            return Cue(name, "colon")
    # A named person only: a sign's words are no one's ("A banner over the gate reads:"),
    # nor the named person's, when the sentence is about their critics or supporters.
    subject = subject_of(cast, index, start, start + len(before))
    named = person_of(subject) if subject is not None else None
    if named is None or not cast.person(named[0]):
        return None
    at = before.find(named[0].split()[-1])
    if at >= 0 and _OTHERS_OF.search(before, 0, at):
        return None
    return Cue(named[0], "colon")


def interviewee(cast: Cast, article: Article) -> str | None:
    """In an interview, the one person the headline (else the first paragraph) names."""
    heads = [article.title, article.paragraphs[0].text if article.paragraphs else ""]
    if not any(_INTERVIEW.search(h) for h in heads):
        return None
    for head in heads:
        names = {cast.person(n) for _, _, n, _ in person_runs(mask_abbreviations(head))}
        names.discard(None)
        if len(names) == 1:
            return names.pop()
    return None
