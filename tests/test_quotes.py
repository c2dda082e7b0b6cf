"""Quotation engine: table tests per stage and per rule, the seed fixture, properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.ingest import load_articles
from leisearch.models import Article, Paragraph, Quote
from leisearch.quotes import attribute_corpus, cues, extract_quotes, person_reader
from leisearch.quotes.cues import cue_after, cue_before
from leisearch.quotes.sentences import mask_abbreviations
from leisearch.quotes.spans import find_candidates
from leisearch.quotes.speech import label_candidates
from leisearch.service.build import build
from leisearch.service.opening import Index, open_index
from leisearch.service.search import find_quotes

ROOT = Path(__file__).parent.parent
GOLD = Path(__file__).parent / "fixtures" / "quotes_gold.json"


def article(*paragraphs: str, title: str = "A story") -> Article:
    return Article("a", title, "", tuple(Paragraph(i, t) for i, t in enumerate(paragraphs, 1)))


def quotes_of(*paragraphs: str, title: str = "A story") -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.cue) for q in extract_quotes(article(*paragraphs, title=title))]


# --- stage 1: candidates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ('He said "hello there" today.', ["hello there"]),
        ("He said \u201chello there\u201d today.", ["hello there"]),
        ('Mismatched \u201copen curly, close straight. "', ["open curly, close straight. "]),
        ('Mismatched "open straight, close curly.\u201d', ["open straight, close curly."]),
        (
            "\u201cLeft open to the end of the paragraph.",
            ["Left open to the end of the paragraph."],
        ),
        (
            "\u201cOuter with \u2018inner\u2019 words.\u201d",
            ["Outer with \u2018inner\u2019 words."],
        ),
        (
            "\u201cOuter with \u201cnested double\u201d words.\u201d",
            ["Outer with \u201cnested double\u201d words."],
        ),
        (
            '\u201cOuter with "nested straight" words.\u201d',
            ['Outer with "nested straight" words.'],
        ),
        ("Xiaomi\u2019s users\u2019 phones and the \u201990s.", []),
        ("It's Xiaomi's and users' choice.", []),
        ("She said \u2018single quoted speech here\u2019 once.", ["single quoted speech here"]),
        ('"A," he said, "B."', ["A,", "B."]),
        ("\u201cOne\u201d \u201cTwo", ["One", "Two"]),
        ('Empty "" quotes', []),
        ("", []),
        # guillemets: both ways round, the French spaces inside them left out
        ("\u00abWe stay,\u00bb said Ana.", ["We stay,"]),
        (
            "\u00ab\u00a0Nous restons\u00a0\u00bb, dit-il. \u00ab Oui \u00bb",
            ["Nous restons", "Oui"],
        ),
        ("Er sagte: \u00bbWir bleiben.\u00ab Dann ging er.", ["Wir bleiben."]),
        ("\u00abHe said \u201cno\u201d twice,\u00bb she said.", ["He said \u201cno\u201d twice,"]),
        ("\u00abLeft open to the end", ["Left open to the end"]),
        # a single mark left open that opens the paragraph or a sentence, before a
        # capital, runs on (British papers' quotations over several paragraphs)
        ("\u2018When the police came I thought.", ["When the police came I thought."]),
        ("Ferrin said: \u2018I put in ten pounds.", ["I put in ten pounds."]),
        ("It was quiet. \u2018It was the quiet.", ["It was the quiet."]),
        # ... elsewhere it is an apostrophe
        ("He grew up in the \u2018Sixties and left.", []),
        ("It was the players\u2019 night. \u2018tis the season.", []),
    ],
)
def test_find_candidates(text: str, spans: list[str]) -> None:
    assert [text[c.start : c.end] for c in find_candidates(text)] == spans


# --- stage 2: classification ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ('He said: "We will build the best cars in the world."', "speech"),
        ('"We will build the best cars," she said.', "speech"),
        ('"Focus" mainly refers to products.', "word"),
        ("the \u201cinvolution\u201d of the market", "word"),
        ('The motto refers to "focus, extreme, word of mouth, and speed."', "fragment"),
        ('Many call it the "sea of stars" these days, and it keeps growing fast.', "fragment"),
        ('Li published a book called "Sense of Participation" about marketing.', "title"),
        (
            'He said it was an "unjust and false accusation." Then he smiled at everyone.',
            "fragment",
        ),
        ("\u201cSales were three to five times higher than expected\u201d", "heading"),
        ("Responding to \u201cDress imitation of Jobs and Musk\u201d", "heading"),
        ('"Seven Words of the Internet" was the plan that everyone at the firm followed.', "title"),
        ("Lei repeatedly responded with \u201cit\u2019s a secret\u201d.", "speech"),
    ],
)
def test_classify(text: str, label: str) -> None:
    labelled = label_candidates(text)
    assert labelled, text
    assert labelled[0][3] == label


# --- cue patterns -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "speaker", "cue"),
    [
        ("Lei Jun replied: ", "Lei Jun", "replied"),
        ("He said, ", "he", "said"),
        ("Lei Jun confidently stated that ", "Lei Jun", "stated"),
        (
            "A supply chain employee told Automotive Business Review, ",
            "a supply chain employee",
            "told",
        ),
        (
            "Regarding this goal, a senior person with 20 years of experience said: ",
            "a senior person with 20 years of experience",
            "said",
        ),
        ("Lei Jun said in an exclusive interview with the author, ", "Lei Jun", "said"),
        ("Lei Jun hopes to tell everyone that ", "Lei Jun", "tell"),
        ("Aside from that, Lei also mentioned: ", "Lei", "mentioned"),
        ("When asked by the netizens whether ", "the netizens", "asked"),
        ("According to Jane Doe, ", "Jane Doe", "according to"),
        ("Lei Jun, Chairman of Xiaomi Corporation, said: ", "Lei Jun", "said"),
        # a capitalised subject after an aside between dashes; a lower-case one is no name
        (
            "As Ruiz pressed him on the budget \u2014 especially where the pensions were"
            " concerned \u2014 Sanders answered with a phrase of his own: ",
            "Sanders",
            "answered",
        ),
        ("The winner \u2014 Jane Roe \u2014 said: ", "Jane Roe", "said"),
    ],
)
def test_cue_before(before: str, speaker: str, cue: str) -> None:
    found = cue_before(before)
    assert found is not None, before
    assert (found.speaker, found.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "before",
    [
        "The slogan refers to ",
        "Lei Jun said that Xiaomi's dream is ",
        "Li published a book called ",
        "",
    ],
)
def test_cue_before_negative(before: str) -> None:
    assert cue_before(before) is None


#: Text before a quotation, made of what the cue patterns read: names, cue words and the
#: words after them, and every character that stops or ends one.
_CUE_TEXT = st.lists(
    st.sampled_from(
        [
            "Jane Roe",
            "Mr. Smith",
            "the minister",
            " said",
            " told",
            " asked",
            " says",
            " was quoted as saying",
            " pointed out",
            " later",
            " also",
            " quickly",
            " that",
            " with",
            " reporters",
            " the court",
            " on Monday",
            " U.S.",
            ",",
            ":",
            ";",
            ".",
            "!",
            "?",
            '"',
            "\u201c",
            "\u201d",
            " ",
            "  ",
            "\n",
            "\t",
            "in",
            "'s",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_CUE_TEXT)
def test_cue_searches_from_the_last_stop_find_what_a_whole_search_finds(text: str) -> None:
    # Each search skips what no match can hold; what it finds is what the pattern finds.
    for search, pattern in (
        (cues._said_before, cues._CUE_BEFORE),
        (cues._said_before_clause, cues._CUE_BEFORE_CLAUSE),
        (cues._said_bare_before, cues._BARE_BEFORE),
    ):
        found, whole = search(text), pattern.search(text)
        assert (found and (found.span(), found.groupdict())) == (
            whole and (whole.span(), whole.groupdict())
        )


@pytest.mark.parametrize(
    ("after", "speaker", "cue"),
    [
        (", said Lei Jun.", "Lei Jun", "said"),
        (" Lei Jun said.", "Lei Jun", "said"),
        (", Lei said on April 18th, describing it", "Lei", "said"),
        (" said the senior person.", "the senior person", "said"),
        (
            ", a person familiar with Lei Jun told Automotive Business Review.",
            "a person familiar with Lei Jun",
            "told",
        ),
        (" Lei admitted, ", "Lei", "admitted"),
        (", he believes.", "he", "believes"),
        (", according to a company spokesperson.", "a company spokesperson", "according to"),
        # a quote signed with a dash and a name
        (" \u2014 Walsh-Costello, speaking after the game.", "Walsh-Costello", "dash"),
        # a relative clause's verb is the speaker's description, not what was said
        (
            ", said the woman who has run the bakery for years.",
            "the woman who has run the bakery for years",
            "said",
        ),
    ],
)
def test_cue_after(after: str, speaker: str, cue: str) -> None:
    found = cue_after(after)
    assert found is not None, after
    assert (found.speaker, found.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "after",
    [
        " mainly refers to products.",
        " in which he talked",
        ". It rained.",
        # a dash before words that are no name
        " \u2014 and that was that.",
        # a clause of reported speech after an inverted verb, not a speaker
        ", said the hardest word in the book was the one for the wind.",
    ],
)
def test_cue_after_negative(after: str) -> None:
    assert cue_after(after) is None


# --- stage 3: attribution, rule by rule ------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # X said: "…"
        (
            ["Jane Smith said: \u201cWe are ready to ship the new phone.\u201d"],
            [("Jane Smith", "said")],
        ),
        # "…," said X
        (['"We are ready to ship the new phone," said Jane Smith.'], [("Jane Smith", "said")]),
        # "…," said X of the Y
        (
            ['"Stay indoors," said Dr. Sam Patel of the national weather service.'],
            [("Sam Patel", "said")],
        ),
        # "…" X said
        (['"We are ready to ship the new phone." Jane Smith said.'], [("Jane Smith", "said")]),
        # X said that "…"
        (['Jane Smith stated that "the new phone ships in May."'], [("Jane Smith", "stated")]),
        # split quote
        (
            ['"The phone is ready," Jane Smith said, "and it ships in May."'],
            [("Jane Smith", "said"), ("Jane Smith", "said")],
        ),
        # told, with the outlet
        (
            ['"Sales are slow this year," a dealer in Beijing told Reuters.'],
            [("a dealer in Beijing", "told")],
        ),
        # according to
        (
            ['According to Jane Smith, "the phone ships in May this year."'],
            [("Jane Smith", "according to")],
        ),
        # a person familiar with X is not X
        (
            ['"He works very hard every day," a person familiar with Jane Smith said.'],
            [("a person familiar with Jane Smith", "said")],
        ),
        # pronoun: he -> the person last named
        (
            ["Tom Brown spoke last. He said: \u201cWe will win this race.\u201d"],
            [("Tom Brown", "said")],
        ),
        # continuation paragraph
        (
            ['Jane Smith said: "We are ready to ship."', '"And we will ship on time this year."'],
            [("Jane Smith", "said"), ("Jane Smith", "continuation")],
        ),
        # a name's suffix: no part of the name, and "Jr." before a quote mark ends a sentence
        (
            [
                '"Whoever did this knew what they wanted," said museum director Theo Blackwood'
                ' Jr. "They walked past two display cases of gold."',
                'Martin Luther King Jr. said: "I have a dream that one day this nation will rise."',
            ],
            [
                ("Theo Blackwood", "said"),
                ("Theo Blackwood", "same speaker"),
                ("Martin Luther King", "said"),
            ],
        ),
        (
            [
                "Chairman Robert Ashworth III said the decision was painful.",
                '"Gianluca gave everything to this club," he said.',
                '"Results are results in this league," Ashworth added.',
            ],
            [("Robert Ashworth", "said"), ("Robert Ashworth", "added")],
        ),
        # a sentence of two words after the attribution of the quote before: speech
        (
            ['"We made our case as well as we could," Ann Roe said afterwards. "They listened."'],
            [("Ann Roe", "said"), ("Ann Roe", "same speaker")],
        ),
        # the second half after a surname whose full name has a middle initial
        (
            [
                "Fenwick's mayor, Roland T. Achebe, spoke on Monday.",
                '"We will rebuild every house," Achebe said. "Nobody will be left behind."',
            ],
            [("Roland T. Achebe", "said"), ("Roland T. Achebe", "same speaker")],
        ),
        # ... after a nested quote's closing mark and the outer one's
        (
            [
                "\"I told them at half-time: 'Play for each other,'\" Ann Roe said afterwards."
                ' "They listened."'
            ],
            [("Ann Roe", "said"), ("Ann Roe", "same speaker")],
        ),
        # ... not two words after a word quoted in a sentence, nor a title, nor two words
        # that are no sentence, nor after an apostrophe
        (
            [
                'Ann Roe said the word "sorry" was never said. "Too late."',
                '"It was a film we all loved," Ann Roe said of it. "Jaws 2."',
                'The workers\' union said. "Go home."',
                '"We made our case as clearly as we could," Ann Roe said. "they listened"',
            ],
            [("Ann Roe", "said"), ("Ann Roe", "said")],
        ),
        # a colon after a sentence that opens with a person after a role
        (
            [
                "Club chairman Robert Ashworth has released a short statement:"
                ' "The board will meet on Monday to discuss the future."'
            ],
            [("Robert Ashworth", "colon")],
        ),
        # ... after a live blog's time
        (
            [
                "Rovers sacked Gianluca Ferraro-Bianchi on Saturday night.",
                '17:20 Ferraro-Bianchi in his press conference: "I understand the anger."',
            ],
            [("Gianluca Ferraro-Bianchi", "colon")],
        ),
        # ... not a colon after a sentence that opens with no one, or with his critics
        (
            [
                "Robert Ashworth spoke on Monday.",
                'The club\'s own statement was brief: "The board will meet to discuss the future."',
                "Critics of chairman Robert Ashworth painted a slogan on the wall:"
                ' "Out by Monday, or we stop paying for tickets."',
            ],
            [],
        ),
        # a paragraph that ends "X said:", and the quote in the paragraphs after it
        (
            [
                "In a statement read outside the terminal, shop steward Tom Obi said:",
                '"We did not choose this. For a year we brought proposals to the table.',
                '"From today, nothing sails until there is a fair offer in writing."',
            ],
            [("Tom Obi", "said"), ("Tom Obi", "continuation")],
        ),
        (
            ['"We are ready," Jane Smith said. Later she wrote:', '"We will ship on time."'],
            [("Jane Smith", "said"), ("Jane Smith", "wrote")],
        ),
        # attribution in the next paragraph
        (
            [
                '"He always speaks just right, modest yet passionate, and careful."',
                "This is the description of Li Jing, a reporter of the Observer, in 2010.",
            ],
            [("Li Jing", "description")],
        ),
        # the previous sentence names the speaker
        (
            [
                "Jane Smith responded that it is too early."
                " \u201cWe need time to get this right.\u201d"
            ],
            [("Jane Smith", "previous sentence")],
        ),
        # a definite back-reference ties to the earlier unnamed source
        (
            [
                '"Costs are high for now," said a senior engineer at the plant.',
                '"They will fall next year," said the senior person.',
            ],
            [
                ("a senior engineer at the plant", "said"),
                ("a senior engineer at the plant", "said"),
            ],
        ),
    ],
)
def test_attribution(paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(s, c) for _, s, c in quotes_of(*paragraphs)] == expected


@pytest.mark.parametrize(
    ("sentence", "wrong", "right"),
    [
        # "of the" after an office is part of the office, not the end of a name
        ('"We will vote," said Speaker of the House Mike Johnson.', "Speaker", None),
        ('Secretary of the Treasury Janet Yellen said that "rates will fall."', "Secretary", None),
        ('"We are watching," said Director of the FBI Kash Patel.', "Director", None),
        ('"Stop drilling," said Friends of the Earth campaigner Jo Smith.', "Friends", "Jo Smith"),
        ('"It is fine," said Jane Smith of the city council.', None, "Jane Smith"),
        # a role word inside a name is a surname; opening a run it is a title
        ('"We won," said Manuel Pastor Ortega.', "Ortega", "Manuel Pastor Ortega"),
        ('"We won," said Jonathan Priest Smith.', "Smith", "Jonathan Priest Smith"),
        ('Chef Maria Lopez opened. "We cook all night," Lopez said.', None, "Maria Lopez"),
    ],
)
def test_offices_and_roles_around_names(
    sentence: str, wrong: str | None, right: str | None
) -> None:
    speakers = [s for _, s, _ in quotes_of(sentence)]
    assert wrong not in speakers
    if right is not None:
        assert speakers == [right]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ['Li published a book called "Sense of Participation" about marketing.'],
        ["He got the nickname \u201cLei Jobs\u201d at the launch event last year."],
        ['The "Seven-Word Secret" refers to "focus, extreme, word of mouth, and speed."'],
        ['"Extreme" means unlimited investment in the product.'],
        ["\u201cSales were three to five times higher than expected\u201d"],
        ["Xiaomi\u2019s users\u2019 phones are cheap, and it\u2019s a fact."],
        # no cue, no context: a quote without a speaker is not reported
        ['"The market is changing fast and nobody knows where it goes."'],
    ],
)
def test_attribution_negatives(paragraphs: list[str]) -> None:
    assert quotes_of(*paragraphs) == []


def test_interview_answers_go_to_the_interviewee() -> None:
    found = quotes_of(
        "Interview: Jane Smith on building a car",
        "1. Why build a car now?",
        "\u201cBecause the market is ready, and so are we.\u201d",
        "2. What about the price?",
        "\u201cIt will be affordable for most families.\u201d",
        title="Jane Smith Interview",
    )
    assert [(s, c) for _, s, c in found] == [("Jane Smith", "interview")] * 2


def test_numbered_lines_outside_interviews_are_not_answers() -> None:
    found = quotes_of(
        "1. Why build a car now?",
        "\u201cBecause the market is ready, and so are we.\u201d",
        title="Cars in 2024",
    )
    assert found == []


# --- the general rules: names, pronouns, neighbouring sentences, dialogue -------------

RULE_CASES = [
    # a bare surname is the one full name in the article that holds it
    (
        ["Ananya Krishnan won the race on Sunday.", '"It was a hard race today," Krishnan said.'],
        [("Ananya Krishnan", "said")],
    ),
    # an office title before the name is not part of it
    (
        ['"We will act on this soon," said Deputy Mayor Ruth Abernathy.'],
        [("Ruth Abernathy", "said")],
    ),
    # the dot of Mr./Ms. breaks no cue, before or after the quote
    (
        [
            "Dawit Bekele won the men\u2019s race.",
            '"The pacemakers were perfect," said Mr. Bekele, who thanked the crowd.',
        ],
        [("Dawit Bekele", "said")],
    ),
    (
        ["Ananya Krishnan won.", "\u201cI kept waiting for her,\u201d Ms. Krishnan said."],
        [("Ananya Krishnan", "said")],
    ),
    # he/she: the subject of the nearest earlier sentence with a person, gender agreeing
    (
        [
            "Ms. Ann Lee met Mr. Tom Brown on Monday.",
            "The talks ran late into the night.",
            '"It went well enough for both of us," he said.',
        ],
        [("Tom Brown", "said")],
    ),
    (
        [
            "Tom Brown coached her for years. Jane Smith, his athlete, was less surprised.",
            '"We ran that hill every week," she said.',
        ],
        [("Jane Smith", "said")],
    ),
    # a later quote after the first one's attribution (with an appositive) is the same speaker
    (
        ['"We will not go back," said Jane Smith, head of the union. "Not without a deal."'],
        [("Jane Smith", "said"), ("Jane Smith", "same speaker")],
    ),
    # ... but not when the sentence in between names someone else
    (
        [
            'When asked by the reporters whether "the deal was done," Jane Smith responded that'
            ' it was close. "We need two more weeks to finish the work."'
        ],
        [("the reporters", "asked"), ("Jane Smith", "previous sentence")],
    ),
    # a quote opening a sentence takes the subject of the sentence before, whatever the verb
    (
        ['Tom Brown was blunt. "If we wait for everyone, we will wait forever."'],
        [("Tom Brown", "subject")],
    ),
    (
        ['Asked about the price, Jane Smith laughed. "Ask me again next year, please."'],
        [("Jane Smith", "subject")],
    ),
    # an unnamed subject of reported speech is a source for a later "the analyst"
    (
        [
            "An analyst at Dunmore Partners, who asked not to be named, said the deal made sense."
            ' "It took them long enough," the analyst said.'
        ],
        [("an analyst at Dunmore Partners", "said")],
    ),
    # a lower-case role before the name
    (
        ['In a letter, Orbis co-founder Rebecca Lindqvist wrote: "We are patient investors."'],
        [("Rebecca Lindqvist", "wrote")],
    ),
    # a closed quote alone in its paragraph, in a conversation: the two speakers take turns
    (
        [
            '"Will you cut the price this year?" Tom Brown asked.',
            '"Not this year, maybe next year," Jane Smith replied.',
            '"And if sales fall by half?"',
            '"Then we will talk again in the spring."',
        ],
        [
            ("Tom Brown", "asked"),
            ("Jane Smith", "replied"),
            ("Tom Brown", "dialogue"),
            ("Jane Smith", "dialogue"),
        ],
    ),
    # ... but a statement after two different speakers continues the last one
    (
        [
            '"The plan is fine for us," said Tom Brown.',
            '"It is fine for us too," said Jane Smith.',
            '"We never pushed for anything else."',
        ],
        [("Tom Brown", "said"), ("Jane Smith", "said"), ("Jane Smith", "continuation")],
    ),
    # a quote right after "book" (or film, song ...) is a title, and the cue is the next quote's
    (
        [
            "The urbanist Nkechi Adeyemi saw this coming.",
            'In her 2019 book "Streets Without Strangers", she wrote: "A city that watches'
            ' everyone ends up seeing no one."',
        ],
        [("Nkechi Adeyemi", "wrote")],
    ),
    # "…, X said, adding, "…"": who said the reported words speaks, not the subject they
    # were about; without that reporting clause, the sentence's subject does
    (
        [
            "Omar Haddad prayed there for years. Imam Selim Nefzi knew him well.",
            "Haddad never stayed long after prayers, Nefzi said, adding, "
            '"He was not a man who talked."',
            'Haddad left town in May, telling reporters, "I will not come back."',
        ],
        [("Selim Nefzi", "adding"), ("Omar Haddad", "telling")],
    ),
    # a second label after the first speaker's quote, in the same paragraph, is the
    # second speaker's; a label that names no one of the article takes nothing
    (
        [
            "Ruth Okafor and Daniel Brandt debated the budget on Tuesday.",
            'Okafor: "We cannot cut the clinics again." Brandt: "Then we raise the levy."'
            ' Moderator: "Time is up."',
        ],
        [("Ruth Okafor", "colon"), ("Daniel Brandt", "colon")],
    ),
    # a topic before the speaker of a cue after a quote ("Of Varga, Ferro, …, said") is
    # read past: the cue serves the quotes on both sides
    (
        [
            "Tomas Greer and Lidia Varga both ran for the seat.",
            '"He is funny," the lawyer Nadia Ferro said of Greer. "But he knows nothing."'
            ' Of Varga, Ferro, who gave money to a rival, said, "She is frightening."',
        ],
        [("Nadia Ferro", "said"), ("Nadia Ferro", "said"), ("Nadia Ferro", "said")],
    ),
    # a sentence of reported speech after a quote that ends its own is no cue for it
    # ("Ines Caro said the campaign has…"); a cue that ends its sentence is
    (
        [
            "Ines Caro owns the firm. Tomas Greer runs the campaign.",
            'Greer reached out to the firm, writing in an email: "We want this soon." Ines Caro,'
            " its owner, said the campaign has yet to follow up.",
            '"We are still waiting." Caro said at her office.',
        ],
        [("Tomas Greer", "colon"), ("Ines Caro", "said")],
    ),
    # a statement over several paragraphs in single marks, only the last closing
    (
        [
            "In a statement read to the court, retired driver Tomas Ferrin, 79, said:"
            " \u2018I put in ten pounds a week for forty years.",
            "\u2018When the police came to the door I thought someone had died.",
            "\u2018I don\u2019t want his apology.\u2019",
        ],
        [("Tomas Ferrin", "said")] + [("Tomas Ferrin", "continuation")] * 2,
    ),
    # the name in an appositive after a possessor's office; a name before an age and a
    # description holding a number's commas; an organisation before its leader's name
    # is not the "he" after it; "Co Laois" is a place
    (
        [
            'In Cairo, Egypt\u2019s Prime Minister, Adel Nour el-Din, told reporters: "We stand'
            ' together."',
            "Madam Tan Bee Hoon, 67, a retiree who sold her flat for $880,000 in August, said:"
            ' "I bought it for $42,000."',
            "Shetkari Sanghatana leader Raju Patil called for a loan waiver."
            ' "The government finds money for highways," he said.',
            "In Ballinakill, Co Laois, Ann Maher closed her bar in February."
            ' "My great-grandfather pulled the first pint," she says.',
        ],
        [
            ("Adel Nour el-Din", "told"),
            ("Tan Bee Hoon", "said"),
            ("Raju Patil", "said"),
            ("Ann Maher", "says"),
        ],
    ),
    # a surname with a lower-case particle after an honorific; a nickname before one
    (
        [
            "Eskom's head of generation, Pieter van der Merwe, spoke on Monday.",
            '"These are old machines," Mr van der Merwe told journalists.',
            "Springbok coach Johannes \u2018Hansie\u2019 du Toit named his side.",
            '"Ruan is the biggest man I have ever coached," said Du Toit.',
        ],
        [("Pieter van der Merwe", "told"), ("Johannes du Toit", "said")],
    ),
    # a pronoun's quotation right after a named speaker's is theirs, though the article
    # named another woman last before; not when the pronoun is of the other sex
    (
        [
            "Gladys Pietersen, 71, queued for two hours. 'They say Thursday,' she says.",
            "Councillor Faiza Adams said: 'I have asked since 2019. I have the emails.'"
            " 'I will send them to anyone,' she added.",
            "Mayor Tom Brink said: 'We are sorry.' 'Teams are working,' she added.",
        ],
        [
            ("Gladys Pietersen", "says"),
            ("Faiza Adams", "said"),
            ("Faiza Adams", "added"),
            ("Tom Brink", "said"),
            ("Faiza Adams", "added"),
        ],
    ),
    # a second review's cases: a clause after an inverted verb that a conjunction opens is
    # the speaker's, "told" takes a listener, a verb of the article's people is no role,
    # a time before the speaker's appositive, "the Hon." after a place
    (
        [
            '"We will win this," said Tom Baker after he was sworn in on Monday.',
            '"We will not back down." Ann Roe told the Irish Times on Monday.',
            "Ines Caro and Tom Lee chair Tuesday's hearing on the bridge.",
            '"We will be fair," Lee said.',
            'Paul Odum leads the opposition. "We will build it." On Monday, the mayor,'
            " Ada Obi, said.",
            "In Canberra the Hon. Tanya Reid opened the bridge.",
            '"It is a great day," Reid said.',
        ],
        [
            ("Tom Baker", "said"),
            ("Ann Roe", "told"),
            ("Tom Lee", "said"),
            ("Ada Obi", "said"),
            ("Tanya Reid", "said"),
        ],
    ),
    # a kin noun before a name says its sex, and "Mr" then picks him among those sharing
    # the surname, though she was the last subject
    (
        [
            "Kirsteen MacLeod chairs the council. Her brother-in-law Ewan MacLeod backs the"
            " wind farm.",
            'Mr MacLeod responded: "Two hundred objections is not a majority."',
        ],
        [("Ewan MacLeod", "responded")],
    ),
    # a town or a surname that ends its sentence is no given name written short
    (
        [
            "Gunmen killed 12 people in Jos. Police spokesman Alabo Alfred said:"
            ' "We have arrested five suspects."',
            'The idea came from Jack Ma. Daniel Zhang said: "He was right."',
        ],
        [("Alabo Alfred", "said"), ("Daniel Zhang", "said")],
    ),
    # a given name written short (Ma.), a nickname inside the name after the quote, a
    # name's own apostrophe (Achieng'), a Kalenjin particle (arap)
    (
        [
            '"Remittances remain a bedrock," Deputy Governor Ma. Cristina S. Buenaventura said.',
            '"Tourism good for everybody," said coconut vendor Elvis "Coco" Griffith.',
            "Farmer Grace Achieng' Ouma and Kiprono arap Langat grow maize.",
            '"The rains failed us," Ouma said. "Twice," Langat said.',
        ],
        [
            ("Ma. Cristina S. Buenaventura", "said"),
            ("Elvis Griffith", "said"),
            ("Grace Achieng' Ouma", "said"),
            ("Kiprono arap Langat", "said"),
        ],
    ),
    # a family named by its surname is none of its members; "family" is no adverb; an
    # organisation's first word makes no person of it (Police Scotland)
    (
        [
            "The court heard of the death of deckhand Calum Gunn, 24.",
            "In a statement released through Police Scotland, the Gunn family said: 'Calum"
            " loved the sea.'",
        ],
        [("the Gunn family", "said")],
    ),
    # ... but a cue after a quote that ends mid-sentence serves both halves
    (
        ["Lidia Varga won the seat.", '"We won!" Varga shouted, "and we won it fairly."'],
        [("Lidia Varga", "shouted"), ("Lidia Varga", "shouted")],
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), RULE_CASES)
def test_general_rules(paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(s, c) for _, s, c in quotes_of(*paragraphs)] == expected


@pytest.mark.parametrize(
    "paragraphs",
    [
        # no person opens the sentence before: no speaker
        ['The weather was bad all week. "We will not pay for this mistake."'],
        # a title after a preposition, even with a speech verb after it
        ['In "The Quiet Year", the novelist writes about a family after a death.'],
        # an organisation is not a subject
        ['Meridian Freight Research was blunt. "Prices will rise by April at the latest."'],
        # a collection's title; an inverted cue whose "subject" is a clause of its own
        [
            "Smithson, who also translated Han\u2019s earlier collection \u2018Winter"
            " Persimmons\u2019, said the hardest word in the book was the one for the wind."
        ],
        # a sign's words, whatever its verb; a clause of reported speech after "and"
        [
            "A sign outside the ground promised \u201cAshes-level atmosphere, India-level"
            " crowds\u201d, and Cricket Australia said the first two days were sold out."
        ],
        # an apostrophe for letters left out, opening a sentence, is no quote mark
        ["Ann Roe spoke.", "\u2018Twas ever thus in Yorkshire politics, she said, and laughed."],
        # two words the sentence goes on after are a term, whatever cue is before them
        [
            "Patients at Airedale General waited up to 40 hours, the trust has admitted, as"
            " senior doctors warned that 'corridor care' had become routine."
        ],
    ],
)
def test_general_rules_negatives(paragraphs: list[str]) -> None:
    assert quotes_of(*paragraphs) == []


def test_ambiguous_surname_stays_as_written() -> None:
    found = quotes_of("Li Jing and Li Ming both spoke.", '"The plan will work well," Li said.')
    assert [s for _, s, _ in found] == ["Li"]


def test_interview_prefers_the_person_and_does_not_cross_questions() -> None:
    found = quotes_of(
        "The architect Priya Raghunathan runs Ottam Studio. We spoke to her about heat.",
        '"She is stubborn in the best way," said Tomas Ferreira, her partner.',
        "Q: Why come back home?",
        '"Because I was drawing glass towers for hot cities."',
        "Q: Is it expensive?",
        '"Not to build, no. I admit labour is slower."',
        title="Interview: Priya Raghunathan on buildings for a hotter world",
    )
    assert [(s, c) for _, s, c in found] == [
        ("Tomas Ferreira", "said"),
        ("Priya Raghunathan", "interview"),
        ("Priya Raghunathan", "interview"),
    ]


# --- heldout-driven rules, each with a negative ---------------------------------------


TRANSCRIPT = [
    "Dana Whitlock spoke with the reporter Omar Sayed about rivers.",
    "SAYED: Why rivers?",
    "WHITLOCK: They carry everything. Even \u201cthe past\u201d, as my father said.",
    "SAYED: And now?",
    "WHITLOCK: Now I count fish.",
]


def test_transcript_turns_are_the_labelled_speakers_words() -> None:
    found = extract_quotes(article(*TRANSCRIPT))
    assert [(q.paragraph, q.speaker, q.cue) for q in found] == [
        (2, "Omar Sayed", "transcript"),
        (3, "Dana Whitlock", "transcript"),
        (4, "Omar Sayed", "transcript"),
        (5, "Dana Whitlock", "transcript"),
    ]
    text = TRANSCRIPT[2]
    assert (found[1].start, found[1].end) == (len("WHITLOCK: "), len(text))


def test_parliamentary_labels_name_their_speakers() -> None:
    """A seat and a party after the name, an office before the name in brackets, a
    title; a label seen once is a turn too, once the article is a transcript."""
    found = quotes_of(
        "Housing questions were taken on Tuesday.",
        "Maeve Corrigan (Leeds North) (Lab): How many children are in hotels tonight?",
        "The Minister for Housing (Dame Ruth Allbright): More than we would wish.",
        "Maeve Corrigan: Will she visit one of them?",
        "Mr Speaker: Order. Questions should be brief.",
        "Dame Ruth Allbright: I will visit next month.",
    )
    assert [(s, c) for _, s, c in found] == [
        ("Maeve Corrigan", "transcript"),
        ("Ruth Allbright", "transcript"),
        ("Maeve Corrigan", "transcript"),
        ("Mr Speaker", "transcript"),
        ("Ruth Allbright", "transcript"),
    ]


def test_an_interview_with_accented_labels_and_the_papers_questions() -> None:
    found = quotes_of(
        "The novelist Siobh\u00e1n N\u00ed Bhriain spoke to us in Galway.",
        "Courier: Why an island?",
        "Siobh\u00e1n N\u00ed Bhriain: Because my father was born on one.",
        "Courier: And next?",
        "N\u00ed Bhriain: A book about a bus driver.",
    )
    spoken = [(t, s) for t, s, _ in found if s != "Courier"]
    assert spoken == [
        ("Because my father was born on one.", "Siobh\u00e1n N\u00ed Bhriain"),
        ("A book about a bus driver.", "Siobh\u00e1n N\u00ed Bhriain"),
    ]


def test_a_hyphenated_surname_is_a_label() -> None:
    found = quotes_of(
        "The singer Ada Obi-Nwosu spoke to us before her show.",
        "Q: Why London?",
        "Obi-Nwosu: Because the Mainland raised me.",
        "Q: What next?",
        "Obi-Nwosu: Lagos, in December.",
    )
    assert [(s, c) for _, s, c in found] == [("Ada Obi-Nwosu", "transcript")] * 2


def test_a_nickname_and_the_surname_are_the_full_name() -> None:
    # a label written with the nickname, and the surname's label, are one person
    found = quotes_of(
        "Afrobeats star Oluwadamilola 'Dami' Obi-Nwosu, 27, spoke to us before her show.",
        "Q: Why the Mainland?",
        "Dami Obi-Nwosu: Because I am from there.",
        "Q: What next?",
        "Obi-Nwosu: Lagos, in December.",
    )
    assert [(s, c) for _, s, c in found] == [("Oluwadamilola Obi-Nwosu", "transcript")] * 2


def test_one_label_line_is_no_transcript() -> None:
    assert quotes_of("Update: the council met again on Friday.", "Note: minutes follow.") == []


def test_one_label_answering_question_lines_is_an_interviews_turns() -> None:
    found = extract_quotes(
        article(
            "María de la Cruz has led the council since 2021. We spoke to her in her office.",
            "Q: Why a barrier rather than upstream storage?",
            "De la Cruz: Because the water does not wait for a feasibility study.",
            "Q: Will you stand again next year?",
            "De la Cruz: Ask me when the barrier is finished.",
            "De la Cruz: And ask me nicely.",
            "Update: De la Cruz: the council meets on Friday.",
        )
    )
    assert [(q.paragraph, q.speaker, q.cue) for q in found] == [
        (3, "María de la Cruz", "transcript"),
        (5, "María de la Cruz", "transcript"),
        (6, "María de la Cruz", "transcript"),
    ]
    # ... a label with an honorific is the person the article names
    briefing = extract_quotes(
        article(
            "A transcript of the briefing by Nathaniel Smith, the governor's press secretary.",
            "Q: Will the governor sign the bill?",
            "MR. SMITH: He will sign it when it reaches his desk.",
            "Q: And the dam?",
            "MR. SMITH: The dam stays until the court says otherwise.",
        )
    )
    assert [(q.speaker, q.cue) for q in briefing] == [("Nathaniel Smith", "transcript")] * 2
    # ... but not without question lines: one label, however often, is no transcript
    assert quotes_of("Roe: We won.", "Roe: We won again.") == []
    # ... nor a list's steps, nor a label the article names nowhere else
    steps = ["1. Preheat the oven to 180C.", "Tip: Use a fan oven.", "2. Mix.", "Tip: Sift it."]
    assert quotes_of("Our guide to a sponge cake.", *steps) == []
    answers = ["Q: Why a barrier?", "Response: It is cheaper.", "Q: When?", "Response: In May."]
    assert quotes_of("We asked the council about the barrier.", *answers) == []


DEFINITE_CASES = [
    (  # "the skipper" is the one named captain; an analyst's firm before the name is no
        # person for "she"
        [
            "Tane Reid scored twice and first five Josh Pohatu kicked 17 points.",
            "Captain Sam Faasalele said the side had been stung."
            ' "We were embarrassed down there," the skipper said.',
            "Crescent Equities analyst Sana Iqbal said the payout was generous."
            ' "It signals confidence," she said.',
        ],
        [
            ("We were embarrassed down there,", "Sam Faasalele"),
            ("It signals confidence,", "Sana Iqbal"),
        ],
    ),
    (  # a second review's negatives: "the latter", a role someone else in the sentence
        # holds, a document no one issued, a friend of someone named
        [
            'Ann Lee met Tom Roe in May. "We agreed on nothing," the latter said.',
            'Ann Lee called the police on Tuesday. "We will investigate," the officer said.',
            "Ann Lee received a letter from the council on Monday."
            ' "Your tenancy will end in June," the letter said.',
            '"It was chaos," a witness, a friend of victim Ann Lee, said.',
        ],
        [
            ("We agreed on nothing,", "the latter"),
            ("We will investigate,", "the officer"),
            ("Your tenancy will end in June,", "the letter"),
            ("It was chaos,", "a witness"),
        ],
    ),
    (  # a statement that speaks is its author's; a role word no one was introduced in,
        # right after a sentence of the paragraph that a named person opens, is them; an
        # age with a role; an office's name is no person for "he"
        [
            "Chief Justice Ruth Kariuki said in a statement that the court had lost a"
            ' great mind. "His judgments will be read for generations," the statement said.',
            "Union secretary-general Fredrick Ouma spoke at Uhuru Park.",
            'Ouma said the union would not back down. "We have waited two years," the'
            " unionist said.",
            "Rafael Lacson hit the winning shot. Lacson finished with 27 points.",
            '"I missed my first four threes," the 29-year-old guard said.',
            "Federal Minister for Power Tom Aslam said the shortfall had grown."
            ' "It will improve within ten days," he said.',
        ],
        [
            ("His judgments will be read for generations,", "Ruth Kariuki"),
            ("We have waited two years,", "Fredrick Ouma"),
            ("I missed my first four threes,", "Rafael Lacson"),
            ("It will improve within ten days,", "Tom Aslam"),
        ],
    ),
    (  # ... not the campaign's statement, nor a source of the sources
        [
            "Corey Lane said he appreciated the support. The campaign's statement then"
            ' declares "the matter is now concluded and we move on."',
        ],
        [("the matter is now concluded and we move on.", "the campaign's statement")],
    ),
    (  # a job title ending in -man is no man of a place the article names; "Lord Mayor"
        # is no peer, and "Earl" may be a given name
        [
            "Ann Roe, 34, was arrested on Tuesday. Lord Harrow of Calder spoke in the debate.",
            "The Lord Mayor of Leeds, Tom Baines, listened. Earl Thomas, a farmer, watched.",
            '"Inquiries are continuing," the Spokesman said.',
            '"I would ask the minister to come," the peer said.',
        ],
        [
            ("Inquiries are continuing,", "The Spokesman"),
            ("I would ask the minister to come,", "Harrow"),
        ],
    ),
    (  # a man of a place in one word is the latest person; a peer is one of the Lords;
        # "the Hon." between an office and a name leaves them one run
        [
            "Kerry manager Tomas Fenlon spoke after the game.",
            '"Nobody remembers the team that lost," the Kerryman added.',
            "Lord Harrow of Calder, a former council chief, spoke in the debate.",
            '"I would ask the minister to stand on the bridge," the peer said.',
            "Federal Environment Minister the Hon. Tanya Reid said the funds were there.",
            '"We are throwing everything at this," she said.',
        ],
        [
            ("Nobody remembers the team that lost,", "Tomas Fenlon"),
            ("I would ask the minister to stand on the bridge,", "Harrow"),
            ("We are throwing everything at this,", "Tanya Reid"),
        ],
    ),
    (  # an office the article writes in capitals, then the holder in an appositive:
        # "the Minister" is her, not the office's name
        [
            "The Minister for Housing, Ann Roe, defended the plan on Tuesday.",
            '"There is a problem, and we are fixing it," the Minister said.',
        ],
        [("There is a problem, and we are fixing it,", "Ann Roe")],
    ),
    (  # a title before the name
        [
            "Fire Chief Nora Bell inspected the site.",
            '"The roof failed first," the chief said.',
        ],
        [("The roof failed first,", "Nora Bell")],
    ),
    (  # an appositive role
        [
            "A Hallmark spokesperson, Ines Ruiz, said refunds would follow.",
            '"Every customer will be paid back in full," the spokesperson added.',
        ],
        [("Every customer will be paid back in full,", "Ines Ruiz")],
    ),
    (  # an organisation named in full, and "the company"
        [
            "Kestrel Mills Ltd. cut 300 jobs, the Oxford-based Society for Clean Air said.",
            '"These decisions are never easy for anyone," the company said.',
            '"We will watch the closures very closely," the society said.',
        ],
        [
            ("These decisions are never easy for anyone,", "Kestrel Mills"),
            ("We will watch the closures very closely,", "Society for Clean Air"),
        ],
    ),
    (  # an organisation quoted with its article
        ['"Book a vaccine appointment this week," the Riverton Nurses Union said.'],
        [("Book a vaccine appointment this week,", "Riverton Nurses Union")],
    ),
    (  # a surname shared by two people goes to the one mentioned last
        [
            "Her husband, Paul Okoro, died in 1990. Her son, Femi Okoro, confirmed the news.",
            '"She sang until the very end," Mr. Okoro said.',
        ],
        [("She sang until the very end,", "Femi Okoro")],
    ),
    (  # the second half of a split quote after an inverted cue
        ['"The money is there," said treasurer Ada Quist, "but only until June."'],
        [("The money is there,", "Ada Quist"), ("but only until June.", "Ada Quist")],
    ),
    (  # an honorific's sex picks one of a brother and a sister, accents aside
        [
            "Tomás Rivera coached the team. His sister, Elena Rivera, ran the club.",
            '"We lost the final," said Elena Rivera.',
            '"Next year we win it," said Mr. Rivera.',
            '"I hope so," said Ms. Rivera.',
        ],
        [
            ("We lost the final,", "Elena Rivera"),
            ("Next year we win it,", "Tomás Rivera"),
            ("I hope so,", "Elena Rivera"),
        ],
    ),
    (  # guillemets, as a translated quotation keeps them
        [
            "\u00abWe bake what the town asks for,\u00bb said Ren\u00e9e Lef\u00e8vre.",
            "\u00ab Bread is a habit \u00bb, she said.",
        ],
        [
            ("We bake what the town asks for,", "Ren\u00e9e Lef\u00e8vre"),
            ("Bread is a habit", "Ren\u00e9e Lef\u00e8vre"),
        ],
    ),
    (  # a title names the one the article gave it, not whoever spoke last
        [
            "Dr. Ines Varga studies glaciers. Her cousin, Pal Varga, guides climbers.",
            '"The ice is thinner every year," Pal Varga said.',
            '"It has lost a third since 1990," Dr. Varga said.',
            '"It will not come back," she said.',
        ],
        [
            ("The ice is thinner every year,", "Pal Varga"),
            ("It has lost a third since 1990,", "Ines Varga"),
            ("It will not come back,", "Ines Varga"),
        ],
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), DEFINITE_CASES)
def test_definite_references_and_shared_surnames(
    paragraphs: list[str], expected: list[tuple[str, str]]
) -> None:
    assert [(t, s) for t, s, _ in quotes_of(*paragraphs)] == expected


def test_definite_reference_with_no_referent_stays_as_written() -> None:
    found = quotes_of('"The roof failed first, and then the walls," the chief said.')
    assert [s for _, s, _ in found] == ["the chief"]


# --- the seed articles against the hand-labelled fixture -------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def _same_text(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= 0.8 * len(long)


@pytest.fixture(scope="module")
def seed_quotes(seed_index: Index) -> list[Quote]:
    """The seed articles' quotations, as the seed index holds them."""
    return [hit.quote for hit in find_quotes(seed_index, limit=0, min_confidence="low").hits]


def _precision_recall(
    found: list[Quote], gold: dict[str, list[dict[str, str]]]
) -> tuple[float, float]:
    """Precision and recall of ``found`` against a hand-labelled fixture."""
    expected = gold["quotes"]
    used: set[int] = set()
    true_positives = 0
    for quote in found:
        if quote.speaker is None:
            continue  # counted as a false positive
        if any(
            n["article"] == quote.article and _same_text(quote.text, n["text"])
            for n in gold["not_quotes"]
        ):
            continue
        for i, g in enumerate(expected):
            if (
                i not in used
                and g["article"] == quote.article
                and g["speaker"] == quote.speaker
                and _same_text(quote.text, g["text"])
            ):
                used.add(i)
                true_positives += 1
                break
    return true_positives / max(len(found), 1), true_positives / len(expected)


def test_seed_precision_and_recall(seed_quotes: list[Quote]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    precision, recall = _precision_recall(seed_quotes, gold)
    assert precision >= 0.95, precision
    assert recall >= 0.95, recall


def test_seed_quotes_by_lei_jun_are_his(seed_quotes: list[Quote]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    others = [g["text"] for g in gold["quotes"] if g["speaker"] != "Lei Jun"]
    others += [n["text"] for n in gold["not_quotes"]]
    his = [q for q in seed_quotes if q.speaker == "Lei Jun"]
    assert {q.article for q in his} == {q.article for q in seed_quotes}  # all five articles
    for quote in his:
        assert not any(_same_text(quote.text, text) for text in others), quote.text


# --- properties ------------------------------------------------------------------------

_quote_heavy = st.text(
    alphabet=st.sampled_from(list("ab .,:\n\"'\u201c\u201d\u2018\u2019Hhe said"))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), _quote_heavy), min_size=1, max_size=4), st.text())
def test_extractor_never_crashes_and_offsets_hold(paragraphs: list[str], title: str) -> None:
    art = Article("p", title, "", tuple(Paragraph(i, t) for i, t in enumerate(paragraphs, 1)))
    for quote in extract_quotes(art):
        assert art.paragraphs[quote.paragraph - 1].text[quote.start : quote.end] == quote.text
        assert quote.text.strip()


# --- blind2-driven rules: each proved on sentences of our own, with a negative ----------


BLIND2_RULE_CASES = [
    # a later surname (capitalised particle, or two words) is the full name that ends with it
    (
        [
            "Tomas van den Heuvel runs the ferry.",
            '"The river is lower than ever," Van den Heuvel said.',
        ],
        [("Tomas van den Heuvel", "said")],
    ),
    (
        [
            "Aroha Ngata Piripi teaches at the school.",
            '"We will reopen on Monday," Ngata Piripi said.',
        ],
        [("Aroha Ngata Piripi", "said")],
    ),
    # a surname written with its particle in lower case after the verb
    (
        [
            "Carla de los Rios owns the bakery.",
            '"Flour costs twice what it did," said de los Rios, who opened in 2004.',
        ],
        [("Carla de los Rios", "said")],
    ),
    # accented capitals start names
    (
        ['"We sailed at dawn and saw nothing," said Øystein Brekke, the skipper.'],
        [("Øystein Brekke", "said")],
    ),
    # an abbreviated office title is dropped, and "the senator" is the person so introduced
    (
        [
            '"The bill is dead for this session," Sen. Hollis Varga said on Tuesday.',
            '"We will try again in spring," the senator said.',
        ],
        [("Hollis Varga", "said"), ("Hollis Varga", "said")],
    ),
    # "Long Name (ABBR)" makes "the ABBR" that organisation
    (
        [
            "The Northern Grid Authority (NGA) met on Friday.",
            '"Supply will be tight through the winter months," the NGA said.',
        ],
        [("Northern Grid Authority", "said")],
    ),
    # "the company" without a legal suffix: the company introduced by a company noun
    (
        [
            "The brewer agreed a deal with the retailer Pellam & Stowe last week.",
            '"We are pleased to bring these beers to more shoppers," the company said.',
        ],
        [("Pellam & Stowe", "said")],
    ),
    # ... else the organisation the story names most
    (
        [
            "Ridgeway Foods recalled its frozen peas. Ridgeway sells them in six states.",
            '"We are sorry for the trouble this causes our customers," the company said.',
        ],
        [("Ridgeway Foods", "said")],
    ),
    # an unnamed source after an inverted verb, later "the official"
    (
        [
            "The vote is set for May, said an official close to the council, who asked not"
            " to be named.",
            '"Nobody expects it to pass easily," the official said.',
        ],
        [("an official close to the council", "said")],
    ),
    # a partitive back-reference, plural to singular
    (
        [
            "Three sources close to the club said the coach would leave.",
            '"He has already told the players," one of the sources said.',
        ],
        [("three sources close to the club", "said")],
    ),
    # one appositive between the name and the verb after the quote
    (
        ['"The money was never theirs to spend," Nadia Okafor, prosecuting, told the jury.'],
        [("Nadia Okafor", "told")],
    ),
    # "said he" after a name is about someone else, not the name's gender
    (
        [
            "Magistrate Orla Quinlan said he had lied to the court.",
            '"You knew what you were doing all along," she told the defendant Ben Harte.',
        ],
        [("Orla Quinlan", "told")],
    ),
    # a plural possessive inside a single-quoted span is no closing mark
    (
        [
            "\u2018We keep the farmers\u2019 records for seven years. That is the law.\u2019"
            " Ines Barros said."
        ],
        [("Ines Barros", "said")],
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), BLIND2_RULE_CASES)
def test_blind2_rules(paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(s, c) for _, s, c in quotes_of(*paragraphs)] == expected


def test_question_block_introduction_names_who_answers() -> None:
    found = quotes_of(
        "Ferries will run less often this winter.",
        "We asked Dr. Mei Takahashi, a port engineer, to answer readers\u2019 questions."
        " Her responses have been edited.",
        "1. Why fewer ferries?",
        '"The new hulls need longer checks, and we only have one dry dock."',
    )
    assert [(s, c) for _, s, c in found] == [("Mei Takahashi", "interview")]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # two holders of the same two-word surname: no fold, the surname stays
        [
            "Ana de la Torre and Luis de la Torre run the shop.",
            '"We open at eight every day," De la Torre said.',
        ],
        # parentheses that do not spell the initials define no acronym
        [
            "The Northern Grid Authority (Oslo) met on Friday.",
            '"Supply will be tight through the winter months," the NGA said.',
        ],
        # a partitive with no earlier source stays as written
        ['"He has already told the players," one of the sources said.'],
        # an introduction that names two people does not make the answers anyone's
        [
            "Mei Takahashi and Lars Holm answered readers\u2019 questions.",
            "1. Why fewer ferries?",
            '"The new hulls need longer checks, and we only have one dry dock."',
        ],
    ],
)
def test_blind2_rules_negatives(paragraphs: list[str]) -> None:
    speakers = [s for _, s, _ in quotes_of(*paragraphs)]
    assert not any(
        s in {"Ana de la Torre", "Luis de la Torre", "Northern Grid Authority"}
        or (s and s.startswith("three"))
        for s in speakers
    )
    if len(paragraphs) == 3:
        assert speakers == []
    if len(paragraphs) == 1:
        assert speakers == ["one of the sources"]


def test_a_long_run_of_initials_is_read_in_linear_time() -> None:
    # one look ahead an initial: a hostile run of them is neither slow nor a recursion
    text = "A. " * 5000 + "Smith said."
    masked = mask_abbreviations(text)
    assert masked.count("\u2024") == 5000
    assert quotes_of(text + ' "We will go."') is not None


def test_no_speaker_holds_the_abbreviation_mask() -> None:
    found = quotes_of('"Go now," Gov. Ana Ruiz said. "Do not wait," Supt. Rob Lee said.')
    assert [s for _, s, _ in found] == ["Ana Ruiz", "Rob Lee"]
    assert all("\u2024" not in s for _, s, _ in found if s)
    # an interview's labels with an initial: the full name first, the surname after
    turns = quotes_of(
        "Kavya N. Hegde founded the firm in 2019.",
        "Q: Why Hubballi?",
        "Kavya N. Hegde: Because my customers are here.",
        "Q: Too slow?",
        "Hegde: We were slow and we did not die.",
    )
    assert [(s, c) for _, s, c in turns] == [("Kavya N. Hegde", "transcript")] * 2


# --- every fixture, with its floor -------------------------------------------------------

#: Floors a little under what each set measures, so that a regression on any kind of
#: text fails. unseen, heldout, blind2 and ukdev were measured blind first, then used to
#: write rules; blind3 and blind4 never were (measured blind at P 0.86 R 0.83 and P 0.81
#: R 0.70; they now measure P 0.90 R 0.91 and P 0.88 R 0.86). Quotations at every
#: confidence level count here; the levels are tested on their own.
FIXTURE_FLOORS = [
    pytest.param("unseen", 8, 0.97, 0.97, id="unseen"),
    pytest.param("heldout", 10, 0.94, 0.88, id="heldout"),
    pytest.param("blind2", 10, 0.97, 0.97, id="blind2"),
    pytest.param("ukdev", 16, 0.92, 0.92, id="ukdev"),
    pytest.param("blind3", 10, 0.87, 0.88, id="blind3-never-tuned"),
    pytest.param("blind4", 12, 0.84, 0.83, id="blind4-never-tuned"),
]


def indexed_quotes(folder: Path, index_dir: Path) -> list[Quote]:
    """Every quotation of ``folder`` as an index holds it: built, stored, read back.
    The articles are the folder's .txt files: its gold.json is no article."""
    report = build(sorted(folder.glob("*.txt")), index_dir, rebuild=True, procs=1)
    assert report.articles and not report.skipped
    index = open_index(index_dir).index
    found = find_quotes(index, limit=0, min_confidence="low").hits
    return [hit.quote for hit in found]


@pytest.mark.parametrize(("name", "count", "precision_floor", "recall_floor"), FIXTURE_FLOORS)
def test_fixture_precision_and_recall(
    name: str, count: int, precision_floor: float, recall_floor: float, tmp_path: Path
) -> None:
    """Through the whole pipeline: ``build`` reads, attributes and stores; ``find_quotes``
    reads the quotations back."""
    folder = Path(__file__).parent / "fixtures" / name
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    found = indexed_quotes(folder, tmp_path / "ix")
    assert len({q.article for q in found}) == count
    precision, recall = _precision_recall(found, gold)
    assert precision >= precision_floor, precision
    assert recall >= recall_floor, recall


def test_high_confidence_attributions_are_the_surest() -> None:
    """Pooled over every fixture set, ``high`` quotations are right at least 92% of the time
    (0.94 measured), and no less often than the whole."""
    kept: list[Quote] = []
    everything: list[Quote] = []
    gold: dict[str, list[dict[str, str]]] = {"quotes": [], "not_quotes": []}
    for name, _, _, _ in (param.values for param in FIXTURE_FLOORS):
        folder = Path(__file__).parent / "fixtures" / str(name)
        labels = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        for key in gold:
            gold[key].extend(labels[key])
        _, loaded = load_articles([folder])
        found = [
            q
            for quotes in attribute_corpus(a for a in loaded if isinstance(a, Article))
            for q in quotes
        ]
        everything.extend(found)
        kept.extend(q for q in found if q.confidence == "high")
    high, _ = _precision_recall(kept, gold)
    overall, _ = _precision_recall(everything, gold)
    assert high >= 0.92, high
    assert high >= overall, (high, overall)


@pytest.mark.parametrize("kept", [3, 20_000])
def test_a_person_reader_finds_the_quotations_person_of_finds(kept: int) -> None:
    # One reader across many articles, as a build shares it (at 3 runs it starts afresh
    # again and again).
    folders = [ROOT / "seeds", *(ROOT / "tests" / "fixtures" / f for f in ("unseen", "blind2"))]
    articles = [a for folder in folders for a in load_articles(folder)[1] if isinstance(a, Article)]
    assert len(articles) > 20
    read = person_reader(kept)
    expected = [extract_quotes(article) for article in articles]
    assert [extract_quotes(article, None, read) for article in articles] == expected
    assert sum(map(len, expected)) > 100


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        # Title case capitalises the verb: "Marlowe Sees" is no name the text gives.
        ("Marlowe Sees 'Personal Insult' if Harbour Project Fails", "Marlowe"),
        ("Jane Marlowe Sees 'Personal Insult' if Harbour Project Fails", "Marlowe"),
        ("Marlowe Sees Trouble Ahead for the Harbour Project", "Marlowe"),
        # Sentence case: the headline gives the full name the text only shortens.
        ("Jane Marlowe sees 'personal insult' if harbour project fails", "Jane Marlowe"),
        # Title case, and the text gives the name too: it is the name.
        ("Why Jane Marlowe Doubts the Harbour Project Will Last", "Jane Marlowe"),
    ],
)
def test_a_title_case_headline_names_only_whom_the_text_names(title: str, speaker: str) -> None:
    body = ["The harbour project is late again.", '"It will not last," Ms. Marlowe said.']
    if title.startswith("Why"):
        body.insert(0, "Jane Marlowe has run the port authority since 2019.")
    quotes = extract_quotes(article(*body, title=title))
    assert [q.speaker for q in quotes] == [speaker]
