"""The Snowball stemmer loaded without the NLTK package: the same stems, and NLTK left
as it was for anything that imports it later."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.text.stemming import Stemmer
from leisearch.text.words import iter_words

from .conftest import SEEDS

_PROBE = """
import json, sys
from leisearch.text.stemming import Stemmer
words = json.loads(sys.stdin.read())
light = [Stemmer().stem(w) for w in words]
loaded = sorted(m for m in sys.modules if m == "nltk" or m.startswith("nltk."))
import nltk
from nltk.stem.snowball import SnowballStemmer
from leisearch.text.stemming import snowball
stem = SnowballStemmer("english").stem
print(json.dumps({
    "light": light,
    "nltk": [snowball(w, stem) for w in words],
    "left_loaded": loaded,
    "real_package": hasattr(nltk, "word_tokenize") and hasattr(nltk.stem, "snowball"),
}))
"""


def _words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    seen = {w.lower() for w in text.split() if w.isalpha()}
    # Words of every Snowball step: plurals, -ing and -ed, -ly, -ization, special forms.
    seen |= {"generously", "dying", "skies", "news", "agreed", "hoping", "organizations"}
    seen |= {"flabbergasted", "cafés", "reconciliation", "sensational", "'s", "y"}
    return sorted(seen)


def test_stems_without_the_nltk_package_are_nltks_and_leave_it_unloaded() -> None:
    words = _words()
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert len(words) > 1000
    assert found["light"] == found["nltk"]
    assert found["left_loaded"] == []  # no stand-in or submodule left behind
    assert found["real_package"]  # a later import of NLTK is the whole package


#: Pieces of text for the stemmed words' property: glued words (``AutoIt``, ``R&D.SU7``),
#: curly and straight apostrophes, accents, digits, a word too long to index.
_PIECES = ["Cars", "car's", "cars’", "AutoIt", "R&D.SU7Questions", "Café", "ﬁre", "dying",
           "iPhone", "McDonald", "x" * 61, "2024", "Lei Jun", "‘word", "mouth”"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=10),
    st.lists(st.sampled_from([" ", "-", "", ", ", "\n", "—"]), min_size=10, max_size=10),
)
def test_stemmed_words_are_each_word_of_iter_words_stemmed(
    pieces: list[str], glue: list[str]
) -> None:
    text = "".join(piece + joint for piece, joint in zip(pieces, glue, strict=False))
    stemmer = Stemmer()
    expected = tuple((stemmer.stem(w.lower()), s, e) for w, s, e in iter_words(text))
    assert stemmer.stemmed_words(text) == expected
    assert stemmer.stems(text) == {stem for stem, _, _ in expected}
