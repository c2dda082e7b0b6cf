"""The query language, parsed into a small syntax tree by pure functions.

Typed text is text: no input is a syntax error. The grammar, loosest first::

    query   := any
    any     := all (OR all)*
    all     := loose (AND loose)*
    loose   := unary+                     juxtaposed terms are OR-ed and ranked
    unary   := NOT unary | -unary | atom
    atom    := FIELD:atom | "phrase" | word | word* | word~ | word~N | ( query )

Juxtaposition binds tightest, so ``Lei Jun AND Kingsoft`` means
``(Lei Jun) AND Kingsoft``: the operators join what a person sees as groups.

``AND``, ``OR`` and ``NOT`` are operators only in capitals and only where an
operator fits (``AND`` and ``OR`` between two terms, ``NOT`` before one);
elsewhere they are words. Fields are ``title``, ``article``, ``text``,
``speaker``, ``date`` and ``source``; any other ``name:`` is text. An
unbalanced quote runs to the end of the query, an unmatched parenthesis is
ignored, and any other punctuation is left to the analyzer, which drops it
(``what?`` is ``what``).

The tree's nodes are typed named tuples, not dataclasses: every query, and so
every cold start, parses, and creating a frozen dataclass class costs about ten
times a named tuple's (0.8 ms against 0.07 at start-up, measured), as in
``engine.protocol``. Nodes are compared by type where it matters
(``isinstance``), never by value across types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

FIELDS = frozenset({"title", "article", "text", "speaker", "date", "source"})
DEFAULT_FIELD = "text"
#: Deeper nesting than this is not a query a person typed: parentheses become text.
MAX_DEPTH = 32
_FUZZY_RE = re.compile(r"^(?P<word>.*?\w)~(?P<dist>[0-9]?)$")
_PREFIX_RE = re.compile(r"^(?P<word>.*?\w)\*$")
_FIELD_RE = re.compile(r"^(?P<field>[A-Za-z]+):(?P<rest>.*)$", re.S)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


class Word(NamedTuple):
    """A word (``kind`` is ``word``, ``prefix`` or ``fuzzy``) in a field."""

    field: str
    text: str
    kind: str = "word"
    distance: int = 0


class Phrase(NamedTuple):
    """Words that must occur together, in order."""

    field: str
    text: str


class Not(NamedTuple):
    node: Node


class And(NamedTuple):
    nodes: tuple[Node, ...]


class Or(NamedTuple):
    """Any of the nodes; juxtaposed terms form one, ``explicit`` is False."""

    nodes: tuple[Node, ...]
    explicit: bool = False


Node = Word | Phrase | Not | And | Or


# --- lexer -----------------------------------------------------------------------


class Lexeme(NamedTuple):
    kind: str  # "word", "phrase", "(", ")"
    text: str
    field: str | None = None
    negated: bool = False


def lex(query: str) -> list[Lexeme]:
    """Split a query into words, phrases and parentheses.

    >>> [(x.kind, x.text) for x in lex('title:"sea of stars" (xiao* OR R&D')]
    [('phrase', 'sea of stars'), ('(', '('), ('word', 'xiao*'), ('word', 'OR'), ('word', 'R&D')]
    """
    text = query.translate(_QUOTES)
    out: list[Lexeme] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            out.append(Lexeme(ch, ch))
            i += 1
            continue
        # A token: optional '-', optional 'field:', then a phrase or a word.
        negated = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in "-()":
            negated = True
            i += 1
        field = None
        match = re.match(r"([A-Za-z]+):(?=\S)", text[i:])
        if match and match.group(1).lower() in FIELDS:
            field = match.group(1).lower()
            i += match.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            out.append(Lexeme("phrase", text[i + 1 : end], field, negated))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in '()"':
            i += 1
        word = text[start:i]
        if word:
            out.append(Lexeme("word", word, field, negated))
        elif field is not None or negated:
            # `title:(` or `-(`: the prefix applies to nothing we support; keep going.
            continue
    return out


# --- parser ------------------------------------------------------------------------


class _Parser:
    def __init__(self, lexemes: list[Lexeme]) -> None:
        self.items = lexemes
        self.i = 0
        self.depth = 0

    def peek(self) -> Lexeme | None:
        return self.items[self.i] if self.i < len(self.items) else None

    def is_op(self, lexeme: Lexeme | None, op: str) -> bool:
        return (
            lexeme is not None
            and lexeme.kind == "word"
            and lexeme.text == op
            and lexeme.field is None
            and not lexeme.negated
        )

    def starts_operand(self, offset: int) -> bool:
        j = self.i + offset
        if j >= len(self.items):
            return False
        nxt = self.items[j]
        is_binary_op = nxt.kind == "word" and nxt.text in ("AND", "OR") and not nxt.field
        return nxt.kind != ")" and not is_binary_op

    def parse_query(self, closing: bool = False) -> list[Node]:
        nodes: list[Node] = []
        while (lexeme := self.peek()) is not None:
            if lexeme.kind == ")":
                if closing:
                    return nodes
                self.i += 1  # an unmatched ')' is ignored
                continue
            node = self.parse_any()
            if node is not None:
                nodes.append(node)
        return nodes

    def parse_any(self) -> Node | None:
        return self.parse_chain("OR", self.parse_all, lambda n: Or(n, explicit=True))

    def parse_all(self) -> Node | None:
        return self.parse_chain("AND", self.parse_loose, And)

    def parse_loose(self) -> Node | None:
        """Juxtaposed terms, up to a closing parenthesis or an operator in operator position."""
        nodes: list[Node] = []
        while (lexeme := self.peek()) is not None and lexeme.kind != ")":
            binary = self.is_op(lexeme, "AND") or self.is_op(lexeme, "OR")
            if nodes and binary and self.starts_operand(1):
                break
            node = self.parse_unary()
            if node is not None:
                nodes.append(node)
        if len(nodes) > 1:
            return Or(tuple(nodes))
        return nodes[0] if nodes else None

    def parse_chain(
        self,
        op: str,
        operand: Callable[[], Node | None],
        combine: Callable[[tuple[Node, ...]], Node],
    ) -> Node | None:
        """``operand (op operand)*``, combined when there is more than one."""
        first = operand()
        nodes = [first] if first is not None else []
        while self.is_op(self.peek(), op) and nodes and self.starts_operand(1):
            self.i += 1
            node = operand()
            if node is not None:
                nodes.append(node)
        if len(nodes) > 1:
            return combine(tuple(nodes))
        return nodes[0] if nodes else None

    def parse_unary(self) -> Node | None:
        # Iterative, so that a run of thousands of NOTs cannot exhaust the stack;
        # NOT NOT x is x.
        negations = 0
        while self.is_op(self.peek(), "NOT") and self.starts_operand(1):
            self.i += 1
            negations += 1
        node = self.parse_atom()
        if node is None or negations % 2 == 0:
            return node
        return node.node if isinstance(node, Not) else Not(node)

    def parse_atom(self) -> Node | None:
        lexeme = self.peek()
        if lexeme is None:
            return None
        self.i += 1
        if lexeme.kind == "(":
            if self.depth >= MAX_DEPTH:
                return None
            self.depth += 1
            nodes = self.parse_query(closing=True)
            self.depth -= 1
            if self.peek() is not None:
                self.i += 1  # the matching ')'
            if not nodes:
                return None
            return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))
        if lexeme.kind == ")":
            return None
        node = _leaf(lexeme)
        if node is not None and lexeme.negated:
            return Not(node)
        return node


def _leaf(lexeme: Lexeme) -> Node | None:
    field = lexeme.field or DEFAULT_FIELD
    if lexeme.kind == "phrase":
        return Phrase(field, lexeme.text) if lexeme.text.strip() else None
    text = lexeme.text
    if (m := _PREFIX_RE.match(text)) is not None:
        return Word(field, m.group("word"), "prefix")
    if (m := _FUZZY_RE.match(text)) is not None:
        dist = int(m.group("dist")) if m.group("dist") else 0
        return Word(field, m.group("word"), "fuzzy", dist)  # (the edits allowed: compile's)
    return Word(field, text)


def parse(query: str) -> Node | None:
    """Parse a query; ``None`` when it has nothing to search for.

    >>> parse('word of mouth')
    Or(nodes=(Word(field='text', text='word', kind='word', distance=0), \
Word(field='text', text='of', kind='word', distance=0), \
Word(field='text', text='mouth', kind='word', distance=0)), explicit=False)
    >>> parse('Xiaomi AND NOT car')
    And(nodes=(Word(field='text', text='Xiaomi', kind='word', distance=0), \
Not(node=Word(field='text', text='car', kind='word', distance=0))))
    """
    nodes = _Parser(lex(query)).parse_query()
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))


def words_of(node: Node | None) -> list[Word]:
    """Every positive plain word in the tree, in order (for suggestions)."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Word):
        return [node] if node.kind == "word" else []
    if isinstance(node, Phrase):
        return []
    return [w for child in node.nodes for w in words_of(child)]
