"""Cleaning: web residue out of an article's blocks, one small pure rule at a time,
and a record of everything taken out.

Scraped articles carry text that is not the article. Each rule below is a pure
function over the blocks (``CLEANING_STAGES``, in order, after
``drop_repeated_title``), documented and tested on its own, and none of them
names a particular site or file. ``clean`` runs them all and returns the blocks
kept and a ``Removed`` record for each block or line taken out, named by its rule
(``RULES``), so that nothing leaves an article without a trace:

``repeated-title``
    A block equal to the title within the first three blocks.
``dateline``
    Within the first three blocks, a short one that gives the article's date: a
    date alone (``12 Feb 2024``), or one after a byline or a label (``By Dan
    Fairley, Sports Editor, March 24, 2024``, ``Published 12th March 2024``, ``By
    Rhiannon Bell | Tue, 19 Mar 2024 10:00:00 GMT | 4 min read``), or a section's
    label and a date set apart by a bar (``Cape Mercury Sport | 4 June 2024``); or a
    block of a byline's line and a date's (``By Nadia Sorensen`` over ``5 September
    2025``), maybe with the writer's role on a line between (``Health Editor``), cut
    line by line as ``byline`` and ``dateline``. The article takes its date from
    it when its file gives none (``ingest.assemble``).
``navigation``, ``artifact``, ``credit``, ``byline``, ``comment-form``, ``link``, ``furniture``
    Residue lines (``drop_residue_lines``): navigation (``<<: ...``, ``>>: ...``,
    ``Previous: ...``), CMS artifacts (``[[136918]]``, also taken out of a line that
    stays), image or photo credits (``Image source: ...``, ``(Photo source: ...)``),
    bylines whose value is a short name (``Written by / Zhang Linyu``, ``Editor: Li
    Wei``), comment-form text (``Your email address will not be published``,
    ``Required fields are marked *``, reCAPTCHA notices), link lines (``READ MORE:
    …``, ``Watch: …``, ``Also read: …``) and page furniture (``Story continues
    below``, ``Article Continued Below``, ``Advertisement``, ``Media playback is
    unsupported on your device``, ``Image caption …``). A block left empty
    disappears.
``trailer``
    A block that is only a trailer heading (``Recommend``, ``Similar Posts``,
    ``Related Articles``, ``Related Topics``, ``Share this page``, ``Leave a
    Reply``, ``Comments (3)``, ...) ends the article, provided that
    everything after it looks like teasers or form text: short blocks, or blocks cut
    off with an ellipsis. So does a last block that is such a heading over teasers,
    a line each, as a plain-text file writes them.
``tags``
    Two or more short blocks (four words at most, no sentence punctuation) that
    end the article after its last paragraph of prose: topic tags (``Tennis``,
    ``Wimbledon 2025``).
``about-author``, ``author-bio``
    An ``About the author`` heading and what follows it; or a block among the
    last two that hits at least three author-bio cues ("winner of", "of the
    year", "awards", "columnist", ...) and has no quote marks.
``boilerplate``
    A press release's ``About`` heading among the last four blocks, naming the
    organisation the next block opens with and describes (``About Brightwell
    Systems`` over ``Brightwell Systems is a provider of …``), and what follows it. (A press
    release's other marks, ``FOR IMMEDIATE RELEASE``, ``###``, ``Media contact:
    …``, are ``furniture``.)

Prose is safe: no rule removes a block or line of more than ``PROSE_WORDS`` (60)
words on a pattern. Only the bio rule looks at longer blocks at all, and then
asks for a cue every ``BIO_WORDS_PER_CUE`` words: a list of prizes and titles
is a bio, a paragraph of reporting that mentions an award and a prize is not.

Glued link text (``TeslaIt has``) is left as written; the analyzer splits it.

Over 400 lines on purpose: each rule is a section with its patterns, its stage over
blocks (which records what it removes) and the function over plain strings that its
table tests call. Split by rule, the order ``clean`` runs them in would be spread
over as many modules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leisearch.models import Removed

from .dates import parse_date
from .meta import WRITERS_ROLE

#: A block or line of more than this many words is prose: no rule removes it on a
#: pattern alone (the bio rule asks for more evidence, see ``is_author_bio``).
PROSE_WORDS = 60

#: Every rule name a ``Removed`` record can carry, in the order the rules run.
RULES = (
    "repeated-title",
    "dateline",
    "navigation",
    "artifact",
    "credit",
    "byline",
    "comment-form",
    "link",
    "furniture",
    "trailer",
    "tags",
    "about-author",
    "author-bio",
    "boilerplate",
)


@dataclass(frozen=True, slots=True)
class Block:
    """A block being cleaned: its text, and its place among the blocks as read."""

    text: str
    origin: int


@dataclass(frozen=True, slots=True)
class Cut:
    """What one rule took out of the block read at ``origin``; ``after`` when it was
    a line that followed kept text of that block."""

    rule: str
    text: str
    origin: int
    after: bool = False


#: A cleaning stage: the blocks in, the blocks kept and what was cut out.
Stage = Callable[[list[Block]], tuple[list[Block], list[Cut]]]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_prose(text: str) -> bool:
    return len(text.split()) > PROSE_WORDS


def _blocks(texts: Sequence[str]) -> list[Block]:
    return [Block(text, i) for i, text in enumerate(texts)]


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


# --- repeated title ------------------------------------------------------------------


def _repeated_title(blocks: list[Block], title: str) -> tuple[list[Block], list[Cut]]:
    key = _norm(title)
    kept: list[Block] = []
    cuts: list[Cut] = []
    for i, block in enumerate(blocks):
        if i < 3 and _norm(block.text) == key:
            cuts.append(Cut("repeated-title", block.text, block.origin))
        else:
            kept.append(block)
    return kept, cuts


def drop_repeated_title(blocks: list[str], title: str) -> list[str]:
    """Drop a block equal to the title among the first three blocks."""
    return _texts(_repeated_title(_blocks(blocks), title)[0])


# --- dateline ------------------------------------------------------------------------

#: What a dateline opens with: a byline (``By`` and a name, up to a comma or a bar),
#: or a label before the date.
_DATELINE_RE = re.compile(
    r"^\s*(?:by (?P<name>[^,|\u00b7\u2013\u2014]+)"
    r"|(?:first |last |originally )?(?:published|updated|posted)\b|date\s*[:：])",
    re.I,
)
#: A byline's name: one to four capitalised words, the first of them no month or day
#: (``_TIME_WORD``).
_BYLINE_NAME = re.compile(r"(?:[A-Z][\w.'-]*\s*){1,4}")
#: A dateline is short: a name, a role, a date and a time, a reading time.
_DATELINE_WORDS = 20
#: A date alone, with at most its weekday and time of day.
_DATE_ALONE_WORDS = 6


def dateline_date(text: str) -> str | None:
    """The date a dateline gives (ISO 8601), or ``None`` if ``text`` is no dateline.

    >>> dateline_date("By Dan Fairley, Sports Editor, March 24, 2024")
    '2024-03-24'
    >>> dateline_date("By Marcus Bell, Staff Writer, March 24, 2024")
    '2024-03-24'
    >>> dateline_date("By Tuesday Night, March 24, 2024, it was over")
    >>> dateline_date("Published 12th March 2024"), dateline_date("Tue 12 Feb 2024")
    ('2024-03-12', '2024-02-12')
    >>> dateline_date("Cape Mercury Sport | 4 June 2024")
    '2024-06-04'
    >>> dateline_date("By March 24, 2024, the council must decide how to pay for the wall.")
    >>> dateline_date("The vote was held on March 24, 2024.")
    """
    stripped = " ".join(text.split())
    words = len(stripped.split())
    if "\n" in text.strip() or words > _DATELINE_WORDS or stripped.endswith("."):
        return None
    if words > _DATE_ALONE_WORDS:
        opening = _DATELINE_RE.match(stripped)
        if opening is None:
            return _labelled_date(stripped)
        name = opening["name"]
        # "By March 24, 2024, the council must …" is a sentence; "By Marcus Bell" is a
        # name, though it begins as a month's abbreviation does.
        if name is not None and not (
            _BYLINE_NAME.fullmatch(name.strip()) and not _is_time_word(name.split()[0])
        ):
            return None
    return parse_date(stripped)


#: The bar or dot between a section's label and a date (``Sport | 4 June 2024``).
_LABEL_BAR = re.compile(r"\s[|\u00b7\u2022]\s")


def _labelled_date(line: str) -> str | None:
    """The date of a section's label and a date alone, set apart by a bar (``Cape
    Mercury Sport | 4 June 2024``), or ``None``."""
    parts = [part.strip() for part in _LABEL_BAR.split(line)]
    if len(parts) < 2 or any(len(part.split()) > _DATE_ALONE_WORDS for part in parts):
        return None
    dated = [(part, parse_date(part)) for part in parts]
    dates = [date for _, date in dated if date is not None]
    # (a section's name has no number: "Kick-off 3pm | Saturday 8 June 2024" is an event's)
    labels = [part for part, date in dated if date is None]
    if len(dates) != 1 or any(char.isdigit() for label in labels for char in label):
        return None
    return dates[0]


#: A weekday as a dateline abbreviates it (``Wed``, ``Thurs.``); not ``Sun``, a name too.
_DAY_ABBREVIATION = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat)\.?", re.I)


def _is_time_word(word: str) -> bool:
    """Whether ``word`` is a month, a day or a time (``_TIME_WORD``), or a weekday's
    abbreviation: ``By Wed, 12 March 2024, the ferries …`` is a sentence."""
    return bool(_TIME_WORD.fullmatch(word) or _DAY_ABBREVIATION.fullmatch(word))


def _dateline(blocks: list[Block]) -> tuple[list[Block], list[Cut]]:
    kept: list[Block] = []
    cuts: list[Cut] = []
    for i, block in enumerate(blocks):
        if i < 3 and not cuts and dateline_date(block.text):
            cuts.append(Cut("dateline", block.text.strip(), block.origin))
        elif i < 3 and not cuts and (lines := byline_and_date(block.text)):
            cuts.extend(Cut(rule, line, block.origin) for rule, line in lines)
        else:
            kept.append(block)
    return kept, cuts


#: A byline's line beside a date's, of a few words: ``By`` and a name, maybe a role or
#: ``staff`` after it (``By Meridian Wire staff``), no sentence's punctuation.
_SHORT_BY = re.compile(r"(?i:by|written by|words by|story by)\s+(?P<value>[A-Z][^.!?;:,]*)")
#: A byline line beside a date line has at most this many words.
_SHORT_BY_WORDS = 6


#: The labels of a byline (``_BYLINE_RE``) that name who wrote the article, not who
#: edited or laid it out.
_AUTHOR_LABELS = frozenset({"written by", "text by", "by", "author", "authors"})


def byline_author(text: str) -> str | None:
    """Who a byline or a dateline (a ``byline`` or ``dateline`` cut) says wrote the
    article: the name, without a role after it; None if it names no author.

    >>> byline_author("By Dan Fairley, Sports Editor, March 24, 2024")
    'Dan Fairley'
    >>> byline_author("Written by / Zhang Linyu"), byline_author("By Samira Haddad, Staff")
    ('Zhang Linyu', 'Samira Haddad')
    >>> byline_author("edit / Huang Da"), byline_author("Authors: Ann Roe, Tom Lee")
    (None, 'Ann Roe, Tom Lee')
    >>> byline_author("Posted May 20, 2024 | By Paolo Dizon")
    'Paolo Dizon'
    """
    line = " ".join(text.split())
    labelled = _BYLINE_RE.match(line)
    plain = _PLAIN_BYLINE_RE.match(line) or _SHORT_BY.fullmatch(line)
    dated = _DATELINE_RE.match(line)
    if labelled is not None:
        label = labelled["label"].lower()
        if label in ("author", "authors"):  # (a list of them: "Authors: Ann Roe, Tom Lee")
            return labelled["value"].strip() or None
        name = labelled["value"] if label in _AUTHOR_LABELS else ""
    elif plain is not None:
        name = plain["value"]
    else:
        name = (dated["name"] if dated is not None else None) or ""
        if not name:  # "Posted May 20, 2024 | By Paolo Dizon": a byline after the bar
            later = _BY_AFTER_BAR.search(line)
            found = later.group("name").strip() if later else ""
            words = found.split()
            name = (
                found
                if _BYLINE_NAME.fullmatch(found)
                and not _is_time_word(words[0])
                and not _ROLE_LINE.fullmatch(found)
                else ""
            )
    name = name.split(",")[0].split("|")[0].strip()
    return name or None


#: A byline after a bar in a dateline (``… | By Paolo Dizon``).
_BY_AFTER_BAR = re.compile(
    r"[|\u00b7\u2022]\s*by\s+(?P<name>(?-i:[A-Z])[^|\u00b7\u2022,\u2013\u2014]{1,60}?)"
    r"(?:\s+-\s|[|\u00b7\u2022,\u2013\u2014]|$)",
    re.I,
)


def byline_and_date(text: str) -> list[tuple[str, str]] | None:
    """A block of a byline's line and a date's (in either order, and maybe a line of
    each, as a plain-text file writes them under the title), line by line: each with
    its rule (``byline``, ``dateline``); None for any other block.

    >>> byline_and_date("By Nadia Sorensen\\n5 September 2025")
    [('byline', 'By Nadia Sorensen'), ('dateline', '5 September 2025')]
    >>> byline_and_date("By Meridian Wire staff\\n1 December 2025")[0]
    ('byline', 'By Meridian Wire staff')
    >>> byline_and_date("By then it was over.\\n5 September 2025") is None
    True
    >>> byline_and_date("By Owen Llewellyn\\nHealth Editor\\n15 May 2024")[1]
    ('byline', 'Health Editor')
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not 2 <= len(lines) <= 3:
        return None
    rules = ["dateline" if dateline_date(line) else "byline" for line in lines]
    if rules.count("dateline") != 1:
        return None
    for i, (line, rule) in enumerate(zip(lines, rules, strict=True)):
        if rule != "byline" or _beside_date(line):
            continue
        # "By Owen Llewellyn" / "Health Editor" / "15 May 2024": the writer's role
        if not (i and rules[i - 1] == "byline" and _ROLE_LINE.fullmatch(line)):
            return None
    return list(zip(rules, lines, strict=True))


#: A writer's role on a line of its own under a byline (``Health Editor``).
_ROLE_LINE = re.compile(WRITERS_ROLE, re.IGNORECASE)


def _beside_date(line: str) -> bool:
    """Whether ``line``, beside a date's, is a byline: one the residue rule reads as a
    byline, or ``By`` and a few words that are no time (``By Tuesday``)."""
    if residue_rule(line) == "byline":
        return True
    words = line.split()
    return (
        _SHORT_BY.fullmatch(line) is not None
        and len(words) <= _SHORT_BY_WORDS
        and not any(_TIME_WORD.fullmatch(word.strip(",")) for word in words)
    )


# --- residue lines -------------------------------------------------------------------

_NAV_RE = re.compile(
    r"^\s*(?:<<|>>|«|»|‹|›)\s*[:：]|^\s*(?:previous|next)(?: post| article| story)?\s*[:：]", re.I
)
_ARTIFACT_RE = re.compile(r"\[\[\d+\]\]")
_CREDIT_RE = re.compile(
    r"^\s*\(?\s*(?:image|photo|picture|pic|illustration|graphic|video)s?"
    r"\s*(?:source|credit|credits|by|courtesy|from)?\s*[:：/]"
    # a syndicated story's note of where it ran first
    r"|^\s*this (?:article|story|report|piece) (?:first |originally )?"
    r"(?:appeared|ran|was (?:first |originally )?published) (?:in|on|by)\b",
    re.I,
)
_BYLINE_RE = re.compile(
    r"^\s*(?P<label>written by|text by|by|author|authors|edit|editor|edited by|editing|design|"
    r"designer|layout|typesetting|proofreading|translator|translated by|compiled by|source)"
    r"\s*[/:：|]\s*(?P<value>.+)$",
    re.I,
)
#: A byline without a separator, the whole line: ``By Samira Haddad``, ``BY SAMIRA
#: HADDAD``, ``By Ana Ruiz and Li Wei``, ``Written by Ana Ruiz, Staff Reporter``.
_PLAIN_BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|story by|reporting by)\s+(?P<value>[^.!?;:]+)$", re.I
)
#: Words that make ``By …`` a time, not a name (``By Tuesday Night``, ``By March Madness``).
_TIME_WORD = re.compile(
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|tonight|then|now|noon|midnight",
    re.I,
)
_NAME_RE = re.compile(
    r"^(?:[A-Z][\w.'-]*|[\u4e00-\u9fff]+)(?:[ ,&]+(?:[A-Z][\w.'-]*|and|[\u4e00-\u9fff]+)){0,5}$"
)
_FORM_RE = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"protected by recaptcha|save my name, email|notify me of (?:new|follow-up)|"
    r"^\s*(?:name|email|website|comment)\s*\*?\s*$|^\s*post comment\s*$",
    re.I,
)
_CREDIT_MAX = 200
#: Link and player lines that news pages carry between paragraphs: a teaser after a
#: label (``READ MORE: …``, ``Watch: …``), or a line that is only page furniture.
_LINK_RE = re.compile(
    r"^\s*(?:read more|read|more|watch|watch now|watch live|also read|see also|related|listen)"
    r"\s*[:：|]\s*\S"
    # a link's label alone, and a call to join a channel or a newsletter
    r"|^\s*read more\s*[»›>]?\s*$"
    r"|^\s*(?:join|subscribe to|sign up (?:to|for)) (?:[\w'\u2019]+ ){0,4}(?:telegram|whatsapp"
    r"|signal|youtube) channel\b[^.!?]{0,100}[.!]?\s*$"
    r"|^\s*sign up (?:to|for) (?:[\w'\u2019]+ ){0,4}newsletters?\b[^.!?]{0,100}[.!]?\s*$",
    re.I,
)
_FURNITURE_RE = re.compile(
    r"^\s*(?:story continues below|article continues below|article continued below|"
    # A syndicated story's pointer to the rest of it: "Read the rest here.", "Read the rest
    # of the story at Mediaite." (as the whole line, and at a name or an address: "Read the
    # rest at once, and you will see" or "at your peril" is prose).
    r"read the rest(?: of (?:the|this) (?:story|article|piece|post))?"
    r"(?: here| at (?:(?-i:[A-Z0-9])[^.!?,]{0,60}|https?://\S+?))|"
    r"continue reading(?: the main story)?|advertisement|skip advertisement|sponsored|"
    # an editor's note of a change to the story: "This article was amended on 22 May 2024
    # to correct the number of objections."
    r"this (?:article|story) (?:was|has been) (?:amended|updated|corrected)"
    r" (?:on|at|to) [^\n]{0,160}|"
    r"media playback is (?:unsupported|not supported) on your device|"
    r"the bbc is not responsible for the content of external (?:sites|internet sites)|"
    r"sign in to comment(?: on this (?:story|article))?|"
    r"share(?: this(?: article| story| page)?)?(?: on)?\s*[:：|].*|"
    r"(?:image|picture) (?:caption|copyright)\b.*|"
    # A press release's marks: its release line, its embargo (a time, no clause after
    # it), its end mark, its contact line (an address or a number, or a name alone).
    r"for immediate release|"
    r"embargoed (?:until|till|for)\s+(?=[^,]*(?:\d|midnight|noon))[\w:./, ]{1,40}|"
    r"#{3}|-+\s*ends\s*-+|(?-i:ENDS)|"
    r"(?:media|press|news) (?:contacts?|enquiries|inquiries)\s*[:：]\s*"
    r"(?:[^.!?]{0,60}?(?:@\S+|\+?\d[\d ()-]{5,}\d)[^.!?]{0,40}|(?:(?-i:[A-Z])[\w'-]*\s*){1,4}))"
    r"\s*[.:]?\s*$",
    re.I,
)

#: A note of where to follow the writer: "Follow", who (no sentence break), "on" a site,
#: then the handles or addresses to follow, and at most a short sentence more (``Follow
#: Jane Roe on Twitter @janeroe. Reach her at …``). Handles are matched possessively: a
#: sentence that goes on after one (``follow him on YouTube https://… and you will
#: see``) is prose.
_FOLLOW_SITES = r"(?:twitter|x|facebook|instagram|threads|bluesky|mastodon|linkedin|tiktok|youtube)"
_HANDLE = r"(?:@\w++|https?://\S++)"
_FOLLOW_RE = re.compile(
    r"^\s*[\"\u201c]?follow\b(?!-)[^.!?,]{0,100}?\bon "
    + _FOLLOW_SITES
    + r"\s*(?::|at)?\s*"
    + _HANDLE
    + r"(?:\s*(?:,|and|or)\s*"
    + _HANDLE
    + r")*\s*[.!]?[\"\u201d]?\s*(?:$|(?<=[.!\"\u201d])\s*\S.{0,80}$)",
    re.I,
)


#: A wire story's credits: a photo caption's credit at its end (``… (AP Photo/Rick
#: Alvarado, File)``, ``(Courier photo by Sam Oduya)``), the writers who contributed
#: (``Associated Press writer Ann Roe contributed to this report.``), the reporting and
#: editing line (``(Reporting by Ann Roe; Editing by Tom Lee)``) and the copyright line.
_WIRE_CREDIT_RE = re.compile(
    r"\((?:AP|AFP|Reuters|[A-Z][\w&' -]{0,30}) Photo(?:/[^()]{0,80})?\)\s*$"
    r"|^\([\w&' -]{0,30}\bphotos? by [^()]{1,60}\)\s*$|^photos? by (?-i:[A-Z])[\w.' -]{0,40}$"
    r"|^(?:the )?[\w&' -]{0,40}\b(?:writers?|reporters?|correspondents?|staff)\b[^.]{0,160}"
    r"\bcontributed(?: to)?(?: this)? (?:report|story|article)\.?\s*$"
    r"|^\(\s*(?:additional )?reporting by\b[^()]{0,200}\)\s*\.?$"
    r"|^(?:copyright|\u00a9|\(c\))\s*(?:\u00a9\s*)?\d{4}\b[^\n]{0,200}$"
    # (or the holder first: "© Northern Ledger 2024", "Copyright Ann Roe 2024. All rights
    # reserved.")
    r"|^(?:copyright|\u00a9)\s*(?:\u00a9\s*)?(?:(?-i:[A-Z])[\w&'.-]*\s+){1,6}\d{4}"
    r"\.?(?:\s*all rights reserved\.?)?\s*$",
    re.IGNORECASE,
)


def residue_rule(line: str) -> str | None:
    """The rule that makes ``line`` residue (``RULES``), or ``None`` for a line of text.

    >>> residue_rule("<<:  12-inch iPad Pro is coming soon!"), residue_rule("[[136918]]")
    ('navigation', 'artifact')
    >>> residue_rule("Previous: " + "a long sentence of ordinary words " * 12) is None
    True
    """
    stripped = line.strip()
    if _is_prose(stripped):
        return None
    if _NAV_RE.match(stripped):
        return "navigation"
    if _FORM_RE.search(stripped):
        return "comment-form"
    short = len(stripped) <= _CREDIT_MAX
    if short and _LINK_RE.match(stripped):
        return "link"
    if short and (_FURNITURE_RE.match(stripped) or _FOLLOW_RE.match(stripped)):
        return "furniture"
    if not _ARTIFACT_RE.sub("", stripped).strip():
        return "artifact"
    if short and _CREDIT_RE.match(stripped):
        return "credit"
    if _WIRE_CREDIT_RE.search(stripped):
        return "credit"
    byline = _BYLINE_RE.match(stripped)
    if byline and _NAME_RE.match(byline.group("value").strip()):
        return "byline"
    if short and _is_plain_byline(stripped):
        return "byline"
    return None


#: A writer's role after a byline's name and its comma, whatever its case.
_ROLE_AFTER = re.compile(r",\s*" + WRITERS_ROLE + r"\s*$", re.IGNORECASE)


def _is_plain_byline(line: str) -> bool:
    """Whether a line is ``By`` and names alone, each of two words or more (``By
    Reuters`` could be a sentence's opening: ``By Friday``), with a role after a comma.

    >>> _is_plain_byline("By Samira Haddad"), _is_plain_byline("BY SAMIRA HADDAD, Staff Reporter")
    (True, True)
    >>> _is_plain_byline("By Tuesday Night"), _is_plain_byline("By then, the vote was over")
    (False, False)
    >>> _is_plain_byline("By Jenna Park-Ellis, Courier staff writer")
    True
    """
    found = _PLAIN_BYLINE_RE.match(line)
    if found is None:
        return False
    # A role in lower case after the comma: "By Jenna Park-Ellis, Courier staff writer".
    value = _ROLE_AFTER.sub("", found.group("value").strip())
    words = value.replace(",", " ").split()
    return (
        _NAME_RE.match(value) is not None
        and len(words) >= 2
        and not _TIME_WORD.fullmatch(words[0])
        and not _TIME_WORD.fullmatch(words[1])
    )


def is_residue_line(line: str) -> bool:
    """True for a navigation, artifact, credit, byline or comment-form line.

    >>> is_residue_line("<<:  12-inch iPad Pro is coming soon!")
    True
    >>> is_residue_line("Reporter: What do you think of patents?")
    False
    >>> is_residue_line("READ MORE: Minister quits over expenses row")
    True
    >>> is_residue_line("Read more about the plan in our guide, which explains it.")
    False
    """
    return residue_rule(line) is not None


def _residue_lines(blocks: list[Block]) -> tuple[list[Block], list[Cut]]:
    kept: list[Block] = []
    cuts: list[Cut] = []
    for block in blocks:
        lines: list[str] = []
        for line in block.text.split("\n"):
            rule = residue_rule(line)
            if rule is not None:
                cuts.append(Cut(rule, line.strip(), block.origin, after=bool(lines)))
                continue
            for artifact in _ARTIFACT_RE.findall(line):
                cuts.append(Cut("artifact", artifact, block.origin, after=True))
            line = _ARTIFACT_RE.sub("", line)
            if line.strip():
                lines.append(line)
        if lines:
            kept.append(Block("\n".join(lines), block.origin))
    return kept, cuts


def drop_residue_lines(blocks: list[str]) -> list[str]:
    """Remove residue lines (and inline ``[[123]]`` artifacts); drop emptied blocks."""
    return _texts(_residue_lines(_blocks(blocks))[0])


# --- trailers ------------------------------------------------------------------------

TRAILER_HEADINGS = frozenset(
    {
        "recommend",
        "recommended",
        "recommended for you",
        "recommended reading",
        "recommended articles",
        "recommended posts",
        "similar posts",
        "similar articles",
        "related",
        "related posts",
        "related articles",
        "related stories",
        "related reading",
        "you may also like",
        "you might also like",
        "more from this author",
        "popular posts",
        "leave a reply",
        "leave a comment",
        "post a comment",
        "comments",
        "related topics",
        "related internet links",
        "more on this story",
        "more on this",
        "share this page",
        "share this with",
        "share this article",
        "share this story",
        "top stories",
        "most read",
        "most popular",
        "elsewhere on the web",
        "around the web",
        "sign in to comment",
        "sign in to comment on this story",
    }
)
#: A count after a trailer's heading (``Comments (3)``).
_HEADING_COUNT = re.compile(r"\s*\(\d+\)$")
_TEASER_MAX = 200


def _is_trailer_heading(block: str) -> bool:
    return _HEADING_COUNT.sub("", _norm(block).rstrip(":：")) in TRAILER_HEADINGS


def _is_teaser(block: str) -> bool:
    stripped = block.strip()
    if _is_prose(stripped):
        return False
    return len(stripped) <= _TEASER_MAX or stripped.endswith(("...", "…"))


def _trailer(blocks: list[Block]) -> tuple[list[Block], list[Cut]]:
    for i, block in enumerate(blocks):
        if (
            i > 0
            and _is_trailer_heading(block.text)
            and all(_is_teaser(b.text) for b in blocks[i + 1 :])
        ):
            return blocks[:i], [Cut("trailer", b.text, b.origin) for b in blocks[i:]]
    if blocks and _is_trailer_list(blocks[-1].text):
        # A plain-text file's last block, the heading and its teasers a line each
        # ("Related stories\nAmbulance handovers hit record low\n…").
        return blocks[:-1], [Cut("trailer", blocks[-1].text, blocks[-1].origin)]
    return blocks, []


def _is_trailer_list(block: str) -> bool:
    """Whether a block is a trailer's heading over its teasers, a line each."""
    heading, _, rest = block.strip().partition("\n")
    teasers = [line for line in rest.split("\n") if line.strip()]
    return (
        bool(teasers)
        and _is_trailer_heading(heading)
        and all(_is_teaser(t) and not t.rstrip().endswith(".") for t in teasers)
    )


def cut_trailer(blocks: list[str]) -> list[str]:
    """Cut the article at a trailer heading followed only by teaser-like blocks."""
    return _texts(_trailer(_blocks(blocks))[0])


# --- topic tags ----------------------------------------------------------------------

#: A tag line: a few words with no sentence punctuation ("Wimbledon 2025", "Tennis").
_TAG_MAX_WORDS = 4
_SENTENCE_MARKS = frozenset('.!?:;"\u201c\u201d')


def _is_tag(block: str) -> bool:
    return len(block.split()) <= _TAG_MAX_WORDS and not _SENTENCE_MARKS & set(block)


def _trailing_tags(blocks: list[Block]) -> tuple[list[Block], list[Cut]]:
    end = len(blocks)
    while end > 1 and _is_tag(blocks[end - 1].text):
        end -= 1
    if len(blocks) - end < 2:
        return blocks, []
    return blocks[:end], [Cut("tags", b.text, b.origin) for b in blocks[end:]]


def drop_trailing_tags(blocks: list[str]) -> list[str]:
    """Drop the topic tags a page ends with: two or more short blocks without punctuation
    after the last paragraph of prose ("Monday", "Wimbledon 2025", "Tennis")."""
    return _texts(_trailing_tags(_blocks(blocks))[0])


# --- author bios ---------------------------------------------------------------------

_BIO_CUES = [
    re.compile(p, re.I)
    for p in (
        r"\bwinner of\b",
        r"\bof the year\b",
        r"\bawards?\b",
        r"\bcolumnist\b",
        r"\bcontributor\b",
        r"\b(?:influential|popular|best) (?:author|creator|writer|blogger)\b",
        r"\bauthor\b",
        r"\bcreator\b",
        r"\b(?:he|she) (?:has won|is the author|writes about|is a journalist)\b",
        r"\bofficial account\b",
        r"\bfollow (?:him|her|us)\b",
    )
]
_ABOUT_AUTHOR_RE = re.compile(r"^\s*about the authors?\s*:?\s*$", re.I)
_QUOTE_CHARS = frozenset('"“”')
_BIO_MIN_CUES = 3
#: Over ``PROSE_WORDS``, a bio needs a different cue for every this many words: the
#: list of prizes that closes a blogger's article has one every 12 or 13; reporting
#: that mentions an award and a prize has one in 40 or more.
BIO_WORDS_PER_CUE = 15


def is_author_bio(block: str) -> bool:
    """True when a block reads as an author biography: three or more cues, and over
    ``PROSE_WORDS`` words, one for every ``BIO_WORDS_PER_CUE``."""
    if _QUOTE_CHARS & set(block):
        return False
    words = len(block.split())
    needed = _BIO_MIN_CUES
    if words > PROSE_WORDS:
        needed = max(needed, math.ceil(words / BIO_WORDS_PER_CUE))
    return sum(1 for cue in _BIO_CUES if cue.search(block)) >= needed


#: A press release's ``About`` heading: ``About`` and a name (``About Brightwell
#: Systems``), which the next block opens with (``Brightwell Systems is a provider …``).
_ABOUT_NAME_RE = re.compile(
    r"^\s*about\s+(?P<name>(?-i:[A-Z])[\w&.'-]*(?:\s+[\w&.'-]+){0,4})\s*$", re.I
)
#: How far from the end an ``About`` heading may stand, in blocks.
_ABOUT_FROM_END = 4


#: What follows an organisation's name in its description: ``… is a provider of …``,
#: ``… (NASDAQ: BRW) …``, ``…, founded in 1990, …``, ``… makes billing software``; not
#: a story's ``Time is running out``.
_DESCRIBED = re.compile(
    r"\b(?:\s*,|\s+\(|\s+(?:is|are|was)\s+(?:a|an|the|one)\b|\s+(?:provides|makes|builds|"
    r"develops|offers|operates|designs|manufactures|supplies|sells|helps|was founded|has been))"
)


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _about_name_at(blocks: list[Block], i: int) -> bool:
    """Whether block ``i`` is a press release's ``About`` heading: near the end, with
    no long block after it, and the block after it opening with the name."""
    found = _ABOUT_NAME_RE.match(blocks[i].text)
    return (
        found is not None
        and i + 1 < len(blocks)
        and len(blocks) - i <= _ABOUT_FROM_END
        and _DESCRIBED.match(blocks[i + 1].text, len(found["name"]) + _lead(blocks[i + 1].text))
        is not None
        and blocks[i + 1].text.lstrip().startswith(found["name"])
        and not any(_is_prose(b.text) for b in blocks[i + 1 :])
    )


def _author_bio(blocks: list[Block]) -> tuple[list[Block], list[Cut]]:
    for i, block in enumerate(blocks):
        if i > 0 and _about_name_at(blocks, i):
            return blocks[:i], [Cut("boilerplate", b.text, b.origin) for b in blocks[i:]]
        if (
            i > 0
            and _ABOUT_AUTHOR_RE.match(block.text)
            and not any(_is_prose(b.text) for b in blocks[i + 1 :])
        ):
            return blocks[:i], [Cut("about-author", b.text, b.origin) for b in blocks[i:]]
    tail_start = max(1, len(blocks) - 2)
    kept = blocks[:tail_start]
    cuts: list[Cut] = []
    for block in blocks[tail_start:]:
        if is_author_bio(block.text):
            cuts.append(Cut("author-bio", block.text, block.origin))
        else:
            kept.append(block)
    return kept, cuts


def drop_author_bio(blocks: list[str]) -> list[str]:
    """Drop an author bio among the last two blocks, or from an ``About the author`` heading."""
    return _texts(_author_bio(_blocks(blocks))[0])


# --- all of them ---------------------------------------------------------------------

CLEANING_STAGES: tuple[Stage, ...] = (
    _dateline,
    _residue_lines,
    _trailer,
    _trailing_tags,
    _author_bio,
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The blocks an article keeps, and what cleaning removed, in reading order."""

    kept: tuple[str, ...]
    removed: tuple[Removed, ...]


def clean(blocks: Sequence[str], title: str) -> Cleaned:
    """Apply every cleaning rule, in order, to the blocks after the title; keep a record
    of each removal.

    >>> cleaned = clean(["Ferry", "Home\\n[[42]]", "The ferry sails.", "Recommend", "Buses"],
    ...                 "Ferry")
    >>> cleaned.kept
    ('Home', 'The ferry sails.')
    >>> [(r.rule, r.text, r.position) for r in cleaned.removed]
    [('repeated-title', 'Ferry', 0), ('artifact', '[[42]]', 1), ('trailer', 'Recommend', 2), \
('trailer', 'Buses', 2)]
    """
    current, cuts = _repeated_title(_blocks(blocks), title)
    for stage in CLEANING_STAGES:
        current, found = stage(current)
        cuts.extend(found)
    return Cleaned(tuple(_texts(current)), _placed(current, cuts))


def _placed(kept: list[Block], cuts: list[Cut]) -> tuple[Removed, ...]:
    """Each cut as a ``Removed`` at its position: the kept paragraphs before it."""
    origins = [b.origin for b in kept]
    removed = []
    # Reading order: by the block read, and within a block in the order found.
    for _, _, cut in sorted((c.origin, n, c) for n, c in enumerate(cuts)):
        before = sum(1 for o in origins if o < cut.origin)
        if cut.after and cut.origin in origins:
            before += 1  # a line after the kept text of its own paragraph
        removed.append(Removed(cut.rule, cut.text, before))
    return tuple(removed)
