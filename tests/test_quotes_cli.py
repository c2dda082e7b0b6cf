"""Quotations through the index and the CLI: quotes, speakers, query --speaker, aliases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leisearch.cli.messages import hint
from leisearch.errors import Reason, UsageError
from leisearch.models import at_least
from leisearch.service import search as search_module
from leisearch.service.build import build
from leisearch.service.opening import Index, open_index
from leisearch.service.search import find_quotes, search

from .conftest import SEEDS, run_cli, write_corpus

QUOTE_KEYS = [
    "speaker",
    "text",
    "article",
    "title",
    "paragraph",
    "cue",
    "confidence",
    "duplicates",
    "date",
    "source",
    "author",
    "url",
]
GOLD = json.loads((Path(__file__).parent / "fixtures" / "quotes_gold.json").read_text("utf-8"))


def test_lei_jun_is_quoted_in_every_article_and_nobody_else_is_returned(
    seed_index_dir: Path,
) -> None:
    result = run_cli(
        "quotes",
        "--speaker",
        "Lei Jun",
        "--limit",
        "0",
        "--min-confidence",
        "low",
        "--json",
        "--index",
        str(seed_index_dir),
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["speaker"] for r in records} == {"Lei Jun"}
    assert {r["article"] for r in records} == {p.stem for p in SEEDS.glob("*.txt")}
    gold_lei = [g for g in GOLD["quotes"] if g["speaker"] == "Lei Jun"]
    assert len(records) == len(gold_lei)
    others = [" ".join(g["text"].split()) for g in GOLD["quotes"] if g["speaker"] != "Lei Jun"]
    not_quotes = [" ".join(g["text"].split()) for g in GOLD["not_quotes"]]
    for record in records:
        assert list(record) == QUOTE_KEYS
        text = " ".join(record["text"].split())
        assert text not in others and text not in not_quotes
        assert record["text"] and record["text"][0] not in '"“'  # outer marks removed


def test_limit_zero_means_no_limit(seed_index: Index) -> None:
    everything = find_quotes(seed_index, limit=0, min_confidence="low")
    assert len(everything.hits) == everything.total == len(GOLD["quotes"])
    assert len(find_quotes(seed_index, limit=3).hits) == 3


@pytest.mark.parametrize("floor", ["low", "medium", "high"])
def test_min_confidence_keeps_only_attributions_that_sure(seed_index: Index, floor: str) -> None:
    kept = [h.quote for h in find_quotes(seed_index, limit=0, min_confidence=floor).hits]
    everything = [h.quote for h in find_quotes(seed_index, limit=0, min_confidence="low").hits]
    assert kept == [q for q in everything if at_least(q.confidence, floor)]
    assert kept  # every level has quotations on the seeds
    by_speaker = find_quotes(seed_index, speaker="Lei Jun", limit=0, min_confidence=floor).hits
    assert all(at_least(h.quote.confidence, floor) for h in by_speaker)
    assert len(by_speaker) == sum(1 for q in kept if q.speaker == "Lei Jun")


def test_the_default_leaves_out_context_attributions(seed_index: Index) -> None:
    default = find_quotes(seed_index, limit=0).hits
    assert all(h.quote.confidence != "low" for h in default)
    low = find_quotes(seed_index, limit=0, min_confidence="low").hits
    assert len(default) < len(low)


def test_query_speaker_filter_follows_min_confidence(seed_index: Index) -> None:
    def paragraphs(floor: str) -> set[tuple[str, int]]:
        hits = search(seed_index, "Xiaomi", speaker="Lei Jun", limit=0, min_confidence=floor).hits
        return {(h.article, h.paragraph) for h in hits}

    high, low = paragraphs("high"), paragraphs("low")
    assert high < low
    for hit in search(seed_index, "Xiaomi", speaker="Lei Jun", limit=0, min_confidence="high").hits:
        assert "Lei Jun" in hit.speakers


def test_an_unknown_confidence_is_a_usage_error(seed_index: Index) -> None:
    with pytest.raises(UsageError):
        find_quotes(seed_index, min_confidence="certain")


def test_speaker_matches_aliases_case_insensitively(seed_index: Index) -> None:
    canonical = find_quotes(seed_index, speaker="Lei Jun", limit=0).hits
    for alias in ("lei", "LEI JUN", "Mr. Lei", "Lei Jun, Chairman of Xiaomi Corporation"):
        hits = find_quotes(seed_index, speaker=alias, limit=0).hits
        assert [h.quote for h in hits] == [h.quote for h in canonical]


def _indexed(tmp_path: Path, articles: dict[str, str]) -> Index:
    """An index of ``articles`` (name -> text), opened."""
    build([write_corpus(tmp_path / "news", articles)], tmp_path / "ix")
    return open_index(tmp_path / "ix").index


def test_a_label_in_brackets_and_a_hyphen_typed_as_a_space(tmp_path: Path) -> None:
    # As articles write a name, and as a user types one (a fresh-clone trial).
    articles = {
        "budget": 'Budget\n\n"The deficit will grow," said Douglas Holtz-Eakin, an economist.',
        "banks": 'Banks\n\n"Break them up," said Sen. Elizabeth Warren (D-Mass.) on Tuesday.',
    }
    index = _indexed(tmp_path, articles)
    for typed, name in (
        ("Douglas Holtz Eakin", "Douglas Holtz-Eakin"),
        ("douglas holtz-eakin", "Douglas Holtz-Eakin"),
        ("Elizabeth Warren (D-Mass.)", "Elizabeth Warren"),
        ("Sen. Elizabeth Warren (D-Mass.)", "Elizabeth Warren"),
        ("Elizabeth Warren ( D-Mass. )", "Elizabeth Warren"),
    ):
        assert index.speaker(typed) == name, typed
    # A name that is only a label in brackets is still no one's; a slip in a hyphenated
    # surname still finds who may be meant.
    for typed in ("(D-Mass.)", "(Elizabeth Warren"):
        with pytest.raises(UsageError):
            index.speaker(typed)
    with pytest.raises(UsageError) as slip:
        index.speaker("Holtz-Eakn")
    assert slip.value.candidates == ("Douglas Holtz-Eakin",)
    # a name of two words in the other order is offered first, never taken (two people
    # may have the same two names)
    with pytest.raises(UsageError) as swapped:
        index.speaker("Warren Elizabeth")
    assert swapped.value.candidates[0] == "Elizabeth Warren"


def test_names_that_differ_by_a_hyphen_are_each_found_as_written(tmp_path: Path) -> None:
    articles = {
        "one": 'Lyon\n\n"We open in May," said Jean-Pierre Dupont, the baker.',
        "two": 'Nice\n\n"We close in June," said Jean Pierre Dupont, the grocer.',
    }
    index = _indexed(tmp_path, articles)
    assert index.speaker("Jean-Pierre Dupont") == "Jean-Pierre Dupont"
    assert index.speaker("jean pierre dupont") == "Jean Pierre Dupont"


def test_an_honorific_that_says_a_sex_narrows_a_shared_surname(tmp_path: Path) -> None:
    articles = {
        "bill": 'Flint\n\n"It makes no sense," said Bill Clinton, the former president.',
        "hillary": 'Ohio\n\n"We will win Ohio," said Hillary Clinton, the candidate.',
        "donald": 'Rally\n\n"We will build it," said Donald Trump, the nominee.',
        "donald-j": 'Debate\n\n"Believe me," said Donald J. Trump at the debate.',
        "mary": 'Convention\n\n"He is a fighter," said Mary Trump, his niece.',
        "meng": 'Queens\n\n"The bill will pass," said Grace Meng, the congresswoman.',
        "mark": 'Ballpark\n\n"The season is long," said Mark Grace, the player.',
        "ayotte": 'Concord\n\n"We need more troops," said Kelly Ayotte, the senator.',
        "kelly": 'Tucson\n\n"The flight was smooth," said Mark Kelly, the astronaut.',
    }
    index = _indexed(tmp_path, articles)
    assert index.speaker("Mr. Clinton") == "Bill Clinton"
    assert index.speaker("mrs clinton") == index.speaker("Ms. Clinton") == "Hillary Clinton"
    assert index.speaker("Mrs. Trump") == "Mary Trump"
    for typed, candidates in (
        ("Clinton", {"Bill Clinton", "Hillary Clinton"}),
        ("Dr. Clinton", {"Bill Clinton", "Hillary Clinton"}),
        ("Mr. Trump", {"Donald Trump", "Donald J. Trump"}),  # not Mary Trump
        # An honorific's word is a surname: not Grace Meng's given name, nor Kelly Ayotte's.
        ("Ms. Grace", {"Grace Meng", "Mark Grace"}),
        ("Mrs. Kelly", {"Kelly Ayotte", "Mark Kelly"}),
    ):
        with pytest.raises(UsageError) as raised:
            index.speaker(typed)
        assert raised.value.reason == Reason.AMBIGUOUS_SPEAKER
        assert set(raised.value.candidates) == candidates, typed


def test_a_person_familiar_with_lei_jun_is_not_lei_jun(seed_index: Index) -> None:
    speakers = {s.name for s in seed_index.manifest.speakers}
    familiar = {s for s in speakers if "familiar with Lei Jun" in s}
    assert familiar
    for name in familiar:
        assert seed_index.speaker(name) == name


def test_unknown_speaker_is_a_usage_error(seed_index: Index) -> None:
    with pytest.raises(UsageError):
        find_quotes(seed_index, speaker="Nobody Atall")


def test_query_terms_select_and_highlight_quotations(seed_index: Index) -> None:
    hits = find_quotes(seed_index, "patents", limit=0).hits
    assert hits
    for hit in hits:
        marked = [hit.quote.text[s.start : s.end].lower() for s in hit.spans]
        assert marked and all(m.startswith("patent") for m in marked)


def test_query_speaker_filters_paragraphs(seed_index: Index) -> None:
    everyone = search(seed_index, "Xiaomi", limit=0).hits
    lei = search(seed_index, "Xiaomi", limit=0, speaker="Lei").hits
    assert lei and len(lei) < len(everyone)
    assert all("Lei Jun" in hit.speakers for hit in lei)


def test_quotes_plain_and_rich_output(seed_index_dir: Path) -> None:
    plain = run_cli("quotes", "patents", "-n", "1", "--index", str(seed_index_dir))
    assert plain.returncode == 0
    assert "\x1b[" not in plain.stdout
    assert "— Lei Jun, " in plain.stdout and "001_b626983f2601e7a1:" in plain.stdout
    rich = run_cli(
        "quotes", "patents", "-n", "1", "--index", str(seed_index_dir), env={"FORCE_COLOR": "1"}
    )
    assert "\x1b[" in rich.stdout and "Lei Jun" in rich.stdout


def test_no_quotations_exit_1(seed_index_dir: Path) -> None:
    result = run_cli("quotes", "orthopedic", "--index", str(seed_index_dir))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no quotations" in result.stderr


def test_speakers_command(seed_index_dir: Path) -> None:
    args = ("speakers", "--json", "--index", str(seed_index_dir))
    result = run_cli(*args, "--min-confidence", "low")
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["speaker"] == "Lei Jun"
    assert list(records[0]) == ["speaker", "quotes", "aliases", "by_confidence"]
    counts = {}
    for quote in GOLD["quotes"]:
        counts[quote["speaker"]] = counts.get(quote["speaker"], 0) + 1
    assert {r["speaker"]: r["quotes"] for r in records} == counts
    for record in records:
        assert sum(record["by_confidence"].values()) == record["quotes"]
    default = [json.loads(line) for line in run_cli(*args).stdout.splitlines()]
    for record in default:  # counted at the default, medium: low ones left out
        levels = record["by_confidence"]
        assert record["quotes"] == levels["medium"] + levels["high"] > 0
    assert [r["quotes"] for r in records] == sorted((r["quotes"] for r in records), reverse=True)
    chart = run_cli("speakers", "--index", str(seed_index_dir), env={"FORCE_COLOR": "1"})
    assert "█" in chart.stdout


def test_alias_file_overrides_the_canonical_name(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "a": 'Title A\n\nJane Doe said: "We will ship the product next year, on time."',
            "b": 'Title B\n\n"Prices will not rise this quarter at all," said Doe.',
        },
    )
    (corpus / "leisearch.aliases").write_text(
        "# house style\nDr. Jane Doe: Jane Doe, Doe\n", encoding="utf-8"
    )
    build([corpus], tmp_path / "ix")
    opened = open_index(tmp_path / "ix").index
    assert [s.name for s in opened.manifest.speakers] == ["Dr. Jane Doe"]
    assert len(find_quotes(opened, speaker="doe", limit=0).hits) == 2


def test_malformed_alias_file_is_a_clear_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"a": "T\n\nsome text"})
    (corpus / "leisearch.aliases").write_text("no colon here\n", encoding="utf-8")
    result = run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.returncode == 2
    assert "leisearch.aliases" in result.stderr and "line 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_reindexing_an_article_replaces_its_quotations(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c", {"a": 'T\n\nAnna Berg said: "The first plan is dead and buried now."'}
    )
    build([corpus], tmp_path / "ix")
    write_corpus(corpus, {"a": 'T\n\nAnna Berg said: "The second plan is alive and well now."'})
    build([corpus], tmp_path / "ix")
    hits = find_quotes(open_index(tmp_path / "ix").index, limit=0).hits
    assert [h.quote.text for h in hits] == ["The second plan is alive and well now."]


def test_speaker_field_in_the_query_language(seed_index: Index) -> None:
    hits = search(seed_index, 'speaker:"lei jun" patents', limit=0).hits
    assert hits and len(hits) < len(search(seed_index, "patents", limit=0).hits)
    assert all("Lei Jun" in hit.speakers for hit in hits)


def test_an_edited_alias_file_reindexes_the_speakers(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {"a": 'Title A\n\nJane Doe said: "We will ship the product next year, on time."'},
    )
    build([corpus], tmp_path / "ix")
    assert [s.name for s in open_index(tmp_path / "ix").index.manifest.speakers] == ["Jane Doe"]
    aliases = corpus / "leisearch.aliases"
    aliases.write_text("J. Doe: Jane Doe\n", encoding="utf-8")
    report = build([corpus], tmp_path / "ix")
    assert any(
        w.endswith("leisearch.aliases is new: indexing every article again")
        for w in report.warnings
    )
    assert [s.name for s in open_index(tmp_path / "ix").index.manifest.speakers] == ["J. Doe"]
    aliases.write_text("Jane Q. Doe: Jane Doe\n", encoding="utf-8")
    report = build([corpus], tmp_path / "ix")
    assert any(
        w.endswith("leisearch.aliases changed: indexing every article again")
        for w in report.warnings
    )
    assert [s.name for s in open_index(tmp_path / "ix").index.manifest.speakers] == ["Jane Q. Doe"]
    # A deleted alias file is noticed as an edited one is: its names go with it.
    aliases.unlink()
    report = build([corpus], tmp_path / "ix")
    assert any(
        w.endswith("leisearch.aliases is gone: indexing every article again")
        for w in report.warnings
    )
    assert [s.name for s in open_index(tmp_path / "ix").index.manifest.speakers] == ["Jane Doe"]
    assert build([corpus], tmp_path / "ix").warnings == ()  # and once is enough


def test_people_merge_across_articles_only_by_full_name(tmp_path: Path) -> None:
    """A surname resolves within its article: the novelist Brown is never the MP Brown."""
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "politics": (
                "Fuel duty row\n\nLabour MP Gordon Brown criticised the budget on Tuesday.\n\n"
                '"This budget fails working families," Mr Brown said.'
            ),
            "books": (
                "A novel on screen\n\nThe novelist Margaret Brown watched the first cut.\n\n"
                '"I cried twice, and I never cry at films," Brown said.'
            ),
            "elsewhere": (
                "Another day\n\nThe committee met again.\n\n"
                '"We will look at this again next week," said Gordon Brown.'
            ),
        },
    )
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    opened = open_index(index_dir).index
    by_article = {
        h.quote.article: h.quote.speaker
        for h in find_quotes(opened, limit=0, min_confidence="low").hits
    }
    assert by_article == {
        "politics": "Gordon Brown",
        "books": "Margaret Brown",
        "elsewhere": "Gordon Brown",
    }
    gordon = find_quotes(opened, speaker="Gordon Brown", limit=0).hits
    assert {h.quote.article for h in gordon} == {"politics", "elsewhere"}
    # "Brown" alone names two people: it is no alias of either, and the error says who
    with pytest.raises(UsageError) as error:
        find_quotes(opened, speaker="Brown")
    assert "Gordon Brown" in hint(error.value) and "Margaret Brown" in hint(error.value)
    assert error.value.reason is Reason.AMBIGUOUS_SPEAKER
    assert error.value.message == "'Brown' is in the names of several speakers"


def test_a_name_in_one_speakers_name_only_is_that_speaker(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "church": 'Bells\n\n"The bells ring at noon," said Mary Okonkwo, the vicar.',
            "docks": 'Docks\n\n"The cranes stay," said Ben Ashe.\n\n"We agree," Ashe said.',
            "pier": 'Pier\n\n"The pier reopens," said Tom Ashe Varley.',
            "shore": 'Shore\n\n"The shore erodes," Varley said.',  # a surname alone
        },
    )
    build([corpus], tmp_path / "ix")
    opened = open_index(tmp_path / "ix").index
    assert opened.speaker("okonkwo") == opened.speaker("Mary") == "Mary Okonkwo"
    # "Ashe Varley" may be Tom Ashe Varley, or the Varley of another article.
    with pytest.raises(UsageError) as error:
        opened.speaker("Ashe Varley")
    assert error.value.reason is Reason.AMBIGUOUS_SPEAKER
    assert error.value.message == "'Ashe Varley' may be 2 speakers"
    assert error.value.candidates == ("Tom Ashe Varley", "Varley")


def test_a_misspelt_full_name_is_no_speaker_even_where_its_surname_is_one(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "full": 'Harbour vote\n\n"The ferry stays," said Gordon Brown on Monday.',
            "surname": 'Pier vote\n\n"The pier stays too," Brown said on Tuesday.',
        },
    )
    build([corpus], tmp_path / "ix")
    opened = open_index(tmp_path / "ix").index
    speakers = {h.quote.speaker for h in find_quotes(opened, limit=0, min_confidence="low").hits}
    assert speakers == {"Gordon Brown", "Brown"}
    with pytest.raises(UsageError) as error:
        find_quotes(opened, speaker="Gordn Brown")
    # (It was said to be "in the names of several speakers": in none, only Brown ends it.)
    assert error.value.reason is Reason.UNKNOWN_SPEAKER
    assert error.value.message == "no speaker 'Gordn Brown' in the index"
    assert error.value.candidates == ("Gordon Brown", "Brown")


def test_a_speaker_is_found_however_initials_are_written_and_after_an_office(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "firm": 'Firm\n\n"We will fix this," said J.R. Okafor, the chief executive.',
            "dock": 'Dock\n\n"The cranes stay," said Mayor Ludwig van der Berg.',
        },
    )
    build([corpus], tmp_path / "ix")
    opened = open_index(tmp_path / "ix").index
    for typed in ("J.R. Okafor", "JR Okafor", "J. R. Okafor", "jr okafor"):
        assert opened.speaker(typed) == "J.R. Okafor", typed
    for typed in ("Mayor van der Berg", "mayor Ludwig van der Berg", "van der Berg"):
        assert opened.speaker(typed) == "Ludwig van der Berg", typed
    for typed in ('J.R. "Jay" Okafor', "Sen. Okafor", "Cllr J.R. Okafor"):
        assert opened.speaker(typed) == "J.R. Okafor", typed
    with pytest.raises(UsageError) as error:
        opened.speaker("Mayor")  # (an office alone names no one)
    assert error.value.reason is Reason.UNKNOWN_SPEAKER
    with pytest.raises(UsageError):
        opened.speaker("R Okafor")  # (another set of initials is someone else)


def test_an_organisation_quoted_only_through_its_unnamed_sources_points_to_them(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "river": 'River\n\n"The samples are safe," said a Senn Water spokeswoman.',
            "dock": 'Dock\n\n"We will not sell," said a spokesman for Senn Water Holdings.',
            "lake": 'Lake\n\n"The lake is clean," said Ann Senn.',
        },
    )
    build([corpus], tmp_path / "ix")
    opened = open_index(tmp_path / "ix").index
    with pytest.raises(UsageError) as error:
        opened.speaker("Senn Water")
    assert error.value.reason is Reason.UNKNOWN_SPEAKER
    assert set(error.value.candidates) == {
        "a Senn Water spokeswoman",
        "a spokesman for Senn Water Holdings",
    }
    assert "Ann Senn" not in error.value.candidates  # (holds "Senn", not "Senn Water")


def test_a_speaker_quoted_only_below_the_confidence_asked_is_said_to_be(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "harbour": (
                "Harbour news\n\nThe harbour master, Ann Roe, spoke to the crowd at the pier "
                'on Monday.\n\n"We will sail again in the spring, and the ferry will carry more '
                'people than ever."'
            )
        },
    )
    index = str(tmp_path / "ix")
    build([corpus], Path(index))
    hidden = run_cli("quotes", "--speaker", "Roe", "--index", index)
    assert hidden.returncode == 1 and hidden.stdout == ""
    assert hidden.stderr.splitlines()[1] == (
        "leisearch: Ann Roe has 1 quotation less sure than --min-confidence medium "
        "(see them with --min-confidence low)"
    )
    shown = run_cli("quotes", "--speaker", "Roe", "--min-confidence", "low", "--index", index)
    assert shown.returncode == 0 and "Ann Roe (low)" in shown.stdout
    # with a query or another filter, only if the less sure ones match too
    for more in (["zzyzx"], ["--since", "2030"]):
        other = run_cli("quotes", *more, "--speaker", "Roe", "--index", index)
        assert other.returncode == 1 and "less sure" not in other.stderr
    for command in ("query", "quotes"):
        found = run_cli(command, "ferry", "--speaker", "Roe", "--index", index)
        assert found.returncode == 1 and found.stdout == ""
        assert found.stderr.splitlines()[1] == (
            "leisearch: it finds quotations of 'Roe' less sure than --min-confidence medium "
            "(see them with --min-confidence low)"
        )
    # at the lowest floor there is nothing less sure to point to
    nothing = run_cli(
        "quotes", "zzyzx", "--speaker", "Roe", "--min-confidence", "low", "--index", index
    )
    assert nothing.returncode == 1 and "less sure" not in nothing.stderr


def test_a_surname_speaker_points_to_the_fuller_names(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "full": 'Budget day\n\n"We will balance the books," said Gareth Thornley.',
            "short": 'Leadership\n\n"I am not going to start now," Thornley said.',
        },
    )
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    result = run_cli("quotes", "--speaker", "Thornley", "--index", str(index_dir))
    assert result.returncode == 0
    assert result.stdout.count("\u2014 Thornley") == 1
    assert result.stderr == "leisearch: also quoted under a fuller name: Gareth Thornley\n"
    # and the other way round: the full name says that a part of it is quoted apart
    full = run_cli("quotes", "--speaker", "Gareth Thornley", "--index", str(index_dir))
    assert full.returncode == 0
    assert full.stderr == "leisearch: also quoted as Thornley, maybe the same person\n"


def test_a_name_with_or_without_its_middle_initial_points_to_the_other(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "one": 'Budget\n\n"We will balance the books," said Paul D. Reyna.',
            "two": 'Tax\n\n"Taxes will not rise," said Paul Reyna.',
            "three": 'Ports\n\n"The port stays open," said Paula Reyna.',
            # a first name alone is anyone's: no note of it
            "four": 'Ward\n\n"The ward is full again," said Paul, a nurse.',
            # accents aside, as --speaker compares names
            "five": 'Fish\n\n"The boats stay in," said Jose Reyes.',
            "six": 'Nets\n\n"The nets are torn," said Jos\u00e9 A. Reyes.',
        },
    )
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    result = run_cli("quotes", "--speaker", "Paul Reyna", "--index", str(index_dir))
    assert result.returncode == 0 and result.stdout.count("Paul Reyna") == 1
    assert result.stderr == "leisearch: also quoted as Paul D. Reyna, maybe the same person\n"
    plain = run_cli("quotes", "--speaker", "Jose Reyes", "--index", str(index_dir))
    assert plain.stderr == "leisearch: also quoted as Jos\u00e9 A. Reyes, maybe the same person\n"


def test_a_misspelt_speaker_is_told_the_nearest_names(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "one": 'Budget\n\n"We will balance the books," said Hillary Clinton.',
            "two": 'Tax\n\n"Taxes will not rise," said Hillary Clinton.',
            "three": 'Ports\n\n"The port stays open," Clinton said.',
            "four": 'Ward\n\n"The ward is full again," said Hillary Rodham Clinton.',
            "five": 'Nets\n\n"The nets are torn," said Ann Roe.',
        },
    )
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    # One letter off: the full name first, then the names that hold or end it.
    slip = run_cli("quotes", "--speaker", "Hilary Clinton", "--index", str(index_dir))
    assert slip.returncode == 2
    assert slip.stderr.endswith("(hint: did you mean: Hillary Clinton, Clinton)\n")
    # A surname alone, one letter off: whoever has that surname, most quoted first.
    surname = run_cli("quotes", "--speaker", "Clintn", "--index", str(index_dir))
    assert surname.stderr.endswith(
        "(hint: did you mean: Hillary Clinton, Clinton, Hillary Rodham Clinton)\n"
    )
    nothing_else = run_cli("quotes", "--speaker", "Anne Roe", "--index", str(index_dir))
    assert nothing_else.stderr.endswith("(hint: did you mean: Ann Roe)\n")
    far = run_cli("quotes", "--speaker", "Zed Quill", "--index", str(index_dir))
    assert far.stderr.endswith("(hint: list them with: leisearch speakers)\n")
    # A middle name between the first and the last: maybe the same person.
    full = run_cli("quotes", "--speaker", "Hillary Clinton", "--index", str(index_dir))
    assert full.returncode == 0
    assert "also quoted under a fuller name: Hillary Rodham Clinton\n" in full.stderr


def test_a_speaker_with_a_comma_in_the_name_is_found(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"a": 'Founders\n\n"We ship in May this year," said Lei Jun.'},
    )
    (corpus / "leisearch.aliases").write_text("Jun, Lei: Lei Jun\n", encoding="utf-8")
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    opened = open_index(index_dir).index
    assert [h.quote.speaker for h in find_quotes(opened, speaker="Jun, Lei").hits] == ["Jun, Lei"]
    assert [h.speakers for h in search(opened, "ship", speaker="Jun, Lei").hits] == [("Jun, Lei",)]


def test_unnamed_sources_are_no_fuller_names(seed_index_dir: Path) -> None:
    # "a person familiar with Lei Jun" holds his name, but is not another name of his
    result = run_cli("quotes", "--speaker", "Lei Jun", "-n", "1", "--index", str(seed_index_dir))
    assert result.returncode == 0
    assert "fuller name" not in result.stderr


def test_a_title_before_a_surname_still_lists_who_may_be_meant(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "a": 'One\n\n"We will build it," said Rachel Hartigan, the mayor.',
            "b": 'Two\n\n"We will not," said Tom Hartigan, the builder.',
        },
    )
    build([corpus], tmp_path / "ix", rebuild=True, procs=1)
    index = open_index(tmp_path / "ix").index
    with pytest.raises(UsageError) as error:
        find_quotes(index, speaker="Dr Hartigan")
    assert error.value.candidates == ("Rachel Hartigan", "Tom Hartigan")
    # A title that says a sex is the one of them of that sex (by her given name).
    assert index.speaker("Ms Hartigan") == "Rachel Hartigan"


#: Articles in the shapes a new-user trial wrote (notes, a council story, a Q&A): each
#: person must be one speaker, and a quoted answer must lose its marks.
TRIAL_SHAPES = {
    "notes": "Ward closure: follow-up calls\n\n"
    "Called Ada Brennan at the surgery. She said the rota had gaps."
    ' "We have been warning them since the winter," Brennan said.\n\n'
    "Dr Osei did not return calls. His deputy, Dr. Nadia Osei \u2014 no relation, she"
    ' insists \u2014 said "the night rota will be full by the spring."\n\n'
    '"It is not good news, but it is safe," said Dr. Nadia Osei.',
    "council": "Council backs the new quay\n\n"
    'Cllr Ivo Marsh opened the debate. He said: "We own a fifth of this quay."\n\n'
    '"The vote is on Thursday," said Ivo Marsh.\n\n'
    "Campaigner Ruth Abernethy, who lives by the quay, said:"
    ' "We are not against the plan. We are against where it goes."',
    "more": 'Quay protest goes on\n\n"We will keep going all summer," said Ruth Abernethy.',
    "interview": "Interview: Ada Brennan on the surgery\n\n"
    "Ada Brennan has run the surgery for a decade.\n\n"
    "Q: Is this the hardest year?\n\n"
    'A: "Without doubt. Half the town depends on us."\n\n'
    "Q: And next year?\n\n"
    "A: I hope for two more doctors.",
}


def test_trial_shapes_give_one_speaker_per_person_and_bare_answers(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", TRIAL_SHAPES)
    index = str(tmp_path / "ix")
    assert run_cli("index", str(corpus), "--index", index).returncode == 0
    result = run_cli("speakers", "--min-confidence", "low", "--json", "--index", index)
    assert result.returncode == 0, result.stderr
    counts = {r["speaker"]: r["quotes"] for r in map(json.loads, result.stdout.splitlines())}
    assert counts == {"Ada Brennan": 3, "Nadia Osei": 2, "Ivo Marsh": 2, "Ruth Abernethy": 2}
    shown = run_cli("show", "interview", "--json", "--index", index)
    quotes = [q for r in map(json.loads, shown.stdout.splitlines()) for q in r["quotes"]]
    assert [q["text"] for q in quotes] == [
        "Without doubt. Half the town depends on us.",
        "I hope for two more doctors.",
    ]


@pytest.mark.parametrize("scan", [0, 1000])  # copies found by searches, or by reading
def test_a_limited_search_shows_what_a_whole_one_shows_first_with_every_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scan: int
) -> None:
    monkeypatch.setattr(search_module, "COPY_SCAN", scan)
    wire = '"The harbour will reopen in spring," said Jane Roe, the port director.'
    articles = {
        "a-first": f"Harbour news\n\n{wire}",
        "b-other": 'Port talk\n\n"The harbour is a mess," said Tom Fay. "Ferries wait."',
        "c-copy": f"Harbour reopens\n\n{wire}",
        "d-third": 'Quay\n\n"Our harbour fees will rise," said Ann Lee, a councillor.',
        "e-copy": f"Spring harbour\n\n{wire}",
    }
    index = _indexed(tmp_path, articles)
    whole = find_quotes(index, "harbour", limit=0)
    assert whole.total == len(whole.hits) == 3
    # An exclusion decides by the rest of a paragraph (here its headline, "Harbour news"):
    # a copy of the quotation there is no match, yet it is named among the copies, as
    # every copy is, filters or not (where else the words were published).
    for query in ("harbour", "harbour -news", "harbour AND reopen", "harbour source:news"):
        everything = find_quotes(index, query, limit=0)
        for limit in (1, 2):
            limited = find_quotes(index, query, limit=limit)
            assert limited.hits == everything.hits[:limit]  # quotations, copies and spans
            assert limited.total is None or limited.total == len(everything.hits)
    (excluded,) = [h for h in find_quotes(index, "harbour -news", limit=0).hits if h.duplicates]
    assert excluded.quote.article != "a-first"
    assert sorted(excluded.duplicates) == sorted(
        {"a-first:1", "c-copy:1", "e-copy:1"} - {f"{excluded.quote.article}:1"}
    )
    assert find_quotes(index, "harbour", limit=1).total is None  # it stopped early
    wire_hit = next(h for h in whole.hits if h.quote.speaker == "Jane Roe")
    assert len(wire_hit.duplicates) == 2
    every = find_quotes(index, "harbour", limit=2, all_copies=True)
    assert every.hits == find_quotes(index, "harbour", limit=0, all_copies=True).hits[:2]


def test_quotes_says_what_query_says_about_the_query(seed_index_dir: Path) -> None:
    for command in ("query", "quotes"):
        result = run_cli(command, "patents date:", "-n", "1", "--index", str(seed_index_dir))
        assert result.returncode == 0, result.stderr
        assert result.stderr.startswith(
            "leisearch: 'date:' has no value right after the colon, so it was searched as a word"
        )


def test_a_paper_named_with_its_article_is_found_with_or_without_it(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus", {"poll": 'Poll news\n\n"It is a dead heat," The Hill reported.'}
    )
    build([corpus], tmp_path / "ix")
    opened = open_index(tmp_path / "ix").index
    for typed in ("The Hill", "the hill", "Hill", "HILL"):
        hits = find_quotes(opened, speaker=typed, limit=0, min_confidence="low").hits
        assert [h.quote.speaker for h in hits] == ["The Hill"], typed
