"""The cast of one article: its people and organisations, where they are mentioned,
and their genders.

``Cast`` reads an article once, before any quotation is attributed: its
masked paragraphs, their labelled quote candidates (``speech``), the people
named in them (``names``) with a local name table that folds a surname, an
honorific form or a name with stray words into the fullest name the article
gives, its organisations and acronyms (``orgs``), and each person's gender.
Attribution then asks who a speaker phrase is (``resolution.settle``; he and
she in ``pronouns``) and adds each attributed speaker as a mention, so later
pronouns can find them. ``Cast`` also answers the grammar those need: whether
a mention is a sentence's subject, an object, a possessor or only qualifies a
role (``Obama consultant Cornell Belcher``).

Gender comes from honorifics (``Mr.``; ``Ms.``/``Mrs.``), from a
``he``/``she``/``his``/``her`` that follows a name in its sentence (not right
after a comma: ``Tomás Ferreira, her partner``, nor after a reporting verb: in
``Judge X said he had shown …`` the ``he`` is someone else), and from the given
name (``given_names.txt``); unknown gender agrees with both. **One-word
names** are people when used as a speaker, introduced by a role, after an
honorific or a title, or followed by a speech verb (``Cruz openly admitted``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from leisearch.models import Article

from .cues import (
    ADVS,
    LEADING,
    VERB,
    squeeze,
)
from .genders import genders, noun_gender
from .names import (
    GENDER_WORD,
    PersonOf,
    is_titled,
    name_owners,
    nickname_names,
    person_of,
    person_runs,
)
from .orgs import defined_acronyms, organisations, role_words
from .phrases import canonical_in, clean_speaker, is_unnamed
from .sentences import (
    is_heading,
    mask_abbreviations,
    next_sentence_end,
    sentence_starts,
)
from .speech import MAX_CONTEXT, label_candidates
from .words import (
    FEMALE_NOUNS,
    FUNCTION_WORDS,
    MALE_NOUNS,
    MASK,
    OBJECT_BEFORE,
    OPENING_TITLE_WORDS,
    PRONOUN_GENDER,
    QUOTE_CHARS,
    TITLE_WORDS,
)

_UNNAMED_SUBJECT = re.compile(
    r"(?P<subj>(?:A|An|Another|One|Two|Three|Several|Some)\s+[^.!?;:\"\u201c\u201d\n]{1,160}?)"
    + ADVS
    + r"\s+(?:"
    + VERB
    + r")\b"
)


#: A speech verb right after a one-word name (``Cruz openly admitted``): a person speaks.
_SPEAKS_AFTER = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+|then[ \t]+|also[ \t]+)?" + VERB + r"\b")
#: Lower-case role words and then a capitalised name: what follows a qualifier.
_QUALIFIED_ROLE = re.compile(r"(?:['\u2019]s)?(?:[ \t]+[a-z][a-z-]+){1,4}[ \t]+[A-Z]")
#: Lower-case words that a role before a name may hold ("presidential candidate") and
#: those that end it; any other lower-case word (a verb, a preposition) means the
#: name is not the sentence's subject.
_ROLE_LINKS = frozenset({"of", "and", "for"})


#: A word a title-case headline capitalises: four letters or more (short function words
#: often stay in lower case there: "if", "for", "on").
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]{3,}")


def in_title_case(title: str) -> bool:
    """Whether a headline capitalises (nearly) every word of four letters or more, as
    title case does, so that a capitalised run in it need not be a name.

    >>> in_title_case("Obama Sees 'Personal Insult' if Blacks Don't Rally for Hillary Clinton")
    True
    >>> in_title_case("Obama sees personal insult if blacks don't rally for Hillary Clinton")
    False
    >>> in_title_case("Lei Jun Speaks")  # (too few words to tell)
    False
    """
    words = _HEADLINE_WORD.findall(title)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def opens_sentence(prefix: str) -> bool:
    """Whether what stands before a name in its sentence leaves it the subject: nothing,
    a leading clause and its comma, or a role (``Band member``, ``Former Secretary of
    State``, ``Republican presidential candidate``).

    >>> opens_sentence(""), opens_sentence("Outside afterwards,")
    (True, True)
    >>> opens_sentence("Republican presidential candidate"), opens_sentence("A man who met")
    (True, False)
    """
    if not prefix or prefix.endswith(","):
        return True
    words = prefix.split()
    if len(words) > 6:
        return False
    for position, word in enumerate(words):
        bare = word.lower().strip(".,\u2024")
        if word[:1].isupper() or (position == 0 and bare in {"the", "a", "an"}):
            continue
        if bare in _ROLE_LINKS and 0 < position < len(words) - 1:
            continue
        if bare in FUNCTION_WORDS or bare.endswith(("ed", "ing", "ly")) or not bare.isalpha():
            return False
    return True


SUBJECT_PRONOUN = re.compile(r"\s*(?:(?:And|But|So|Then|Yet)\s+)?(He|She)\b")
POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\b")


_REPORTING = re.compile(r"\b(?:said|says|told|tells|ruled|found)\b")


_UNNAMED_AFTER_VERB = re.compile(
    r"\b(?:said|says|told|added)\s+(?P<subj>(?:a|an|two|three|several|some)\s+"
    r"[^.!?;:\"\u201c\u201d\n]{1,160})"
)


#: A person-like run of a paragraph: ``(start, end, name, gender)`` (see ``person_runs``).
Run = tuple[int, int, str, str | None]


@dataclass(frozen=True, slots=True)
class Mention:
    """A person mentioned at ``at`` in paragraph ``index`` (``name`` is canonical)."""

    index: int
    at: int
    name: str


MAX_PARAGRAPH_CHARS = 20_000


class Cast:
    """One article read for attribution: its people, their mentions and genders."""

    def __init__(
        self, article: Article, known: Mapping[str, str], read: PersonOf = person_of
    ) -> None:
        self.article_id = article.id
        self.known = known
        self._starts: dict[int, list[int]] = {}
        # A paragraph longer than MAX_PARAGRAPH_CHARS is a data dump, not prose:
        # it is read as empty, so that attribution stays linear in the text.
        self.texts = [
            mask_abbreviations(p.text) if len(p.text) <= MAX_PARAGRAPH_CHARS else ""
            for p in article.paragraphs
        ]
        self.labelled = [label_candidates(t) for t in self.texts]
        runs = [
            list(person_runs(t, [(c.open_at, c.close_at) for c, _, _, _ in lab], read=read))
            for t, lab in zip(self.texts, self.labelled, strict=True)
        ]
        learn = [r for t, r in zip(self.texts, runs, strict=True) if not is_heading(t)]
        # The person a headline names counts triple towards a shared surname. A headline
        # in title case capitalises its verbs too ("Obama Sees 'Personal Insult'"): its
        # runs are names only where the article's text names them the same way.
        headline = [n for _, _, n, _ in person_runs(mask_abbreviations(article.title), read=read)]
        if headline and in_title_case(article.title):
            named = {n for r in learn for _, _, n, _ in r}
            headline = [n for n in headline if n in named]
        # A nickname and the surname are the full name (a label "Dami Tems-Adeyinka:"
        # after "Oluwadamilola 'Dami' Tems-Adeyinka"), before the surname's owner is found.
        nicknamed = nickname_names(self.texts)
        learned = [n for r in learn for _, _, n, _ in r] + headline * 3
        self.local = name_owners([nicknamed.get(n.lower(), n) for n in learned])
        self.local.update(nicknamed)
        self.orgs = [
            (index, at, name, corporate)
            for index, text in enumerate(self.texts)
            for at, name, corporate in organisations(text)
        ]
        self.acronyms: dict[str, str] = {}  # "BSP" -> "Bangko Sentral ng Pilipinas"
        for text in self.texts:
            for abbr, name in defined_acronyms(text).items():
                self.acronyms.setdefault(abbr, name)
        self._org_weight: dict[str, int] = {}
        self.ends: dict[tuple[int, int], int] = {}  # where each named mention ends
        self.singles = self._single_names(runs)
        self.mentions: list[list[Mention]] = []
        self.unnamed: set[tuple[int, int]] = set()
        self.spoke: set[tuple[int, int]] = set()  # mentions that are a quotation's speaker
        self._sentence_base: list[int] = []
        self.headline = {self.person(n) for n in headline} - {None}
        votes = self._read_mentions(runs)
        #: Name -> where it is mentioned, in reading order (for counts before a point).
        self._positions: dict[str, list[tuple[int, int]]] = {}
        for found_here in self.mentions:
            for mention in found_here:
                self._positions.setdefault(mention.name, []).append((mention.index, mention.at))
        self.gender = genders(votes, {m.name for found in self.mentions for m in found})

    def _single_names(self, runs: Sequence[Sequence[Run]]) -> set[str]:
        """The one-word names that are people here: used as a speaker, introduced by a
        role (``Doudou, the Senegalese percussionist``), after an honorific or a title
        (``Sen. Cruz``), or saying or asking something, quoted or not (``Cruz openly
        admitted that …``, ``Earhardt then asked …``)."""
        singles = {
            cue.speaker.replace(MASK, ".")
            for lab in self.labelled
            for _, _, cue, _ in lab
            if cue and cue.speaker[:1].isupper() and " " not in cue.speaker
        }
        singles.update(
            name
            for text, found in zip(self.texts, runs, strict=True)
            for start, end, name, _ in found
            if " " not in name
            and (
                (
                    _APPOSITION_START.match(text, end)
                    and _is_person_role(role_words(text, start, end))
                )
                or _SPEAKS_AFTER.match(text, end)
                or is_titled(text[start:end], name)
            )
        )
        return singles

    def _read_mentions(self, runs: Sequence[Sequence[Run]]) -> dict[str, list[str]]:
        """Fill ``mentions`` (people and unnamed sources, per paragraph) and return the
        gender votes the text gives: three for an honorific, one for a pronoun after the
        name in its sentence (not after a reporting verb: in "X said he …" he is another)."""
        votes: dict[str, list[str]] = {}
        for index, (text, found) in enumerate(zip(self.texts, runs, strict=True)):
            mentions = []
            for pos, (start, end, name, gender) in enumerate(found):
                person = self.person(name)
                if person is None:
                    continue
                mentions.append(Mention(index, start, person))
                self.ends[index, start] = end
                if gender:
                    votes.setdefault(person, []).extend([gender] * 3)
                noun = _kin_before(text, start)
                if noun:  # "her brother-in-law Ewan MacDonald", "his wife Ann Lee"
                    votes.setdefault(person, []).extend(["f" if noun in FEMALE_NOUNS else "m"] * 2)
                limit = found[pos + 1][0] if pos + 1 < len(found) else len(text)
                limit = min(limit, next_sentence_end(text, end))
                verb = _REPORTING.search(text, end, limit)
                word = GENDER_WORD.search(text, end, verb.start() if verb else limit)
                if word:
                    votes.setdefault(person, []).append(PRONOUN_GENDER[word.group(1)])
            mentions.extend(self._unnamed_subjects(index, text))
            self.mentions.append(sorted(mentions, key=lambda m: m.at))
        return votes

    def _unnamed_subjects(self, index: int, text: str) -> list[Mention]:
        """Unnamed sources that open a sentence with a speech verb (``A banker said …``)
        or follow one (``…, said a person briefed on the talks, who …``)."""
        found = []
        quotes = [c for c, _, _, _ in self.labelled[index]]
        for after in _UNNAMED_AFTER_VERB.finditer(text):
            if any(c.open_at <= after.start() < c.close_at for c in quotes):
                continue
            speaker = clean_speaker(after.group("subj"))
            if speaker and is_unnamed(speaker):
                at = after.start("subj")
                self.unnamed.add((index, at))
                found.append(Mention(index, at, self.canonical(speaker)))
        for start in self.sentence_starts(index):
            if start >= len(text) or text[start] not in "AOTS" or not text[start].isupper():
                continue
            if any(c.open_at <= start < c.close_at for c in quotes):
                continue
            match = _UNNAMED_SUBJECT.match(squeeze(text[start : start + MAX_CONTEXT]))
            if match:
                speaker = clean_speaker(match.group("subj"))
                parts = match.group("subj").split(",")
                if len(parts) > 1 and person_of(parts[1].strip()):
                    continue  # "A spokesperson, Jordan Ellery, said": named after all
                if speaker and is_unnamed(speaker):
                    self.unnamed.add((index, start))
                    found.append(Mention(index, start, self.canonical(speaker)))
        return found

    def sentence_starts(self, index: int) -> list[int]:
        if index not in self._starts:
            self._starts[index] = sentence_starts(self.texts[index])
        return self._starts[index]

    def person(self, name: str) -> str | None:
        """The canonical person a name stands for here, or ``None`` if it is no known person."""
        name = name.replace(MASK, ".")
        full = self.local.get(name.lower()) or self.known.get(name.lower())
        if full and " " in full:
            return self.known.get(full.lower(), full)
        if " " in name:
            return name
        return name if name in self.singles else None

    def canonical(self, speaker: str) -> str:
        return canonical_in(speaker, self.known, self.local)

    def gender_of(self, name: str) -> str | None:
        """``m``, ``f`` or ``None`` (unknown): what the article says, else an unnamed
        source's noun (a source first met as a quotation's speaker: ``a spokeswoman``)."""
        return self.gender.get(name) or noun_gender(name)

    def add(self, mention: Mention, unnamed: bool) -> None:
        """A quotation's speaker, as a mention where the quotation opens."""
        self.note_mention(mention)
        self.spoke.add((mention.index, mention.at))
        if unnamed:
            self.unnamed.add((mention.index, mention.at))

    def note_mention(self, mention: Mention) -> None:
        """Add a mention (a quotation's speaker, a pronoun resolved), in reading order."""
        insort(self.mentions[mention.index], mention, key=lambda m: m.at)
        insort(self._positions.setdefault(mention.name, []), (mention.index, mention.at))

    def subject_pronouns(self, index: int) -> list[tuple[int, str]]:
        """``(where, pronoun)`` for each sentence of paragraph ``index`` that opens with
        he or she outside a quotation, in order."""
        text = self.texts[index]
        quotes = [(c.open_at, c.close_at) for c, _, _, _ in self.labelled[index]]
        found = []
        for start in self.sentence_starts(index):
            match = SUBJECT_PRONOUN.match(text, start)
            if match and not any(a <= start <= b for a, b in quotes):
                found.append((match.start(1), match.group(1)))
        return found

    def sentence_number(self, index: int, at: int) -> int:
        """The article-wide number of the sentence holding ``at`` in paragraph ``index``."""
        if not self._sentence_base:
            total = 0
            for i in range(len(self.texts)):
                self._sentence_base.append(total)
                total += len(self.sentence_starts(i))
        return self._sentence_base[index] + bisect_right(self.sentence_starts(index), at) - 1

    def is_subject(self, mention: Mention) -> bool:
        """Whether a mention opens its sentence (after a leading clause and a comma, or a
        role such as ``Obama consultant`` whose name only qualifies the role)."""
        text = self.texts[mention.index]
        start = self.sentence_starts(mention.index)[
            bisect_right(self.sentence_starts(mention.index), mention.at) - 1
        ]
        before = [m for m in self.mentions[mention.index] if start <= m.at < mention.at]
        if any(not self.is_modifier(m) for m in before) or self.is_modifier(mention):
            return False
        if self.is_possessor(mention):  # "Trump's misinformation may be …"
            return False
        prefix = LEADING.sub("", text[start : mention.at].lstrip()).strip()
        return opens_sentence(prefix) or prefix[-1:] in QUOTE_CHARS

    def is_modifier(self, mention: Mention) -> bool:
        """Whether a one-word mention only qualifies a role before another name
        (``Obama consultant Cornell Belcher``, ``Trump adviser Jason Miller``)."""
        end = self.ends.get((mention.index, mention.at))
        # One word as written ("Obama"), whatever full name it stands for.
        if end is None or " " in self.texts[mention.index][mention.at : end].strip():
            return False
        return _QUALIFIED_ROLE.match(self.texts[mention.index], end) is not None

    def is_object(self, mention: Mention) -> bool:
        """Whether the word before a mention makes it an object (``told Roe``, ``with Roe``)."""
        words = self.texts[mention.index][max(0, mention.at - 20) : mention.at].split()
        return bool(words) and words[-1].lower() in OBJECT_BEFORE

    def is_possessor(self, mention: Mention) -> bool:
        """Whether a named mention is a possessor (``Roe's plan``)."""
        end = self.ends.get((mention.index, mention.at))
        if end is None:
            return False
        text = self.texts[mention.index]
        # The run holds its "'s" ("Clinton's"), or the mark follows it ("Jones' plan").
        held = text[end - 2 : end] in ("'s", "\u2019s")
        return held or POSSESSIVE_AFTER.match(text, end) is not None

    def count_before(self, name: str, index: int, at: int) -> int:
        """How often ``name`` is mentioned before ``at`` in paragraph ``index``."""
        return bisect_left(self._positions.get(name, []), (index, at))

    def sources(self, index: int, at: int) -> list[str]:
        """Unnamed sources before ``at`` in paragraph ``index``, oldest first."""
        return [
            m.name
            for i in range(index + 1)
            for m in self.mentions[i]
            if (i, m.at) in self.unnamed and (i < index or m.at < at)
        ]

    def org_weight(self, name: str) -> int:
        """How often an organisation is named, by its full name or its first word."""
        if name not in self._org_weight:
            head = re.compile(r"\b" + re.escape(name.split()[0]) + r"\b")
            self._org_weight[name] = sum(len(head.findall(t)) for t in self.texts)
        return self._org_weight[name]


def _kin_before(text: str, start: int) -> str | None:
    """A kin or gendered noun right before the name at ``start`` (``her brother-in-law
    Ewan``, ``his wife, Ann``), lower-cased, or ``None``."""
    chunk = text[max(0, start - 40) : start].rstrip()
    noun = chunk[chunk.rfind(" ") + 1 :].lower().rstrip(",").removesuffix("-in-law")
    return noun if noun in FEMALE_NOUNS or noun in MALE_NOUNS else None


_APPOSITION_START = re.compile(r",[ \t]+(?:a|an|the)[ \t]", re.IGNORECASE)


_PERSON_SUFFIX = re.compile(r"(?:ist|er|or|ian|man|woman|person)$")


def _is_person_role(words: frozenset[str]) -> bool:
    """Whether appositive words name a person's role (``percussionist``, ``spokesman``)."""
    return any(
        w in TITLE_WORDS or w in OPENING_TITLE_WORDS or _PERSON_SUFFIX.search(w) for w in words
    )
