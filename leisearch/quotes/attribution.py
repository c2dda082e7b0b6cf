"""Quotation stage 3: attribution, one article at a time.

3. **Attribution** (``extract_quotes``). Abbreviation dots (``Mr.``,
   ``Ms.``, ``Dr.`` …) are first swapped for a look-alike character of the
   same length, so ``"…" Ms. Krishnan said`` matches a cue and ends no
   sentence; the mask never reaches a speaker name. The first rule that
   names a speaker wins; its name becomes ``Quote.cue``:

   * a cue *before* the quote in its sentence: ``X said:``, ``X said that``,
     ``X told Outlet,``, ``X said in an interview,``, ``X responded with``,
     ``asked by X whether``, ``according to X,`` (the verb is the cue);
   * a cue *after* it: ``"…," said X`` and ``"…" X said`` (the same verbs);
     a split quote (``"A," X said, "B."``) gets both halves this way;
   * ``colon``: a sentence whose subject is a person and that ends with a
     colon just before the quote;
   * ``transcript``: in an article where at least two speaker labels
     (``VAN DER BERG:``, ``Sayed:``) each open two paragraphs or more, such a
     paragraph is that speaker's turn, from after the label to its end; the
     label stands for the full name that ends with it;
   * ``"A," said X, "B."``: an inverted cue between the halves names B's speaker;
   * ``the …``: an acronym defined as ``Long Name (ABBR)`` (``the BSP``) is
     that organisation; a partitive (``one of the sources``) is the earlier
     unnamed source sharing its noun, else kept as written; a definite
     speaker is an earlier unnamed source sharing a word (singular and plural
     agree; sources include ``…, said a person briefed on the talks``), else
     ``the`` + a capitalised name (an organisation, the article dropped), else
     ``the company`` (``firm``, ``utility``, ``miner`` …) is an organisation
     whose name holds the noun, else the organisation the story is about (the
     most named by its first word among the companies, those with a legal
     suffix or prefix or a company noun before them, else among all),
     else the latest person introduced with that role (``Health Commissioner
     X``, ``X, a researcher``), else for ``the Norwegian`` the latest person;
     a surname several people share goes to the one last mentioned as a
     subject or speaker, else the one the headline names, else the latest;
   * ``description``: the next sentence or paragraph says whose words they
     were (``This is the description of X, a reporter of …``);

   and, for a quote that opens a sentence with no cue of its own:

   * ``said:``: a paragraph that is only a quote, after a paragraph that ends
     with a cue and a colon (``… shop steward X said:``), is X's, as the cue's
     speaker is (a statement read out over several paragraphs, which then
     continue it: ``continuation``);
   * ``same speaker``: only the previous quote's attribution stands between
     them (``"A," said X, head of Y. "B."``), naming nobody else;
   * ``previous sentence``: the sentence before has X said, responded … ;
   * ``subject``: the sentence before opens with a person, whatever its verb
     (``X was blunt. "…"``, ``Asked about it, X laughed. "…"``), or with a
     possessor's role that an appositive names (``Scott's niece, Y, shouted.
     "…"``: Y); for a
     paragraph that is only a quote, the last sentence of the paragraph before;
   * ``continuation``: a paragraph that is only a quote, after a paragraph
     whose last quote by X was left open (no closing mark);
   * ``interview``: in an article whose title or first paragraph says it is an
     interview and names one person (the headline's person first), quotes in
     or after a numbered (or ``Q:``) question line are that person's answers;
     so are the answers of a block of questions whose introduction (the
     paragraph before) names one person and speaks of answers, responses,
     questions or editing (``We asked Dr. X … Her responses have been
     edited``);
   * ``dialogue``: a paragraph that is only a closed quote, after two
     paragraphs quoting two different people where the last was a reply or a
     question: the two take turns. Otherwise a closed quote alone in its
     paragraph continues the previous paragraph's speaker (``continuation``);
   * ``context``: a paragraph that is only a quote in the first person,
     within three paragraphs of the last named speaker and with no question
     line in between, is that speaker's.

The people behind these rules are in ``mentions``; pronouns in ``pronouns``; what a
cue's phrase resolves to in ``resolution``; interviews and transcripts in
``transcripts``. This module is a little over 400 lines because the rules stay
together, in the order they are tried, below the list of them above.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from leisearch.models import HIGH, LOW, MEDIUM, Article, Paragraph, Quote, min_level

from . import pronouns
from .cues import (
    DESCRIPTION,
    FIRST_PERSON,
    SPEECH_SENTENCE,
    VERB,
    Cue,
    blank_parentheses,
    cue_after,
    cue_before,
    squeeze,
    subject_before,
)
from .mentions import Cast, Mention
from .names import HONORIFIC, PersonOf, person_of
from .phrases import clean_speaker, is_unfinished, is_unnamed, of_owner, owned_body
from .pronouns import refer
from .ranker import SURE
from .resolution import (
    colon_cue,
    gender_of_person,
    interviewee,
    qa_subject,
    referent,
    settle,
    subject_of,
)
from .sentences import (
    sentence_start,
)
from .spans import Candidate, find_candidates
from .speech import Context
from .transcripts import ANSWER_LINE, QUESTION_LINE, inside_marks, transcript_turns
from .words import (
    CURLY_CLOSE,
    MASK,
    ORG_PRONOUNS,
    PRONOUN_GENDER,
    PRONOUNS,
    QUOTE_CHARS,
    STRAIGHT,
    TURN_CUES,
)


def _next_text_cue(text: str) -> Cue | None:
    match = DESCRIPTION.match(text)
    if match:
        speaker = clean_speaker(match.group("subj"))
        if speaker:
            return Cue(speaker, "description")
    return None


def _cue_ending(text: str) -> Cue | None:
    """The cue that ends a paragraph with a colon, after its last quote mark if it has
    any (``In a statement, shop steward Terrence Obi said:``), for the quote that opens
    the next paragraph."""
    if not text.rstrip().endswith(":"):
        return None
    # After the paragraph's last quotation, not its last apostrophe ("Dara O'Neill said:").
    quotations = find_candidates(text)
    after = quotations[-1].close_at + 1 if quotations else 0
    return cue_before(blank_parentheses(text[after:]) + " ")


def _previous_sentence_cue(text: str, sentence_at: int, floor: int) -> Cue | None:
    """A cue in the sentence before ``sentence_at`` (``X responded that …. "…"``)."""
    if sentence_at <= floor:
        return None
    prev_start = sentence_start(text, max(sentence_at - 2, 0), floor)
    sentence = text[prev_start:sentence_at]
    # Only the clause that follows any quote in that sentence can hold the cue.
    last_mark = max(sentence.rfind(c) for c in CURLY_CLOSE + STRAIGHT)
    clause = sentence[last_mark + 1 :]
    match = SPEECH_SENTENCE.search(squeeze(clause))
    if match and match.group("verb") not in {"asked", "asks", "ask"}:
        speaker = subject_before(match.group("subj"))
        if speaker:
            return Cue(speaker, "previous sentence")
    return None


@dataclass(frozen=True, slots=True)
class _Last:
    """The last quotation of a paragraph: its speaker, whether its quote was closed,
    whether the paragraph reads as a turn in a conversation (a reply or a question), and
    how sure its attribution is."""

    speaker: str
    closed: bool
    turn: bool
    confidence: str = LOW


@dataclass(frozen=True, slots=True)
class _Prev:
    """The quotation before, in the same paragraph."""

    cand: Candidate
    speaker: str
    confidence: str


@dataclass(slots=True)
class _Walk:
    """The reading of one article so far: what the rules for the next quotation look
    back at. One exists per ``extract_quotes`` call, and nothing outlives it."""

    cast: Cast
    article: Article
    #: Paragraph index -> the last quotation attributed in it.
    last: dict[int, _Last] = field(default_factory=dict)
    #: The paragraph and name of the latest named speaker.
    last_named: tuple[int, str] | None = None
    #: The latest question line of an interview (-1: none yet).
    last_question: int = -1
    #: Who answers the questions, in an interview.
    interviewee: str | None = None

    def question_line(self, index: int) -> None:
        """Paragraph ``index`` is a question: a block of them may open here."""
        if self.interviewee is None or self.last_question < index - 2:
            # A block of questions opens: its introduction may name who answers.
            cast = self.cast
            self.interviewee = interviewee(cast, self.article) or qa_subject(cast, index - 1)
        self.last_question = index

    def attributed(self, site: _Site, found: _Found) -> None:
        """Remember a quotation's speaker for the rules of the quotations after it."""
        speaker, cue = found.speaker or "", found.rule
        # "Her office said": for the pronouns and rules after it, she is the one
        # mentioned here, as the cue wrote it; the quotation stays her office's.
        who = found.owner or speaker
        unnamed = is_unnamed(who)
        if not unnamed:
            self.last_named = (site.index, who)
        self.cast.add(Mention(site.index, site.cand.open_at, who), unnamed)
        quoted = site.text[site.cand.start : site.cand.end]
        turn = cue in TURN_CUES or quoted.rstrip(QUOTE_CHARS + " ").endswith("?")
        if site.index in self.last:
            turn = turn or self.last[site.index].turn
        self.last[site.index] = _Last(speaker, site.cand.closed, turn, found.confidence)


@dataclass(frozen=True, slots=True)
class _Site:
    """One speech span to attribute: paragraph ``index`` (its masked ``text``), the
    span, its context and adjacent cue, and the quotation before it in the paragraph."""

    index: int
    text: str
    cand: Candidate
    ctx: Context
    cue: Cue | None
    prev: _Prev | None


def extract_quotes(
    article: Article, aliases: Mapping[str, str] | None = None, read: PersonOf = person_of
) -> list[Quote]:
    """Every attributed direct quotation in ``article``, in reading order.

    Speakers are resolved from this article alone; ``aliases`` are the user's
    overrides (lower-cased alias -> canonical name), applied on top. ``read`` reads
    the article's capitalised runs as names: ``person_of``, or for many articles a
    ``person_reader``, which keeps what it found (the quotations are the same).
    """
    cast = Cast(article, {k.lower(): v for k, v in (aliases or {}).items()}, read)
    walk = _Walk(cast, article, interviewee=interviewee(cast, article))
    quotes: list[Quote] = []
    turns = transcript_turns(cast.texts)

    def emit(para: Paragraph, start: int, end: int, found: _Found) -> None:
        # The mask never reaches the output, whichever way the speaker was found.
        text, speaker = para.text[start:end], _unmasked(found.speaker)
        quote = Quote(article.id, article.title, para.number, text, start, end, speaker)
        quotes.append(replace(quote, cue=found.rule, confidence=found.confidence))

    for index, para in enumerate(article.paragraphs):
        text = cast.texts[index]
        if QUESTION_LINE.match(text):
            walk.question_line(index)
        if index in turns:  # "NAME: words": the whole turn, nested quotes included
            start, label = turns[index]
            # ("MR. SMITH" is the Smith the article names, as "SMITH" is)
            who = _turn_speaker(cast, label)
            walk.last[index] = _Last(who, True, True, HIGH)
            emit(para, *inside_marks(para.text, start), _Found(who, "transcript", HIGH))
            continue
        answer = ANSWER_LINE.match(text)
        if answer and walk.interviewee and 0 <= walk.last_question < index:
            # "A: In the garden, on my knees …": the interviewee's answer, quoted or not
            found = _Found(walk.interviewee, "interview", MEDIUM)
            walk.last[index] = _Last(walk.interviewee, True, True, MEDIUM)
            emit(para, *inside_marks(para.text, answer.end()), found)
            continue
        prev: _Prev | None = None  # the last quotation in this paragraph
        openers = cast.subject_pronouns(index)
        for cand, ctx, cue, label in cast.labelled[index]:
            # "She acknowledges that …": who she is counts as a mention of her, for the
            # pronouns and subjects after it.
            while openers and openers[0][0] < cand.open_at:
                refer(cast, index, *openers.pop(0))
            if label != "speech":
                continue
            site = _Site(index, text, cand, ctx, cue, prev)
            found = _attribute(walk, site)
            # A description cut off before its noun, that no name resolved: no speaker.
            if found.speaker is None or is_unfinished(found.speaker):
                continue
            # (unmasked for the quotations after it, which compare names as output)
            found = replace(found, speaker=found.speaker.replace(MASK, "."))
            walk.attributed(site, found)
            prev = _Prev(cand, found.speaker or "", found.confidence)
            emit(para, cand.start, cand.end, found)
        for opener in openers:
            refer(cast, index, *opener)
    return quotes


#: A description opening a sentence, before its verb: "The Labour leader hit back, …".
_DESCRIBED_SUBJECT = re.compile(
    r"\s*(?:(?:But|And|Yet|Then|Later|Meanwhile),?\s+)?(?P<np>(?:The|the)\s+(?:[A-Z][\w'\u2019-]*\s+){0,3}"
    r"[a-z][\w'\u2019-]*)\s+(?=(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b|hit\b|put\b|told\b)"
)


@dataclass(frozen=True, slots=True)
class _Found:
    """Who said a quotation, the rule that found them and how sure that is; for a body
    that speaks for someone (``Alison Carter's office``), whose it is (``owner``)."""

    speaker: str | None
    rule: str
    confidence: str = LOW
    owner: str | None = None


_NOBODY = _Found(None, "")


def _attribute(walk: _Walk, site: _Site) -> _Found:
    """The speaker of one speech span and the rule that found it (see the module doc)."""
    found = _attribute_rules(walk, site)
    last_named, ctx = walk.last_named, site.ctx
    if (  # a first-person paragraph near a named speaker, not across a question
        found.speaker is None
        and last_named
        and ctx.whole
        and walk.last_question < last_named[0] >= site.index - 3
        and FIRST_PERSON.search(site.text[site.cand.start : site.cand.end])
    ):
        return _Found(last_named[1], "context", LOW)
    return found


def _by_cue(cast: Cast, cue: Cue, index: int, at: int) -> _Found:
    """A cue's speaker: ``high`` when the cue names them (a name, or a source as written),
    ``medium`` when it only points at them (a pronoun, ``the chancellor``, an age)."""
    body = owned_body(cue.speaker)
    if body is not None:  # "her office said": as sure as whose office it is
        found = _by_cue(cast, Cue(body[0], cue.cue, cue.how), index, at)
        speaker = None if found.speaker is None else of_owner(found.speaker, body[1])
        return _Found(speaker, cue.cue, found.confidence, found.speaker)
    phrase = cue.speaker.lower()
    if phrase in PRONOUNS:  # the ranker's doubt is ours: a close call is only a guess
        person, odds = pronouns.pronoun_and_probability(cast, phrase, index, at)
        speaker = referent(cast, phrase, person, index, at) if person is not None else None
        return _Found(speaker, cue.cue, MEDIUM if odds >= SURE else LOW)
    speaker = settle(cast, cue.speaker, index, at)
    pointing = phrase in ORG_PRONOUNS or phrase.startswith(("the ", "this ", "that "))
    return _Found(speaker, cue.cue, MEDIUM if pointing else HIGH)


def _attribute_rules(walk: _Walk, site: _Site) -> _Found:
    """The rules in the module doc's order; the first that names a speaker wins."""
    cast, index, text = walk.cast, site.index, site.text
    cand, ctx, prev = site.cand, site.ctx, site.prev
    quoted = text[cand.start : cand.end]
    cue = site.cue or colon_cue(cast, index, text, ctx)
    if cue is None and ctx.whole and index > 0:
        # A paragraph that is only a quote, after one that ends "X said:": X's, as if
        # the quote followed the colon in the same paragraph.
        said = _cue_ending(cast.texts[index - 1])
        if said is not None:
            return _by_cue(cast, said, index - 1, len(cast.texts[index - 1]))
    if cue is None:
        cue = _next_text_cue(ctx.after.lstrip(' ,.\u201d"'))
        if cue is None and ctx.whole and index + 1 < len(cast.texts):
            cue = _next_text_cue(cast.texts[index + 1])
    if cue is not None and cue.how == "subject":  # "X …, saying: "…"": the sentence's subject
        floor = prev.cand.close_at + 1 if prev else 0
        if prev and _only_attribution_between(cast, index, floor, cand.open_at, prev.speaker):
            # '"…," she said, adding, "…"': the subject of the first quotation's cue
            return _Found(prev.speaker, cue.cue, prev.confidence)
        start = sentence_start(text, cand.open_at)  # not only after the last quote mark
        subject = subject_of(cast, index, start, cand.open_at)
        if subject is None:  # "The Vermont senator emailed supporters saying: "…""
            described = _DESCRIBED_SUBJECT.match(text, start)
            if described:
                return _Found(settle(cast, described.group("np"), index, start), cue.cue, MEDIUM)
        return _Found(cast.canonical(subject) if subject else None, cue.cue, MEDIUM)
    if cue is not None and prev and _right_after(text, prev, cand) and _may_be(cast, cue, prev):
        # "X said: '…' '…,' she added": the quotation right before is hers
        return _Found(prev.speaker, cue.cue, min_level(prev.confidence, MEDIUM))
    if cue is not None:
        found = _by_cue(cast, cue, index, cand.open_at)
        if cue.cue in ("description", "colon"):  # read from the sentence, not a speech verb
            return _Found(found.speaker, cue.cue, min_level(found.confidence, MEDIUM))
        return found
    if ctx.before.strip():
        return _NOBODY
    floor = prev.cand.close_at + 1 if prev else 0
    if prev and _only_attribution_between(cast, index, floor, cand.open_at, prev.speaker):
        return _Found(prev.speaker, "same speaker", prev.confidence)
    cue = _previous_sentence_cue(text, ctx.sentence_at, floor)
    if cue is not None:
        return _Found(settle(cast, cue.speaker, index, cand.open_at), cue.cue, LOW)
    if ctx.sentence_at > floor:
        start = sentence_start(text, ctx.sentence_at - 1, floor)
        subject = subject_of(cast, index, start, ctx.sentence_at)
        if subject:
            return _Found(cast.canonical(subject), "subject", LOW)
    last = walk.last
    before = last.get(index - 1)
    if ctx.whole and before and not before.closed:
        return _Found(before.speaker, "continuation", min_level(before.confidence, MEDIUM))
    if walk.interviewee and 0 <= walk.last_question <= index:
        return _Found(walk.interviewee, "interview", MEDIUM)
    if not ctx.whole:
        return _NOBODY
    turn = before is not None and (before.turn or quoted.rstrip(QUOTE_CHARS).endswith("?"))
    if before and turn and index - 2 in last and last[index - 2].speaker != before.speaker:
        return _Found(last[index - 2].speaker, "dialogue", LOW)  # two people take turns
    if index > 0 and index - 1 not in last:
        starts = cast.sentence_starts(index - 1)
        subject = subject_of(cast, index - 1, starts[-1], len(cast.texts[index - 1]))
        if subject:
            return _Found(cast.canonical(subject), "subject", LOW)
    if before:  # a paragraph that is only a quote continues the one before (0.88 on train)
        return _Found(before.speaker, "continuation", min_level(before.confidence, MEDIUM))
    return _NOBODY


#: How far after a quotation its attribution may run (``, said X, a … who …``).
_ATTRIBUTION_CHARS = 600
#: A speech verb, but not one that says why a source is unnamed (``who asked not to be
#: named``) or one in a clause about the speaker (``…, who said he left on good terms``).
_SPEECH_VERB = re.compile(r"(?<!\bwho )\b(?!asked not\b|asked that\b)" + VERB + r"\b")


def _right_after(text: str, prev: _Prev, cand: Candidate) -> bool:
    """Whether a quotation opens right after the last one closed, nothing between."""
    return not text[prev.cand.close_at + 1 : cand.open_at].strip()


def _may_be(cast: Cast, cue: Cue, prev: _Prev) -> bool:
    """Whether a pronoun cue (``she added``) may be the last quotation's named speaker:
    a person, of no other sex than the pronoun's."""
    pronoun = cue.speaker.lower()
    if pronoun not in ("he", "she") or not prev.speaker or is_unnamed(prev.speaker):
        return False
    return gender_of_person(cast, prev.speaker) in (PRONOUN_GENDER[pronoun], None)


def _turn_speaker(cast: Cast, label: str) -> str:
    """Who a transcript's label names: the person of its full name without a title
    (``Dame Ruth Allbright``, ``JAKE TAPPER``), else the person the article names so
    (``MR. SMITH`` is its Nathaniel Smith), else the label as written (``Mr Speaker``)."""
    written = label.title() if label.isupper() else label
    found = person_of(written)
    if found is not None and " " in found[0]:
        return cast.person(found[0]) or found[0]
    named = cast.person(HONORIFIC.sub("", label))
    return named if named is not None and " " in named else cast.person(label) or written


def _unmasked(name: str | None) -> str | None:
    return None if name is None else name.replace(MASK, ".")


def _only_attribution_between(cast: Cast, index: int, start: int, end: int, speaker: str) -> bool:
    """Whether ``texts[index][start:end]``, between two quotations, is only the first one's
    attribution (``"A," said X, a strategist who advised Y. "B."``): at most one speech
    verb, and no sentence in it that opens with someone else."""
    between = cast.texts[index][start:end]
    verbs = len(_SPEECH_VERB.findall(between))
    if len(between) > _ATTRIBUTION_CHARS or verbs > 1:
        return False
    if verbs:  # the verb must be the first quotation's cue, naming its speaker
        cue = cue_after(blank_parentheses(between))
        if cue is None:
            return False
        # (compared with initials' dots as written: "Roland T. Achebe" is resolved from the
        # masked text, where the dot of an initial is a look-alike)
        settled = settle(cast, cue.speaker, index, start)
        if cue.speaker.lower() not in PRONOUNS and _unmasked(settled) != _unmasked(speaker):
            return False
    starts = [s for s in cast.sentence_starts(index) if start < s < end] + [end]
    for at, stop in itertools.pairwise(starts):
        subject = subject_of(cast, index, at, stop)
        if subject is not None and cast.canonical(subject) != speaker:
            return False
    return True


def attribute_corpus(
    articles: Iterable[Article], user_aliases: Mapping[str, str] | None = None
) -> Iterator[list[Quote]]:
    """The quotations of each article, as ``leisearch index`` attributes them: each
    article on its own, with the user's aliases."""
    for article in articles:
        yield extract_quotes(article, user_aliases)
