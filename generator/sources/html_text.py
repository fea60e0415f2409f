"""Tell HTML pages from plain text, and read an HTML page's text without gluing it.

Detection looks at what the document declares (its start, its file extension, the
Content-Type it was served with), never at tags anywhere in it: a plain-text page whose
schema description mentions ``<p>`` is kept verbatim.

Text is taken per block: text from two different block elements (``</code></pre><h2>``)
is always separated by a newline, so an endpoint URL never runs into the next heading,
while inline elements (syntax-highlighting ``<span>``\\ s, links, ``<b>``) join as they
render, so JSON split over spans reads back whole.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

__all__ = ["html_text", "is_html"]

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
# Elements that never hold content: they open nothing.
# fmt: off
_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr",
    "image", "img", "input", "isindex", "keygen", "link", "menuitem", "meta", "nextid",
    "param", "source", "spacer", "track", "wbr",
})
# fmt: on
# Elements whose content is raw text up to their end tag.
_RAW_TEXT = {name: re.compile(rf"</\s*{name}\s*>", re.I) for name in ("script", "style")}
_KEEP_SPACES = ("pre", "textarea")
_ASCII_SPACES = " \n\t\f\r"
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_IN_TAG = re.compile(r"[^>=]*")
_SPACES = re.compile(r"[\t\n\f\r ]*")


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


def html_text(raw: str) -> str:
    """The page's visible text, entities decoded, with a newline between blocks.

    One pass over the markup (:class:`_TextReader`), in time and memory linear in the page.
    """
    return _TextReader(raw).read()


class _TextReader:
    """A tokenizer in the manner of HTML's: text, tags, comments, declarations.

    It never backtracks: a comment, declaration or quoted attribute value that is never
    closed runs to the end of the page, so every character is read once. It keeps a stack
    of open elements (an end tag closes the nearest open element of its name, popping
    what is inside it; an end tag with none open is ignored; void elements never open)
    to know each text's block: the nearest enclosing element that is not inline.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.parts: list[str] = []
        self.names: list[str] = []  # open elements, innermost last
        self.blocks: list[int] = []  # the block each open element's text belongs to
        self.open_count: dict[str, int] = {}
        self.hidden = 0  # open hidden elements (script, style, ...): their text is dropped
        self.current: int | None = None
        self.next_block = 1

    def read(self) -> str:
        raw, end = self.raw, len(self.raw)
        position = 0
        while position < end:
            less = raw.find("<", position)
            if less == -1:
                self.text(html.unescape(raw[position:]))
                break
            if less > position:
                self.text(html.unescape(raw[position:less]))
            position = self.markup(less)
        return "".join(self.parts)

    def markup(self, at: int) -> int:
        """Read the markup starting with ``<`` at ``at``; where reading goes on."""
        raw = self.raw
        if raw.startswith("<!--", at):
            return _past(raw, "-->", at + 4)
        if raw.startswith("<![CDATA[", at):
            close = raw.find("]]>", at + 9)
            self.text(raw[at + 9 : close if close != -1 else len(raw)])
            return _past(raw, "]]>", at + 9)
        if raw.startswith(("<!", "<?"), at):  # doctype, declarations, bogus comments
            return _past(raw, ">", at + 2)
        closing = raw.startswith("</", at)
        name = _TAG_NAME.match(raw, at + 2 if closing else at + 1)
        if name is None:
            if closing:  # "</>" or "</ x>": dropped like a comment
                return _past(raw, ">", at + 2)
            self.text("<")
            return at + 1
        after = _tag_end(raw, name.end())
        if after is None:  # a tag never closed: dropped, with the rest of the page
            return len(raw)
        tag = name.group().lower()
        if closing:
            self.close(tag)
            return after
        if tag in _LINE_BREAKS and not self.hidden:
            self.parts.append("\n")
        if tag in _VOID or raw[after - 2] == "/":
            return after
        self.open(tag)
        if tag in _RAW_TEXT:  # script, style: no markup inside, up to the end tag
            found = _RAW_TEXT[tag].search(raw, after)
            if found is None:
                return len(raw)
            self.close(tag)
            return found.end()
        return after

    def open(self, tag: str) -> None:
        if tag in _INLINE:
            block = self.blocks[-1] if self.blocks else 0
        else:
            block, self.next_block = self.next_block, self.next_block + 1
        self.names.append(tag)
        self.blocks.append(block)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.hidden += tag in _HIDDEN

    def close(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return
        while True:
            name = self.names.pop()
            self.blocks.pop()
            self.open_count[name] -= 1
            self.hidden -= name in _HIDDEN
            if name == tag:
                return

    def text(self, text: str) -> None:
        if self.hidden or not text:
            return
        if not text.strip(_ASCII_SPACES) and not any(
            self.open_count.get(tag) for tag in _KEEP_SPACES
        ):
            text = "\n" if "\n" in text else " "  # whitespace between tags, collapsed
        block = self.blocks[-1] if self.blocks else 0
        if block != self.current:
            self.parts.append("\n")
            self.current = block
        self.parts.append(text)


def _past(raw: str, marker: str, start: int) -> int:
    """Just past the next ``marker`` from ``start``, or the end of the page."""
    found = raw.find(marker, start)
    return len(raw) if found == -1 else found + len(marker)


def _tag_end(raw: str, position: int) -> int | None:
    """Just past the ``>`` that ends a tag whose attributes start at ``position``.

    Quotes only open a value after ``=``; a quoted value may hold ``>``. ``None`` if the
    page ends first.
    """
    end = len(raw)
    while True:
        position = _IN_TAG.match(raw, position).end()  # type: ignore[union-attr]
        if position >= end:
            return None
        if raw[position] == ">":
            return position + 1
        position = _SPACES.match(raw, position + 1).end()  # type: ignore[union-attr]
        if position < end and raw[position] in "\"'":
            close = raw.find(raw[position], position + 1)
            if close == -1:
                return None
            position = close + 1
