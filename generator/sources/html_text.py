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

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import CData, NavigableString, PageElement, Tag

__all__ = ["html_text", "is_html"]

_HTML_START = re.compile(
    r"\A\ufeff?(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)
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
_HIDDEN = ["script", "style", "noscript", "template"]


def is_html(raw: str, location: str, content_type: str | None = None) -> bool:
    """Whether a page is HTML: by Content-Type, by extension, or by how it starts."""
    if content_type is not None:
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type in _HTML_TYPES:
            return True
    path = urlsplit(location).path if "://" in location else location
    if PurePosixPath(path.replace("\\", "/")).suffix.lower() in _HTML_SUFFIXES:
        return True
    return _HTML_START.match(raw) is not None


def _block_of(node: PageElement, known: dict[int, Tag | None]) -> Tag | None:
    """The nearest enclosing element that is not inline; ``known`` memoises the walk."""
    path: list[Tag] = []
    found: Tag | None = None
    for parent in node.parents:
        if id(parent) in known:
            found = known[id(parent)]
            break
        if parent.name not in _INLINE:
            found = parent
            break
        path.append(parent)
    for inline in path:  # deep runs of inline elements are walked once, not per string
        known[id(inline)] = found
    return found


def html_text(raw: str) -> str:
    """The page's visible text, entities decoded, with a newline between blocks."""
    soup = BeautifulSoup(raw, "html.parser")
    for hidden in soup(_HIDDEN):
        hidden.decompose()
    parts: list[str] = []
    current: Tag | None = None
    known: dict[int, Tag | None] = {}
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _LINE_BREAKS:
                parts.append("\n")
            continue
        if type(node) not in (NavigableString, CData):  # comments, doctype, ...
            continue
        block = _block_of(node, known)
        if block is not current:
            parts.append("\n")
            current = block
        parts.append(str(node))
    return "".join(parts)
