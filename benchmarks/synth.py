"""Generate a synthetic corpus of N articles from the seed paragraphs.

    python benchmarks/synth.py N OUTDIR [--seed S]

Each article is a title line and about 40 paragraphs (30 to 50), drawn with
replacement from the cleaned paragraphs of the seed articles (read with
``leisearch.ingest.load_articles``, so web residue is never copied) and put in
a random order, so 1,000 articles hold about 40,000 paragraphs.

So that the vocabulary grows with N, as it does in a real collection, about
one lowercase word in eight is replaced: by one of the article's own fresh
pseudo-words (made of random syllables), by a pseudo-word from a shared pool of
common ones, or by a number. Capitalised words, speech verbs and short words
are never replaced, so the quotations keep their speakers and the cue words
("said", "replied") that quotation extraction looks for; a few articles swap
"Lei Jun" for a generated name, so there are more speakers than one.

Every article draws from its own ``random.Random(f"{seed}:{number}")``, so the
output is deterministic for a seed, and article k is the same whatever N is.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

PARAGRAPHS_PER_ARTICLE = (30, 50)
REPLACE_RATE = 0.125
FRESH_WORDS_PER_ARTICLE = 12
COMMON_POOL = 3000
OTHER_SPEAKER_RATE = 0.2

SYLLABLES = [c + v for c in "bklmnrstvz" for v in "aeiou"] + ["shan", "ling", "xiao", "wen"]
# Speech cues and the benchmark's own query words are never replaced.
PROTECTED = re.compile(
    r"(?:sa[iy]|tel|told|repl|add|ask|expla|note|state|wr[io]t|recall|respon|believ|think"
    r"|thought|accord|word|mouth|that|this|with|from|have|were|they|their|which)"
)
WORD = re.compile(r"\b[a-z]{4,}\b")


def seed_paragraphs(seeds: Path = SEEDS) -> list[str]:
    """The cleaned paragraphs of every seed article, in reading order."""
    from leisearch.ingest import load_articles
    from leisearch.models import Article

    _, stream = load_articles([seeds])
    return [p.text for item in stream if isinstance(item, Article) for p in item.paragraphs]


def pseudo_word(rng: random.Random) -> str:
    """A pronounceable made-up word of two to four syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def common_pool(seed: int, size: int = COMMON_POOL) -> list[str]:
    """Pseudo-words shared by all articles: the corpus's own common words."""
    rng = random.Random(f"{seed}:pool")
    return [pseudo_word(rng) for _ in range(size)]


def varier(
    rng: random.Random, fresh: list[str], pool: list[str], keep: frozenset[str] = frozenset()
) -> Callable[[str], str]:
    """A function that varies a text's words with ``rng``: about one lowercase word of
    four letters or more in eight (``REPLACE_RATE``) becomes one of ``fresh`` (the
    article's own pseudo-words), a pseudo-word of the shared ``pool`` (Zipf-like: its
    first words far more often) or a number. Capitalised words (names), short words,
    the ``PROTECTED`` ones (speech cues, the benchmark query's words) and the words
    of ``keep`` are kept."""

    def substitute(match: re.Match[str]) -> str:
        word = match.group(0)
        if PROTECTED.match(word) or word in keep or rng.random() >= REPLACE_RATE:
            return word
        kind = rng.random()
        if kind < 0.45:
            return rng.choice(fresh)
        if kind < 0.9:
            # Zipf-like: low indexes of the pool are drawn far more often.
            return pool[min(int(rng.paretovariate(1.0)) - 1, len(pool) - 1)]
        return str(rng.randint(2, 99_999))

    return lambda text: WORD.sub(substitute, text)


def make_article(number: int, paragraphs: list[str], pool: list[str], seed: int) -> str:
    """The text of synthetic article ``number``: a title line, then paragraphs."""
    rng = random.Random(f"{seed}:{number}")
    fresh = [pseudo_word(rng) for _ in range(FRESH_WORDS_PER_ARTICLE)]
    vary = varier(rng, fresh, pool)
    count = rng.randint(*PARAGRAPHS_PER_ARTICLE)
    chosen = [rng.choice(paragraphs) for _ in range(count)]
    body = [vary(text) for text in chosen]
    if rng.random() < OTHER_SPEAKER_RATE:
        name = f"{pseudo_word(rng).title()} {pseudo_word(rng).title()}"
        body = [text.replace("Lei Jun", name) for text in body]
    title = f"Synthetic article {number}: {' '.join(rng.sample(fresh, 3))}"
    return title + "\n\n" + "\n\n".join(body) + "\n"


def generate(count: int, out: Path, seed: int = 0) -> list[Path]:
    """Write ``count`` articles to ``out`` as ``000000.txt`` ...; return their paths."""
    paragraphs = seed_paragraphs()
    pool = common_pool(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = out / f"{number:06d}.txt"
        path.write_text(make_article(number, paragraphs, pool, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="number of articles")
    parser.add_argument("out", type=Path, metavar="OUTDIR", help="folder to write them to")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    start = time.perf_counter()
    paths = generate(args.count, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} articles, {size / 1e6:.1f} MB, to {args.out} "
        f"in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
