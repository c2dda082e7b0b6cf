"""How much slower a corpus of web pages indexes than the same articles as text.

    python benchmarks/html_speed.py DIR [--articles N] [--rounds R] [--json]

``DIR`` holds ``.txt`` articles (``../shared/data/polnear/train/articles``). The
first ``N`` are written to a temporary folder twice: as they are, and each as a
saved news page around the same title and paragraphs: a ``<head>`` with Open
Graph and article metadata, a site header with navigation, share buttons, the
article's byline and date, related links, a comment section with a form, and a
footer, about as much furniture again as text, as real pages carry. Both
folders are then indexed from scratch (``leisearch.build``, one process, so
that the ratio is about reading, not about how the cores are shared), ``R``
rounds taken in turn (text, pages, text, pages, ...) so that a noisy machine
weighs on both alike. The figure is the ratio of the medians: issue 13's
target is at most 2.

The pages are made here, from the articles' own text, and stay in the
temporary folder: nothing of the data is written into the repository.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from leisearch import build

NAV = " ".join(
    f'<li><a href="/{section.lower()}">{section}</a></li>'
    for section in ("News", "Politics", "Business", "Sport", "Culture", "Opinion", "Video")
)
SHARE = "".join(
    f'<a class="share" href="https://{site}.example/share">Share on {site}</a>'
    for site in ("Facebook", "Twitter", "LinkedIn", "Email")
)
RELATED = "".join(
    f'<li><a href="/story/{n}">Related story number {n} that you may also like</a></li>'
    for n in range(1, 7)
)
COMMENTS = "".join(
    f'<div class="comment"><p class="author">Reader {n}</p>'
    f"<p>I read this with interest and have a view on it, number {n}.</p></div>"
    for n in range(1, 5)
)


def page(title: str, paragraphs: list[str], n: int) -> str:
    """A saved news page around ``title`` and ``paragraphs``."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    safe = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{safe} | The Example Times</title>
<meta property="og:title" content="{safe}">
<meta property="og:site_name" content="The Example Times">
<meta name="author" content="Staff Writer {n % 17}">
<meta property="article:published_time" content="2024-03-{1 + n % 28:02d}T09:00:00Z">
<link rel="canonical" href="https://times.example/story/{n}">
<script>window.ads = {{slots: ["top", "side", "bottom"]}};</script>
</head><body>
<header><div class="logo">The Example Times</div><nav><ul>{NAV}</ul></nav>
<form class="search"><input name="q"><button>Search</button></form></header>
<main><article>
<h1>{safe}</h1>
<div class="byline">By Staff Writer {n % 17} <time datetime="2024-03-{1 + n % 28:02d}">March
{1 + n % 28}, 2024</time></div>
<div class="share-bar">{SHARE}</div>
{body}
<div class="share-bar">{SHARE}</div>
</article>
<aside><h2>Related</h2><ul>{RELATED}</ul></aside>
<section id="comments"><h2>Comments</h2>{COMMENTS}
<form><textarea name="comment"></textarea><p>Your email address will not be published.</p>
<button>Post comment</button></form></section>
</main>
<footer><ul>{NAV}</ul><p>Copyright 2024 The Example Times. All rights reserved.</p></footer>
</body></html>
"""


def write_corpora(source: Path, count: int, into: Path) -> tuple[Path, Path]:
    """The first ``count`` articles of ``source`` as text and as pages."""
    text_dir, page_dir = into / "text", into / "pages"
    text_dir.mkdir()
    page_dir.mkdir()
    for n, path in enumerate(sorted(source.glob("*.txt"))[:count]):
        raw = path.read_text(encoding="utf-8", errors="replace")
        blocks = [b.strip() for b in raw.split("\n\n") if b.strip()]
        if len(blocks) < 2:
            continue
        (text_dir / path.name).write_text(raw, encoding="utf-8")
        (page_dir / f"{path.stem}.html").write_text(page(blocks[0], blocks[1:], n), "utf-8")
    return text_dir, page_dir


def timed_build(folder: Path, index_dir: Path) -> tuple[float, int]:
    """Seconds for a fresh build of ``folder``, and the paragraphs it indexed."""
    started = time.perf_counter()
    report = build([folder], index_dir, rebuild=True, procs=1)
    return time.perf_counter() - started, report.paragraphs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt articles")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        text_dir, page_dir = write_corpora(args.folder, args.articles, base)
        times: dict[str, list[float]] = {"text": [], "pages": []}
        paragraphs: dict[str, int] = {}
        for _ in range(args.rounds):
            for name, folder in (("text", text_dir), ("pages", page_dir)):
                seconds, paragraphs[name] = timed_build(folder, base / f"ix-{name}")
                times[name].append(seconds)
        written = sum(1 for _ in text_dir.glob("*.txt"))
    medians = {name: statistics.median(values) for name, values in times.items()}
    result = {
        "articles": written,
        "rounds": args.rounds,
        "seconds": times,
        "paragraphs": paragraphs,
        "ratio": round(medians["pages"] / medians["text"], 3),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['articles']} articles, {args.rounds} rounds: text {medians['text']:.2f} s "
            f"({paragraphs['text']} paragraphs), pages {medians['pages']:.2f} s "
            f"({paragraphs['pages']} paragraphs): pages / text = {result['ratio']:.2f} "
            "(target: at most 2)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
