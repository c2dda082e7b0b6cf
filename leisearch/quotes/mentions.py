"""The cast of one article: its people and organisations, where they are mentioned,
their genders, and how a speaker phrase resolves to one of them.

``Cast`` reads an article once, before any quotation is attributed: its
masked paragraphs, their labelled quote candidates (``speech``), the people
named in them (``names``) with a local name table that folds a surname, an
honorific form or a name with stray words into the fullest name the article
gives, its organisations and acronyms (``orgs``), and each person's gender.
Attribution then asks it who a speaker phrase is (``Cast.settle``) and adds
each attributed speaker as a mention, so later pronouns can find them.

**Pronouns.** ``he``/``she`` go to the candidate a learned ranker scores
best (``ranker``; ``Cast.antecedents`` lists the people and unnamed sources
mentioned in this paragraph and the three before, with their features), never
to one whose gender is the other, and when everyone nearby is, to the latest
person of the pronoun's gender further back. A sentence that opens with he or
she becomes a mention of whom it resolves to. ``it`` is the latest
organisation (else the one the article names most); ``they`` only one named in
the sentence or the one before. Gender comes from honorifics (``Mr.``;
``Ms.``/``Mrs.``), from a ``he``/``she``/``his``/``her`` that follows a name in
its sentence (not right after a comma: ``Tomás Ferreira, her partner``, nor
after a reporting verb: in ``Judge X said he had shown …`` the ``he`` is
someone else), and from the given name (``given_names.txt``); unknown gender
agrees with both.

**One-word names** are people when used as a speaker, introduced by a role,
after an honorific or a title, or followed by a speech verb (``Cruz openly
admitted``). Back-references: ``the chancellor`` is the person introduced in
that role, else (for roles one person holds) the person the passage is
about; ``the company`` is the organisation holding the noun, else the one the
story is about; ``the 28-year-old`` the person given that age; ``the
Norwegian`` (a nationality) the latest person.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from leisearch.models import Article

from .cues import (
    ADVS,
    LEADING,
    VERB,
    Cue,
    squeeze,
)
from .names import GENDER_WORD, given_name_gender, is_titled, name_owners, person_of, person_runs
from .orgs import defined_acronyms, organisations, role_words
from .phrases import canonical_in, clean_speaker, is_unnamed, resolve_definite
from .ranker import SURE, probabilities
from .sentences import (
    is_heading,
    mask_abbreviations,
    next_sentence_end,
    sentence_start,
    sentence_starts,
)
from .speech import MAX_CONTEXT, Context, label_candidates
from .words import (
    COMPANY_NOUNS,
    DEMONYM_NOUNS,
    FUNCTION_WORDS,
    MASK,
    NATIONALITIES,
    OBJECT_BEFORE,
    OPENING_TITLE_WORDS,
    PRONOUN_GENDER,
    PRONOUNS,
    QUOTE_CHARS,
    SOURCE_STOP_WORDS,
    TITLE_WORDS,
    UNIQUE_ROLES,
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
#: A lower-case he or she opening a clause after a quotation ("…," she said, adding, "…").
_CLAUSE_PRONOUN = re.compile(r"\s*[,.]?\s*(he|she)\b")
#: Lower-case words that a role before a name may hold ("presidential candidate") and
#: those that end it; any other lower-case word (a verb, a preposition) means the
#: name is not the sentence's subject.
_ROLE_LINKS = frozenset({"of", "and", "for"})


#: Roles that one person of a story holds ("the striker", "the judge").
_ROLE_NOUNS = OPENING_TITLE_WORDS | UNIQUE_ROLES


def _opens_sentence(prefix: str) -> bool:
    """Whether what stands before a name in its sentence leaves it the subject: nothing,
    a leading clause and its comma, or a role (``Band member``, ``Former Secretary of
    State``, ``Republican presidential candidate``).

    >>> _opens_sentence(""), _opens_sentence("Outside afterwards,")
    (True, True)
    >>> _opens_sentence("Republican presidential candidate"), _opens_sentence("A man who met")
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


_AGE = re.compile(r"^the (\d{1,3})-year-old$", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\s*(?:(?:And|But|So|Then|Yet)\s+)?(He|She)\b")
POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\b")


_REPORTING = re.compile(r"\b(?:said|says|told|tells|ruled|found)\b")


_UNNAMED_AFTER_VERB = re.compile(
    r"\b(?:said|says|told|added)\s+(?P<subj>(?:a|an|two|three|several|some)\s+"
    r"[^.!?;:\"\u201c\u201d\n]{1,160})"
)


#: ``one of the sources``: a partitive back-reference, read as ``the sources``.
_PARTITIVE = re.compile(
    r"^(?:one|two|three|some|several|each|both|either|neither|many|most|all|none)\s+of\s+"
    r"(?:the|those|these)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


#: A person-like run of a paragraph: ``(start, end, name, gender)`` (see ``person_runs``).
Run = tuple[int, int, str, str | None]


def _genders(votes: Mapping[str, list[str]], people: Iterable[str]) -> dict[str, str]:
    """Each person's gender, where the votes agree two to one: the text's votes, and two
    for the given name ("Hillary Clinton") when it is not written surname first."""
    votes = {person: list(found) for person, found in votes.items()}
    for person in people:
        given = given_name_gender(person)
        if given:
            votes.setdefault(person, []).extend([given] * 2)
    gender: dict[str, str] = {}
    for person, found in votes.items():
        males, females = found.count("m"), found.count("f")
        if males > 2 * females:
            gender[person] = "m"
        elif females > 2 * males:
            gender[person] = "f"
    return gender


@dataclass(frozen=True, slots=True)
class Mention:
    """A person mentioned at ``at`` in paragraph ``index`` (``name`` is canonical)."""

    index: int
    at: int
    name: str


MAX_PARAGRAPH_CHARS = 20_000


class Cast:
    """One article read for attribution: its people, their mentions and genders."""

    def __init__(self, article: Article, known: Mapping[str, str]) -> None:
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
            list(person_runs(t, [(c.open_at, c.close_at) for c, _, _, _ in lab]))
            for t, lab in zip(self.texts, self.labelled, strict=True)
        ]
        learn = [r for t, r in zip(self.texts, runs, strict=True) if not is_heading(t)]
        # The person a headline names counts triple towards a shared surname.
        headline = [n for _, _, n, _ in person_runs(mask_abbreviations(article.title))]
        self.local = name_owners([n for r in learn for _, _, n, _ in r] + headline * 3)
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
        self.gender = _genders(votes, {m.name for found in self.mentions for m in found})

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

    def add(self, mention: Mention, unnamed: bool) -> None:
        """A quotation's speaker, as a mention where the quotation opens."""
        self._mention(mention)
        self.spoke.add((mention.index, mention.at))
        if unnamed:
            self.unnamed.add((mention.index, mention.at))

    def _mention(self, mention: Mention) -> None:
        insort(self.mentions[mention.index], mention, key=lambda m: m.at)
        insort(self._positions.setdefault(mention.name, []), (mention.index, mention.at))

    def subject_pronouns(self, index: int) -> list[tuple[int, str]]:
        """``(where, pronoun)`` for each sentence of paragraph ``index`` that opens with
        he or she outside a quotation, in order."""
        text = self.texts[index]
        quotes = [(c.open_at, c.close_at) for c, _, _, _ in self.labelled[index]]
        found = []
        for start in self.sentence_starts(index):
            match = _SUBJECT_PRONOUN.match(text, start)
            if match and not any(a <= start <= b for a, b in quotes):
                found.append((match.start(1), match.group(1)))
        return found

    def refer(self, index: int, at: int, pronoun: str) -> None:
        """A pronoun that opens a sentence: a mention of whoever it resolves to."""
        name = self.pronoun(pronoun, index, at)
        if name is not None:
            self._mention(Mention(index, at, name))

    def pronoun(self, pronoun: str, index: int, at: int) -> str | None:
        """He or she: the candidate the learned ranker scores best (see ``ranker``)."""
        return self.pronoun_and_probability(pronoun, index, at)[0]

    def pronoun_and_probability(
        self, pronoun: str, index: int, at: int
    ) -> tuple[str | None, float]:
        """Who ``pronoun`` is, and how likely the ranker finds that among the candidates
        (0 for a guess from further back, when everyone nearby is of the other gender)."""
        candidates = self.antecedents(pronoun, index, at)
        # Grammar first: a candidate of the other gender is no candidate.
        agreeing = [c for c in candidates if not c[1]["gender_clash"]]
        if not agreeing:
            return self.latest_agreeing(pronoun, index, at), 0.0
        odds = probabilities([features for _, features in agreeing])
        best = odds.index(max(odds))
        return agreeing[best][0], odds[best]

    def latest_agreeing(self, pronoun: str, index: int, at: int) -> str | None:
        """Further back than the ranker looks: the latest named person of the pronoun's
        gender, for "he said" when everyone nearby is a woman (or the other way round)."""
        want = PRONOUN_GENDER.get(pronoun.lower())
        for back in range(index, -1, -1):
            for mention in reversed(self.mentions[back]):
                if (back, mention.at) < (index, at) and self.gender.get(mention.name) == want:
                    return mention.name
        return None

    def antecedents(self, pronoun: str, index: int, at: int) -> list[tuple[str, dict[str, float]]]:
        """Who ``pronoun`` at ``at`` in paragraph ``index`` may be, each with its features.

        The candidates are the people (and unnamed sources) mentioned before it in
        this paragraph and the three before, latest first.
        """
        want = PRONOUN_GENDER.get(pronoun.lower())
        here = self.sentence_number(index, at)
        latest: dict[str, Mention] = {}
        seen: dict[str, list[Mention]] = {}
        for back in range(max(index - 3, 0), index + 1):
            for mention in self.mentions[back]:
                if back < index or mention.at < at:
                    latest[mention.name] = mention
                    seen.setdefault(mention.name, []).append(mention)
        order = sorted(latest, key=lambda n: (latest[n].index, latest[n].at), reverse=True)
        spoken = [
            m
            for back in range(max(index - 3, 0), index + 1)
            for m in self.mentions[back]
            if (back, m.at) in self.spoke and (back < index or m.at < at)
        ]
        last_speaker = spoken[-1].name if spoken else None
        found = []
        for rank, name in enumerate(order):
            mention = latest[name]
            mentions = seen[name]
            gender = self.gender.get(name)
            features = {
                f"para{index - mention.index}": 1.0,
                f"sent{min(here - self.sentence_number(mention.index, mention.at), 4)}": 1.0,
                f"rank{min(rank, 3)}": 1.0,
                "subject": float(self.is_subject(mention)),
                "subject_recent": float(any(self.is_subject(m) for m in mentions)),
                "last_speaker": float(name == last_speaker),
                "spoke": float(any((m.index, m.at) in self.spoke for m in mentions)),
                "gender_agree": float(want is not None and gender == want),
                "gender_clash": float(want is not None and gender is not None and gender != want),
                "mentions_near": math.log1p(len(mentions)),
                "mentions_before": math.log1p(self.count_before(name, index, at)),
                "headline": float(name in self.headline),
                "unnamed": float((mention.index, mention.at) in self.unnamed),
                "single": float(" " not in name),
                "object": float(self.is_object(mention)),
                "possessive": float(self.is_possessor(mention)),
                "modifier": float(self.is_modifier(mention)),
            }
            found.append((name, features))
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
        return _opens_sentence(prefix) or prefix[-1:] in QUOTE_CHARS

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

    def subject(self, index: int, start: int, end: int) -> str | None:
        """The person opening the sentence (or clause) ``texts[index][start:end]``, if one
        does: after a leading clause and its comma (``Outside afterwards, Kline …``) or
        a role (``Republican candidate Donald Trump …``), never a possessor."""
        text = self.texts[index]
        pronoun = _SUBJECT_PRONOUN.match(text[start:end]) or _CLAUSE_PRONOUN.match(text[start:end])
        if pronoun:
            return self.pronoun(pronoun.group(1), index, start)
        mentions = [m for m in self.mentions[index] if start <= m.at < end]
        if not mentions:
            return None
        first = mentions[0]
        if self.is_possessor(first):  # "Hillary Clinton's right-hand woman said"
            return None
        prefix = LEADING.sub("", text[start : first.at].lstrip()).strip()
        return first.name if _opens_sentence(prefix) else None

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
        if speaker.lower() in PRONOUNS:
            resolved = self.pronoun(speaker, index, at)
            return None if resolved is None else self.canonical(resolved)
        if speaker.lower() == "it":  # "it said in a statement": the organisation
            return self.organisation(index, at)
        if speaker.lower() == "they":  # a group: only an organisation just named
            return self.organisation(index, at, recent_sentences=1)
        age = _AGE.match(speaker)
        if age:  # "the 52-year-old": the person given that age, else the latest person
            return self.aged(age.group(1), index, at) or self.pronoun("they", index, at)
        bare = speaker[4:] if speaker.lower().startswith("the ") else speaker
        if bare in self.acronyms:  # "the BSP", defined as "Bangko Sentral ng Pilipinas (BSP)"
            return self.acronyms[bare]
        partitive = _PARTITIVE.match(speaker)
        if partitive:  # "one of the sources": an earlier unnamed source, else as written
            definite = "the " + partitive.group("rest").lower()
            resolved = resolve_definite(definite, self.sources(index, at))
            return resolved if resolved != definite else speaker.lower()
        if speaker.lower().startswith("the "):
            return self.definite(speaker, index, at)
        name = self.canonical(speaker)
        if " " not in name and not is_unnamed(name):
            name = self.latest_holder(name, index, at) or name
        return name

    def definite(self, speaker: str, index: int, at: int) -> str:
        """``the …``: an earlier unnamed source, an organisation, a person by role, or as is."""
        words = speaker.split()[1:]
        if len(words) > 1 and all(w[:1].isupper() or w in {"of", "for", "and"} for w in words):
            return " ".join(words)  # "the Riverton Pediatric Society": a name, no article
        sources = self.sources(index, at)
        if sources:
            resolved = resolve_definite(speaker.lower(), sources)
            if resolved != speaker.lower():
                return resolved
        noun = words[-1].lower()
        nouns = [
            w.lower() for w in reversed(words) if w.isalpha() and w.lower() not in SOURCE_STOP_WORDS
        ]
        earlier = [o for o in self.orgs if (o[0], o[1]) < (index, at)]
        if noun in COMPANY_NOUNS and earlier:
            companies = [name for _, _, name, corporate in earlier if corporate]
            if not any(noun in name.lower().split() for _, _, name, _ in earlier):
                # The company a story is about: the most mentioned, else the first named.
                pool = companies or [name for _, _, name, _ in earlier]
                return max(pool, key=lambda name: (self.org_weight(name), -pool.index(name)))
            if companies:
                return companies[0]
        for _, _, name, _ in reversed(earlier):
            if noun in name.lower().split():
                return name
        for wanted in nouns:  # the latest person introduced in that role, by its last noun
            for back in range(index, -1, -1):  # first ("candidate"), else an earlier one
                for mention in reversed(self.mentions[back]):
                    end = self.ends.get((back, mention.at))
                    if (
                        end is not None
                        and (back, mention.at) < (index, at)
                        and wanted in role_words(self.texts[back], mention.at, end)
                    ):
                        return mention.name
        if len(words) == 1 and words[0][:1].isupper():
            word = words[0]
            if word.lower() in NATIONALITIES or word.lower() in DEMONYM_NOUNS:
                # "the Norwegian", "the Portuguese": the latest person
                return self.pronoun("they", index, at) or speaker
            return word  # "the ACU", "the Hill": an organisation, without its article
        if noun in _ROLE_NOUNS:
            # "the striker", "the chancellor" with no one introduced so: the person the
            # passage is about (the ranker, without a gender), if the ranker is sure
            return self.role_holder(noun, index, at) or speaker.lower()
        return speaker.lower()

    def role_holder(self, noun: str, index: int, at: int) -> str | None:
        """Who "the ``noun``" is when no one was introduced so: the person the passage is
        about, by the ranker (without a gender), if it is sure. Anyone introduced in
        another role of that kind ("Brafman, the lawyer" for "the judge") is not."""
        candidates = [
            (name, features)
            for name, features in self.antecedents("they", index, at)
            if not (self._roles(name, index, at) & _ROLE_NOUNS) - {noun}
        ]
        if not candidates:
            return None
        odds = probabilities([features for _, features in candidates])
        best = odds.index(max(odds))
        return candidates[best][0] if odds[best] >= SURE else None

    def _roles(self, name: str, index: int, at: int) -> frozenset[str]:
        """The role words of every introduction of ``name`` before ``at``."""
        found: set[str] = set()
        for back in range(index + 1):
            for mention in self.mentions[back]:
                end = self.ends.get((back, mention.at))
                if mention.name == name and end is not None and (back, mention.at) < (index, at):
                    found |= role_words(self.texts[back], mention.at, end)
        return frozenset(found)

    def organisation(self, index: int, at: int, recent_sentences: int = 0) -> str | None:
        """The organisation ``it`` stands for: the latest one named in this paragraph or
        the three before, else the one the article names most, if any. With
        ``recent_sentences`` (for ``they``, which may be any group of people), only one
        named in that many sentences before."""
        earlier = [o for o in self.orgs if (o[0], o[1]) < (index, at)]
        if recent_sentences:
            here = self.sentence_number(index, at)
            near = [
                o for o in earlier if here - self.sentence_number(o[0], o[1]) <= recent_sentences
            ]
            return near[-1][2] if near else None
        recent = [o for o in earlier if o[0] >= index - 3]
        if recent:
            return recent[-1][2]
        if earlier:
            names = [name for _, _, name, _ in earlier]
            return max(names, key=lambda name: (self.org_weight(name), -names.index(name)))
        return None

    def aged(self, age: str, index: int, at: int) -> str | None:
        """The latest person introduced with this age (``Wilson, 28,``, ``the 28-year-old X``)."""
        pattern = re.compile(rf",[ \t]+{age}\b")
        for back in range(index, -1, -1):
            for mention in reversed(self.mentions[back]):
                end = self.ends.get((back, mention.at))
                if end is None or (back, mention.at) >= (index, at):
                    continue
                text = self.texts[back]
                if (
                    pattern.match(text, end)
                    or f"{age}-year-old" in text[max(0, mention.at - 30) : mention.at]
                ):
                    return mention.name
        return None

    def org_weight(self, name: str) -> int:
        """How often an organisation is named, by its full name or its first word."""
        if name not in self._org_weight:
            head = re.compile(r"\b" + re.escape(name.split()[0]) + r"\b")
            self._org_weight[name] = sum(len(head.findall(t)) for t in self.texts)
        return self._org_weight[name]

    def qa_subject(self, index: int) -> str | None:
        """The one person an introduction to questions and answers names
        (``We asked Dr. X … to answer shoppers' questions.``), if it says so."""
        if index < 0 or not _QA_INTRO.search(self.texts[index]):
            return None
        names = {m.name for m in self.mentions[index] if (index, m.at) not in self.unnamed}
        return names.pop() if len(names) == 1 else None

    def latest_holder(self, surname: str, index: int, at: int) -> str | None:
        """A surname several people share: the one of them mentioned last before ``at``."""
        tail = " " + surname.lower()
        for back in range(index, -1, -1):
            for mention in reversed(self.mentions[back]):
                if (back, mention.at) < (index, at) and mention.name.lower().endswith(tail):
                    return mention.name
        return None

    def colon_cue(self, text: str, ctx: Context) -> Cue | None:
        """``X talked about it when joking: "…"``: the sentence's subject, if a person."""
        if not ctx.before.rstrip().endswith(":"):
            return None
        before = text[sentence_start(text, ctx.sentence_at) : ctx.sentence_at] + ctx.before
        first = re.match(r"\s*([Hh]e|[Ss]he)\b", before) or _FIRST_WORDS.match(before)
        if first:
            name = first.group(1)
            if name.lower() in ("he", "she"):  # not "Her lawyer was blunt:"
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
            names = {self.person(n) for _, _, n, _ in person_runs(mask_abbreviations(head))}
            names.discard(None)
            if len(names) == 1:
                return names.pop()
        return None


_APPOSITION_START = re.compile(r",[ \t]+(?:a|an|the)[ \t]", re.IGNORECASE)


_PERSON_SUFFIX = re.compile(r"(?:ist|er|or|ian|man|woman|person)$")


def _is_person_role(words: frozenset[str]) -> bool:
    """Whether appositive words name a person's role (``percussionist``, ``spokesman``)."""
    return any(
        w in TITLE_WORDS or w in OPENING_TITLE_WORDS or _PERSON_SUFFIX.search(w) for w in words
    )
