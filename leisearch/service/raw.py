"""An article as its file reads: ``show --raw``.

The index keeps the paragraphs that cleaning left; what cleaning took out
(navigation, credits, trailers, an author's bio, …) is only in the file. So
``raw_article`` reads the article's file again, the way the build read it
(``ingest``), and lays each removed block between the paragraphs where it was,
with the rule that removed it. Nothing is stored twice, and the view is the
file's: when the file has changed since it was indexed (its hash differs),
``changed`` says so; when it is gone, or no longer holds the article, the error
says that.

For a web page, "as read" is the main text that trafilatura extracted: the
menus and comments it leaves out are not leisearch's removals, and are not shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from leisearch.errors import CorpusError, Reason, UsageError
from leisearch.ingest.files import SourceFile, digest, read_source
from leisearch.ingest.reading import parse_source
from leisearch.models import Article, ArticleInfo, RawArticle, RawBlock, Skipped

from .browse import locate
from .opening import Index
from .search import check_not_negative

#: The number a build puts after an id that another file already had (``feed-3-2``).
_RENUMBERED = re.compile(r"-[0-9]+\Z")


def raw_article(index: Index, target: str, context: int | None = None) -> RawArticle:
    """``ARTICLE`` read again from its file, its removed blocks in place; with
    ``ARTICLE:PARAGRAPH`` and ``context``, that paragraph and ``context`` either side
    (with the blocks removed among them)."""
    if context is not None:
        check_not_negative("context", context, UsageError)
    info, focus = locate(index, target)
    source = SourceFile(info.path, info.file_id or info.id)
    data = read_source(source)
    if isinstance(data, Skipped):
        raise CorpusError(
            Reason.SOURCE_UNREADABLE,
            f"the file of {info.id} cannot be read: {data.path} ({data.reason})",
            path=info.path,
            value=info.id,
        )
    article = _find(info, parse_source(source, data))
    blocks = tuple(_blocks(article))
    if focus is not None and context is not None:
        blocks = tuple(_around(blocks, focus - context, focus + context))
    return RawArticle(
        info.id,
        article.title,
        info.path,
        blocks,
        focus,
        index.meta(info.id),
        changed=bool(info.digest) and digest(data) != info.digest,
    )


def _find(info: ArticleInfo, parsed: Sequence[Article | Skipped]) -> Article:
    """The article of the file that is ``info``'s: by its id, else by the id the build
    numbered (``id-2`` for a second ``id``)."""
    articles = [a for a in parsed if isinstance(a, Article)]
    for wanted in (info.id, _RENUMBERED.sub("", info.id)):
        named = [a for a in articles if a.id == wanted]
        # Two records of one file with one id: the title tells them apart.
        if named:
            return min(named, key=lambda a: a.title != info.title)
    raise CorpusError(
        Reason.NOT_IN_SOURCE,
        f"{info.path} no longer holds the article {info.id}",
        path=info.path,
        value=info.id,
    )


def _blocks(article: Article) -> Iterator[RawBlock]:
    """The paragraphs and the removed blocks, in reading order."""
    removed = sorted(article.removed, key=lambda r: r.position)  # stable: reading order
    pending = iter(removed)
    cut = next(pending, None)
    for before, paragraph in enumerate(article.paragraphs):
        while cut is not None and cut.position <= before:
            yield RawBlock(article.id, None, cut.rule, cut.text)
            cut = next(pending, None)
        yield RawBlock(article.id, paragraph.number, None, paragraph.text)
    while cut is not None:
        yield RawBlock(article.id, None, cut.rule, cut.text)
        cut = next(pending, None)


def _around(blocks: Iterable[RawBlock], first: int, last: int) -> Iterator[RawBlock]:
    """The paragraphs ``first`` to ``last``, with the blocks removed among them, just
    before them and just after them."""
    before = 0
    for block in blocks:
        if block.paragraph is not None:
            before = block.paragraph
        place = before if block.paragraph is not None else before + 0.5
        if first - 0.5 <= place <= last + 0.5:
            yield block
