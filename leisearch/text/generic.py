"""Words that any English news text is full of, whatever it is about.

``stats`` lists an index's top terms to tell a user what the collection is about,
and the hints of the command line give examples from them. Ranked by how many
paragraphs hold them, the top of every news archive is the same: *said*, *year*,
*also*, *mr*, *new*, *people*, *one*. Stop words are left out already
(``text.words.STOP_WORDS``); these are the words after them that say nothing of a
collection's subject: the verbs of reporting, time and calendar words, numbers,
honorifics, and the commonest verbs, adverbs, adjectives and nouns of English.

The list is hand-written (NLTK's word lists need downloaded data) and general: no
topic word (*government*, *police*, *market*) is in it, so that a collection about
a topic shows it.
"""

from __future__ import annotations

# Words as prose, split: a list of 300 quoted words would hide them.
GENERIC_WORDS = frozenset(
    """
    said say says saying told tell tells telling added adds according asked ask asks
    explained noted stated claimed called call calls reported reports report
    mr mrs ms dr miss sir st jr
    one two three four five six seven eight nine ten first second third last next
    hundred hundreds thousand thousands million millions billion billions percent per cent
    year years yearly day days week weeks month months today yesterday tomorrow tonight
    time times ago recent recently now later earlier early late soon since during
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    also just even still already yet well much many lot lots really quite almost
    however though although whether instead rather around across along among
    new old big small great good bad long short high low large little least less
    right left next own sure able likely top full whole real certain several various
    another other others every each much more most less least far near
    make makes made making go goes going went gone get gets got getting take takes took
    taken taking come comes came coming give gives gave given giving see sees saw seen
    know knows knew known think thinks thought want wants wanted look looks looked
    use uses used using find finds found put puts keep keeps kept let lets seem seems
    seemed become becomes became need needs needed try tries tried work works worked
    show shows showed shown turn turns turned include includes included including
    people person thing things way ways part parts number place places point points
    group fact side kind end area back
    like would could should might must can will
    don't doesn't didn't isn't wasn't aren't weren't won't can't couldn't wouldn't
    it's that's there's he's she's i'm we're they're you're i've we've they've
    """.split()  # noqa: SIM905
)
