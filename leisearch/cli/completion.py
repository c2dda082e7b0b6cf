"""Bash completion that inserts what it completes as the command line needs it.

Bash puts a completion on the command line as it is: ``Gordon Brown`` would become
two words, and a name with a newline or an escape character in it two candidates,
or a command that is not the name. So each completion is written for the word
being completed: with backslashes (``Gordon\\ Brown``), as bash's own file
completion writes it; inside the double or single quote the word was opened
with (``"Maria Delgado``), where backslashes would stay (``"Maria\\ D`` is not
``Maria D``); and with ``$'…'`` escapes when it holds a control character.

Typer's script passes the words re-joined (``COMP_WORDS``); whether the last one
is inside an open quote is read from them (``open_quote``).
"""

from __future__ import annotations

import os
import re
import unicodedata

from typer._click.shell_completion import CompletionItem
from typer._completion_classes import BashComplete


class BashCompletion(BashComplete):
    """Typer's bash completion, each completion written for the word being completed."""

    def format_completion(self, item: CompletionItem) -> str:
        return bash_word(item.value, open_quote(os.environ.get("COMP_WORDS", "")))


def open_quote(line: str) -> str:
    """The quote (``"`` or ``'``) that is open at the end of a command line, or ``""``.

    >>> open_quote('leisearch --speaker "Maria D'), open_quote("show 'a b' x")
    ('"', '')
    >>> open_quote(r"say O\\'Neill 'it"), open_quote(r'say "a \\" b')
    ("'", '"')
    """
    quote, escaped = "", False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote and char == quote:
            quote = ""
        elif not quote and char in "\"'":
            quote = char
    return quote


#: What bash takes as it is in a word; anything else gets a backslash.
_PLAIN = re.compile(r"[\w./:,@+=%-]")
#: What a double-quoted word needs a backslash before.
_IN_DOUBLE_QUOTES = re.compile(r'(["\\$`])')


def bash_word(value: str, quote: str = "") -> str:
    """``value`` as bash should insert it for a word typed so far after ``quote`` (an
    open quote, or none).

    >>> print(bash_word("Gordon Brown"), bash_word("O'Neill & co"), bash_word("Zoë"))
    Gordon\\ Brown O\\'Neill\\ \\&\\ co Zoë
    >>> print(bash_word("Maria Delgado", '"'), bash_word("O'Neill", "'"))
    "Maria Delgado 'O'\\''Neill
    >>> print(bash_word("red\\x1b[31m alert\\n2"))
    $'red\\x1b[31m alert\\n2'
    """
    if any(unicodedata.category(char) == "Cc" for char in value):
        return "$'" + "".join(_ansi_c(char) for char in value) + "'"
    if quote == '"':
        return '"' + _IN_DOUBLE_QUOTES.sub(r"\\\1", value)
    if quote == "'":
        return "'" + value.replace("'", "'\\''")
    return "".join(char if _PLAIN.fullmatch(char) else "\\" + char for char in value)


def _ansi_c(char: str) -> str:
    """A character inside bash's ``$'…'``."""
    if char in "\\'":
        return "\\" + char
    if unicodedata.category(char) != "Cc":
        return char
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char)
    return named or (f"\\x{ord(char):02x}" if ord(char) < 0x80 else f"\\u{ord(char):04x}")
