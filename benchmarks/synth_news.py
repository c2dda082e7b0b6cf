"""Generate N articles of real news text: a folder's articles again and again, words varied.

    python benchmarks/synth_news.py N OUTDIR SOURCE [--seed S]

``SOURCE`` is a folder of articles leisearch reads, such as PolNeAR's training
articles (``../shared/data/polnear/train/articles``: 840 news articles, about
15,600 paragraphs). Its text is read with ``leisearch.ingest.load_articles``,
so the paragraphs are the cleaned ones leisearch indexes; it is never copied
anywhere but ``OUTDIR``, which belongs in a temporary folder (the data's
licence forbids copying its texts into the repository).

Article ``k`` is source article ``order[k % S]`` (``S`` sources, ``order`` a
permutation fixed by the seed), whole: its title and its paragraphs in their
order, so that its speakers are introduced before the pronouns that point at
them and quotation extraction does the work it does on news. Its words are
varied as ``synth.py`` varies the seed paragraphs: about one lowercase word in
eight becomes one of the article's own fresh pseudo-words, a pseudo-word from a
shared Zipf-distributed pool, or a number, so the vocabulary grows with N.
Capitalised words (names), short words (pronouns) and every word of leisearch's
quotation word lists (``leisearch.quotes.words``: speech verbs such as "said",
"warned" and "tweeted", roles such as "spokesman", organisations, places,
months) are never replaced, so that the cues attribution reads stay. Each
source is used about N / S times, each time with other words varied: the
repetition a syndicated archive has, and more.

Every article draws from its own ``random.Random(f"{seed}:news:{k}")``: the
output is deterministic, and article ``k`` is the same whatever N is.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import FRESH_WORDS_PER_ARTICLE, common_pool, pseudo_word, varier

Source = tuple[str, list[str]]  # (title, paragraphs)


def source_articles(folder: Path) -> list[Source]:
    """The title and cleaned paragraphs of every article under ``folder``, by article id."""
    from leisearch.ingest import load_articles
    from leisearch.models import Article

    _, stream = load_articles([folder])
    articles = sorted(
        (item for item in stream if isinstance(item, Article) and item.paragraphs),
        key=lambda article: article.id,
    )
    if not articles:
        raise SystemExit(f"synth_news: no article with text under {folder}")
    return [(a.title, [p.text for p in a.paragraphs]) for a in articles]


def cue_words() -> frozenset[str]:
    """Every lowercase word of leisearch's quotation word lists (``leisearch.quotes.words``):
    speech verbs, roles, organisation and place words, openers... which attribution reads."""
    from leisearch.quotes import words

    found: set[str] = set()
    for name in dir(words):
        value = getattr(words, name)
        if not name.isupper():
            continue
        if isinstance(value, str):  # a regular expression of phrases, or characters
            found.update(re.findall(r"[a-z]+", value))
        elif isinstance(value, Mapping | frozenset | tuple | list):
            found.update(item for item in value if isinstance(item, str))
    return frozenset(word for word in found if word.islower())


def source_order(count: int, seed: int) -> list[int]:
    """A permutation of the ``count`` sources, fixed by ``seed`` (not by N)."""
    order = list(range(count))
    random.Random(f"{seed}:news-order").shuffle(order)
    return order


def make_article(
    number: int,
    sources: list[Source],
    order: list[int],
    pool: list[str],
    seed: int,
    keep: frozenset[str] = frozenset(),
) -> str:
    """The text of article ``number``: its source's title line, then its varied paragraphs
    (the words of ``keep`` never varied)."""
    rng = random.Random(f"{seed}:news:{number}")
    fresh = [pseudo_word(rng) for _ in range(FRESH_WORDS_PER_ARTICLE)]
    vary = varier(rng, fresh, pool, keep)
    title, paragraphs = sources[order[number % len(sources)]]
    return vary(title) + "\n\n" + "\n\n".join(vary(text) for text in paragraphs) + "\n"


def generate(count: int, out: Path, source: Path, seed: int = 0) -> list[Path]:
    """Write ``count`` articles to ``out`` as ``000000.txt`` ...; return their paths."""
    sources = source_articles(source)
    order = source_order(len(sources), seed)
    pool = common_pool(seed)
    keep = cue_words()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = out / f"{number:06d}.txt"
        text = make_article(number, sources, order, pool, seed, keep)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="number of articles")
    parser.add_argument("out", type=Path, metavar="OUTDIR", help="folder to write them to")
    parser.add_argument("source", type=Path, metavar="SOURCE", help="folder of news articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    start = time.perf_counter()
    paths = generate(args.count, args.out, args.source, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} articles, {size / 1e6:.1f} MB, to {args.out} "
        f"in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
