"""Text from the corpus, made safe to print: no byte of it can drive a terminal.

Articles are scraped pages and file names are anyone's: an escape sequence
in either could retitle a terminal, clear it or move its cursor, and a bidi
override could make a line read other than it is. Every string that reaches a
terminal goes through here first:

* ``visible`` replaces each C0 control (except the line breaks and tabs a
  writer asks to keep), DEL, each C1 control and each bidi control with one
  visible character: ``␛`` for ESC (the Unicode control pictures), ``�`` for
  the others, and for a lone surrogate (a byte that was not UTF-8, as in
  ``caf\xe9`` typed in Latin-1). One character for one, so highlight offsets still hold.
  ``prose`` does the same for running text (snippets, quotations), where a tab
  or a line break is a space: a hard-wrapped quotation reads on one line. An id,
  a path or a name keeps its control pictures, so that a tab in it is seen.
* ``json_text`` escapes what ``json.dumps`` leaves raw (DEL, C1 and bidi
  controls, the line and paragraph separators) as ``\\uXXXX``: the JSON keeps
  the exact text, and a terminal never sees the raw bytes.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, the bidi marks, embeddings, overrides and isolates; and
#: lone surrogates, which bytes that are not UTF-8 become in a command line or a file name
#: (stderr would write ``\udce9`` for one, as Python writes it).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
#: What ``json.dumps(..., ensure_ascii=False)`` writes raw but a terminal may obey.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: the control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character shown, not obeyed; ``keep`` (``"\\n"``,
    ``"\\t"``) stays as it is.

    >>> visible("a\\x1b]0;owned\\x07b\\u202ec\\td", keep="\\t")
    'a␛]0;owned␇b�c\\td'
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _picture(m.group()), text)


#: What running text shows as a space.
_BREAKS = str.maketrans("\t\n\r", "   ")


def prose(text: str) -> str:
    """``visible``, for running text: a tab or a line break is a space.

    >>> prose("hard-\\nwrapped\\r\\n\\tline\\x1b")
    'hard- wrapped   line␛'
    """
    return visible(text.translate(_BREAKS))


def json_text(dumped: str) -> str:
    """A ``json.dumps`` result with the controls it left raw escaped.

    >>> json_text('{"a": "x\\u202ey\\x9bz"}')
    '{"a": "x\\\\u202ey\\\\u009bz"}'
    """
    if not _JSON_RAW.search(dumped):
        return dumped
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
