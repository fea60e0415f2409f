"""Tell HTML pages from plain text, and read an HTML page's text without gluing it.

Detection looks at what the document declares (its start, its file extension, the
Content-Type it was served with), never at tags anywhere in it: a plain-text page whose
schema description mentions ``<p>`` is kept verbatim.

Text is taken per block: text from two different block elements (``</code></pre><h2>``)
is always separated by a newline, so an endpoint URL never runs into the next heading,
while inline elements (syntax-highlighting ``<span>``\\ s, links, ``<b>``) join as they
render, so JSON split over spans reads back whole.

The markup is read by lxml (libxml2's HTML parser, tokenizing as HTML5 does since libxml2
2.14) through its parser-target interface: events, no tree. Of the parsers measured on
hostile pages (n against 4n units, and 8 MiB, the page cap) it alone stays linear:
BeautifulSoup's ``html.parser`` took 85 s on 60 KB of ``<a `` and raised on ``<![``;
html5lib took 46 s on 234 KB of ``<a `` (42x for 4x); selectolax (lexbor) took 17 s on
700 KB of nested ``<div>`` and 91 s on 1.2 MB of nested tables (25-40x for 4x). Two things
of libxml2's are quadratic and are kept out: building a tree appends each attribute by
walking the element's list (one tag with 40,000 attributes, 350 KB, took 11 s), hence
events; and an end tag is matched against every open element, so pages nested deeper than
:data:`MAX_DEPTH` are refused (unbounded, 720 KB took 7 s, 16x for 4x). Every hostile
shape measured reads 8 MiB in at most 2.1 s and 280 MB.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from generator.errors import SourceError

__all__ = ["MAX_DEPTH", "html_text", "is_html"]

if TYPE_CHECKING:  # the protocol exists only in the type stubs
    _Target = etree.ParserTarget[str]
else:
    _Target = object

_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html)[\s>]", re.I)
_WHITESPACE = re.compile(r"\s*")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Elements that render inline: their text joins the text around them.
# fmt: off
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr",
})
# fmt: on
_LINE_BREAKS = frozenset({"br", "hr"})
_HIDDEN = frozenset({"script", "style", "noscript", "template"})
_KEEP_SPACES = frozenset({"pre", "textarea"})
_ASCII_SPACES = " \n\t\f\r"
# Deeper pages are refused: libxml2 matches each end tag against every open element.
MAX_DEPTH = 512


def is_html(raw: str, location: str, content_type: str | None = None) -> bool:
    """Whether a page is HTML: by Content-Type, by extension, or by how it starts."""
    if content_type is not None:
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type in _HTML_TYPES:
            return True
    path = urlsplit(location).path if "://" in location else location
    if PurePosixPath(path.replace("\\", "/")).suffix.lower() in _HTML_SUFFIXES:
        return True
    return _starts_as_html(raw)


def _starts_as_html(raw: str) -> bool:
    """Whether ``raw`` opens with ``<!doctype html`` or ``<html``, after a byte order
    mark, whitespace, comments and an XML declaration; each read once (a pattern for
    this backtracked over comment boundaries, exponentially in their number)."""
    position = 1 if raw.startswith("\ufeff") else 0
    while True:
        position = _WHITESPACE.match(raw, position).end()  # type: ignore[union-attr]
        if raw.startswith("<!--", position):
            close = raw.find("-->", position + 4)
            if close == -1:
                return False
            position = close + 3
        elif raw[position : position + 5].lower() == "<?xml":
            close = raw.find(">", position + 5)
            if close == -1 or raw[close - 1] != "?":
                return False
            position = close + 1
        else:
            return _HTML_TAG.match(raw, position) is not None


def html_text(raw: str, where: str = "page") -> str:
    """The page's visible text, entities decoded, with a newline between blocks.

    A :class:`SourceError` naming ``where`` if elements nest deeper than ``MAX_DEPTH``.
    """
    parser = etree.HTMLParser(
        target=_TextReader(where),
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
    )
    # Bytes with their encoding named: a <meta charset> in the page cannot re-decode them.
    parser.feed(raw.encode("utf-8", "surrogatepass"))
    text: str = parser.close()
    return text


class _TextReader(_Target):
    """The parser's target: keeps the block of each open element (the nearest enclosing
    element that is not inline) and starts a line whenever text changes block."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.parts: list[str] = []
        self.pending: list[str] = []  # text since the last tag, in the parser's chunks
        self.blocks: list[int] = [0]  # the block each open element's text belongs to
        self.hidden = 0  # open hidden elements (script, style, ...): their text is dropped
        self.keep_spaces = 0  # open <pre> or <textarea>: whitespace kept as it is
        self.current: int | None = None
        self.next_block = 1

    def start(self, tag: str, attrib: object, /) -> None:
        self.flush()
        if len(self.blocks) > MAX_DEPTH:
            raise SourceError(
                f"{self.where}: HTML elements nested deeper than {MAX_DEPTH}; expected a "
                "page as a browser renders it"
            )
        if tag in _LINE_BREAKS and not self.hidden:
            self.parts.append("\n")
        if tag in _INLINE:
            self.blocks.append(self.blocks[-1])
        else:
            self.blocks.append(self.next_block)
            self.next_block += 1
        self.hidden += tag in _HIDDEN
        self.keep_spaces += tag in _KEEP_SPACES

    def end(self, tag: str) -> None:
        self.flush()
        self.blocks.pop()
        self.hidden -= tag in _HIDDEN
        self.keep_spaces -= tag in _KEEP_SPACES

    def data(self, text: str) -> None:
        self.pending.append(text)

    def close(self) -> str:
        self.flush()
        return "".join(self.parts)

    def flush(self) -> None:
        text = "".join(self.pending)
        self.pending.clear()
        if self.hidden or not text:
            return
        if not self.keep_spaces and not text.strip(_ASCII_SPACES):
            text = "\n" if "\n" in text else " "  # whitespace between tags, collapsed
        if self.blocks[-1] != self.current:
            self.parts.append("\n")
            self.current = self.blocks[-1]
        self.parts.append(text)
