"""Model ids as a doc page's endpoint URLs spell them, read whole.

The id is read as far as its URL goes: in quotes, to the closing quote (a query or
fragment dropped); unquoted, to whatever ends a URL in prose or code (whitespace,
brackets, ASCII and non-ASCII punctuation such as "。" or "”"), and across a space when
what follows continues the path ("a/Runway Gen3/x"), so an id is never cut short into
another valid id. Placeholders ("{model_id}", "$MODEL", "<model_id>") are skipped. The
caller checks each id against the grammar and refuses it whole. Linear in the page.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ENDPOINT", "endpoint_ids", "shown_id"]

ENDPOINT = re.compile(r"(?P<base>https?://[A-Za-z0-9.-]+(?::\d+)?)/v1/models/")
"""Where an endpoint URL starts in a page; ``base`` is its scheme, host and port."""
_QUOTED = {q: re.compile(rf"[^\n{q}]*{q}") for q in "\"'`"}
_URL_END = r"""\s"'`()\[\]<>|\\,;?#*"""
_UNQUOTED = re.compile(rf"[^{_URL_END}]*")
_SPACE = r"[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+"  # any space but a line break
_CONTINUED = re.compile(rf"{_SPACE}(?:[A-Za-z0-9._-]+{_SPACE})?[A-Za-z0-9._-]+/[^{_URL_END}]*")
_PLACEHOLDER = re.compile(r"[{}$<>]")
_TRAILING = ".:!,/"
_SHOWN = 2000  # characters of a bad id quoted in full; a longer one says how long it is


def endpoint_ids(text: str) -> list[tuple[str, str]]:
    """Every (id as found, base URL) of the page's endpoint URLs, placeholders skipped.

    Linear in the page: each URL is read once and the scan goes on after it.
    """
    found: list[tuple[str, str]] = []
    position = 0
    while (match := ENDPOINT.search(text, position)) is not None:
        start = match.end()
        quote = text[match.start() - 1] if match.start() else ""
        quoted = _QUOTED[quote].match(text, start) if quote in _QUOTED else None
        if quoted is not None:
            end = quoted.end() - 1
            raw = re.split(r"[?#]", text[start:end], maxsplit=1)[0]
        else:
            unquoted = _UNQUOTED.match(text, start)
            end = _prose_end(text, start, unquoted.end() if unquoted else start)
            continued = _CONTINUED.match(text, end)
            if continued is not None:
                end = _prose_end(text, start, continued.end())
            raw = text[start:end]
        raw = raw.rstrip(_TRAILING)
        if raw and not _PLACEHOLDER.search(raw):
            found.append((raw, match.group("base")))
        position = max(end, match.end())
    return found


def _prose_end(text: str, start: int, end: int) -> int:
    """Where an unquoted URL ends before ``end``: at punctuation outside ASCII ("。",
    "”", "»"), which a URL never holds unencoded and localised prose puts right after one.
    """
    for index in range(start, end):
        char = text[index]
        if char > "\x7f" and unicodedata.category(char).startswith("P"):
            return index
    return end


def shown_id(raw: str) -> str:
    """A bad id for an error message: whole, unless it is absurdly long."""
    if len(raw) <= _SHOWN:
        return repr(raw)
    return f"{raw[:_SHOWN]!r}... ({len(raw)} characters in all)"
