"""Read the limits that prose states, to compare them with what the schema enforces.

Publishers write rules and their error texts separately, and sometimes state a limit
only in a description. These heuristics read English limit phrases so lint can warn
where the prose and the machine-readable schema disagree. They only ever produce
warnings.

``stated_comparisons`` reads the comparison phrases of a rule's error text ("at least
320", "must not exceed 8000"). ``stated_limits`` reads a description into structured
readings (:class:`StatedLimit`): what is limited (a family such as file size or
duration), the bounds and the unit as stated, and whether the text only recommends it
or limits several fields together. The forms it reads, each from the real catalog:

- a comparison and a number with a unit: "≤100MB", "<= 100 MB", "at most 50 MiB",
  "max 10 MB", "Max 500 characters", "a maximum of 4 images", "up to 4 images",
  "no more than 15s", "under 16 MB", "Keep under 1000 characters", "Short side ≥
  400px", "Maximum duration 10 seconds", "500 characters or less", "10 MB max";
- a list after one comparison: "up to 30s, 10MB" (both at most), "Max 2500 Chinese /
  5000 non-Chinese characters" (the unit named once);
- a range: "between 2 and 15 seconds", "2-30 seconds", "1-16 items", "5s-300s", "from
  1 through 15", "One to ten reference images" (number words only in such a range);
- a range or a strong comparison with no unit, which limits the field's own value (a
  number, or an array's item count) and is read only where the wording marks it as a
  limit: "(1-4)", "[4, 15]", "Range is 2-30", "Allowed values: 3-15", "Between 4 and
  30", "must not exceed 5", "Up to 7 without a reference video".

Never read: numbers glued to other letters or symbols ("1080p", "4K", "16:9", "2x",
"$0.04", "25%", "@Audio1", "wan-2.7"), units it does not know ("1-2 sentences", "12
semitones"), unitless numbers after a weak word ("under 5"), number words outside a
range ("at least one image"), and limits the text says are adapted to rather than
refused ("Clips longer than 15 seconds are trimmed"). A reading is *advisory* when its
clause recommends it ("recommended", "best") or it is approximate ("~≤500", "about
2-15s"), and *combined* when it limits several values together ("combined duration at
most 15s", "total no more than 15s").

Everything here scans tokens once, left to right, with a fixed look-around; the one
regular expression has no nested quantifier, so reading is linear in the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["StatedLimit", "stated_comparisons", "stated_limits"]

# Phrase -> the operator it means. Negated phrases come first so "not less than" is
# never read as "less than".
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:must )?not (?:be )?(?:less|fewer|smaller|shorter|lower) than", ">="),
    (r"(?:must )?not (?:be )?(?:more|greater|larger|longer|higher) than", "<="),
    (r"(?:must )?not exceed|no (?:more|greater|larger|longer) than", "<="),
    (r"no (?:less|fewer|smaller|shorter) than|at least|minimum(?: of| is)?|min\.?", ">="),
    (r"at most|maximum(?: of| is| resolution is)?|max\.?|up to|within", "<="),
    (r"(?:less|fewer|smaller|shorter|lower) than|under|below", "<"),
    (r"(?:more|greater|larger|longer|higher) than|exceed(?:s|ing)?|above|over", ">"),
)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_COMPARISON = re.compile(
    r"\b(" + "|".join(f"(?:{phrase})" for phrase, _ in _PHRASES) + r")\s+" + _NUMBER,
    re.I,
)
_OPERATOR_OF = [(re.compile(f"^(?:{phrase})$", re.I), op) for phrase, op in _PHRASES]


def _operator(phrase: str) -> str:
    for pattern, op in _OPERATOR_OF:
        if pattern.match(phrase.strip()):
            return op
    raise AssertionError(f"phrase {phrase!r} matched no operator")  # pragma: no cover


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def stated_comparisons(text: str) -> list[tuple[str, float, str]]:
    """``(operator, number, phrase)`` for each comparison phrase in ``text``."""
    return [
        (_operator(match.group(1)), _number(match.group(2)), match.group(0))
        for match in _COMPARISON.finditer(text)
    ]


# -- descriptions ---------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Unit (lower case) -> (family, how many of the family's base unit one is). RunComfy
# counts 1 MB as 1,000,000 bytes (the file_size_mb metric), so MiB is 1.048576 MB.
_SIZE = {
    "kb": 1e-3,
    "kilobyte": 1e-3,
    "kilobytes": 1e-3,
    "mb": 1.0,
    "megabyte": 1.0,
    "megabytes": 1.0,
    "gb": 1e3,
    "gigabyte": 1e3,
    "gigabytes": 1e3,
    "kib": 1024 / 1e6,
    "mib": 1024**2 / 1e6,
    "gib": 1024**3 / 1e6,
}
_DURATION = {
    "ms": 1e-3,
    "msec": 1e-3,
    "millisecond": 1e-3,
    "milliseconds": 1e-3,
    "s": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "min": 60.0,
    "mins": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
    "hr": 3600.0,
    "hrs": 3600.0,
    "hour": 3600.0,
    "hours": 3600.0,
}
_COUNT_NOUNS = _words(
    "image images file files clip clips video videos audio audios url urls item items "
    "reference references photo photos picture pictures element elements input inputs"
)
_UNITS: dict[str, tuple[str, float]] = {
    **{unit: ("size", scale) for unit, scale in _SIZE.items()},
    **{unit: ("duration", scale) for unit, scale in _DURATION.items()},
    **dict.fromkeys(("character", "characters", "char", "chars"), ("length", 1.0)),
    **dict.fromkeys(("word", "words"), ("words", 1.0)),
    **dict.fromkeys(("token", "tokens"), ("tokens", 1.0)),
    **dict.fromkeys(("px", "pixel", "pixels"), ("pixels", 1.0)),
    **dict.fromkeys(("mp", "megapixel", "megapixels"), ("megapixels", 1.0)),
    **dict.fromkeys(("frame", "frames"), ("frames", 1.0)),
    **dict.fromkeys(_COUNT_NOUNS, ("count", 1.0)),
}
BASE_UNITS = {
    "size": "MB",
    "duration": "s",
    "length": "characters",
    "words": "words",
    "tokens": "tokens",
    "pixels": "px",
    "megapixels": "MP",
    "frames": "frames",
    "count": "items",
    "value": "",
}
_BINARY_SIZES = {"kib", "mib", "gib"}
# Words between a number and its unit: "10 reference images", "5000 non-Chinese characters".
_QUALIFIERS = set(
    _words(
        "reference input source additional extra audio video image voice style english "
        "chinese non latin ascii"
    )
)
_NUMBER_WORDS = {
    word: float(value)
    for value, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_APPROXIMATE = {"~", "\u2248", "about", "approximately", "approx", "around", "roughly", "circa"}
_ADVISORY = set(
    _words(
        "recommend recommended recommends recommendation ideally ideal suggest suggested "
        "preferably preferred best optimal optimally"
    )
)
_COMBINED = {"combined", "total", "totals", "altogether", "overall"}
# A limit the server adapts to is no refusal: "Clips longer than 15 seconds are trimmed".
_ADAPTED = set(
    _words(
        "trimmed truncated cropped cut clipped resized rescaled downscaled downsampled "
        "compressed shortened ignored discarded"
    )
)
_SEGMENT_END = {".", ";", "!", "?", "(", ")", "[", "]"}
_CLAUSE_END = _SEGMENT_END | {","}
# What may follow a number with no unit for it still to be read as a limit.
_AFTER_UNITLESS_PUNCT = {".", ",", ";", ")", "]", ":", "!", "?"}
_AFTER_UNITLESS_WORDS = set(
    _words("without with when if for per each in and or but on at unless otherwise")
)
# Between an operator and its number: "Maximum duration 10 seconds", "max. 10 MB".
_FILLERS = set(
    _words("of is be : . file size duration length resolution side width height dimension " "edge")
)
_RANGE_WORDS = {"-", "\u2013", "\u2014", "~", "to", "through", "thru", "until"}
_RANGE_CUES = {"between", "from", "range", "values", "value"}
_CUE_FILLERS = {"is", ":", "of"}
_LIST_WORDS = {",", "/", "and", "or"}
_LIST_MAX = 8  # values read after one comparison
_POSTFIX_MORE = {"more", "greater", "larger", "longer", "higher", "above"}
_POSTFIX_LESS = {"less", "fewer", "smaller", "shorter", "lower", "below"}
_POSTFIX_MAX = {"max", "maximum", "limit"}

# One token: a number (digits with inner dots or commas, ending in a digit), a run of
# letters, a two-character comparison, or any other single non-space character.
_TOKEN = re.compile(r"\d[\d.,]*\d|\d|[^\W\d_]+|<=|>=|=<|=>|[^\s\w]|_")


@dataclass(frozen=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text.replace("\u2019", "'")):
        word = match.group(0)
        kind = "num" if word[0].isdecimal() else "word" if word[0].isalpha() else "sym"
        tokens.append(_Token(word, word.lower(), match.start(), match.end(), kind))
    return tokens


def _phrases(*texts: str) -> list[tuple[str, ...]]:
    return [tuple(token.lower for token in _tokens(text)) for text in texts]


def _operators(op: str, strong: bool, phrases: str) -> dict[tuple[str, ...], tuple[str, bool]]:
    """``phrases`` (separated by ``|``), each as its tokens, mapped to ``(op, strong)``."""
    return dict.fromkeys(_phrases(*phrases.split("|")), (op, strong))


def _negated(words: str, op: str) -> dict[tuple[str, ...], tuple[str, bool]]:
    """ "not less than", "no fewer than", "not be shorter than", ... for each word."""
    return _operators(
        op,
        True,
        "|".join(
            f"{prefix} {word} than" for word in words.split() for prefix in ("not", "no", "not be")
        ),
    )


# Operator phrase (tokens) -> (operator, strong). Only a strong phrase is read before a
# number with no unit: "must not exceed 5" is a limit, "under 5" is too often prose.
# "exceed" alone is never read: only its negations ("must not exceed", "cannot exceed").
_OPERATORS: dict[tuple[str, ...], tuple[str, bool]] = {
    **_operators(
        "<=",
        True,
        "at most|up to|maximum|max|maximum of|max of|not exceed|not to exceed|cannot exceed|"
        "can't exceed|limited to|limit of|limit|less than or equal to|not over|not above|"
        "\u2264|<=|=<|\u2a7d",
    ),
    **_operators(
        ">=",
        True,
        "at least|minimum|min|minimum of|min of|greater than or equal to|"
        "more than or equal to|not under|not below|\u2265|>=|=>|\u2a7e",
    ),
    **_operators(
        "<", False, "less than|fewer than|smaller than|shorter than|lower than|under|below|<"
    ),
    **_operators(
        ">",
        False,
        "more than|greater than|larger than|longer than|higher than|over|above|exceeds|"
        "exceeding|>",
    ),
    **_negated("less fewer smaller shorter lower", ">="),
    **_negated("more greater larger longer bigger higher", "<="),
}
_LONGEST_OPERATOR = max(len(phrase) for phrase in _OPERATORS)


def _format(number: float) -> str:
    if abs(number) < 1e15 and number == int(number):
        return str(int(number))
    if abs(number) >= 1e15:
        return f"{number:.6g}"
    return f"{number:.6f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class StatedLimit:
    """A limit stated in prose, read into its parts.

    ``family`` says what is limited: ``size`` (file size), ``duration``, ``length``
    (characters), ``words``, ``tokens``, ``pixels``, ``megapixels``, ``frames``,
    ``count`` (items, images, files, ...) or ``value`` (no unit: the field's own value,
    or an array's item count). ``low`` and ``high`` are the bounds in ``unit`` as stated
    ("MiB", "seconds", "images"; empty when no unit is named); ``*_strict`` mark "under"
    and "more than". ``phrase`` quotes the text read.
    """

    family: str
    phrase: str
    low: float | None = None
    high: float | None = None
    unit: str = ""
    low_strict: bool = False
    high_strict: bool = False
    advisory: bool = False
    combined: bool = False

    @property
    def scale(self) -> float:
        """How many of the family's base unit (MB, s, ...) one stated unit is."""
        return _UNITS.get(self.unit.lower(), ("value", 1.0))[1]

    @property
    def base_unit(self) -> str:
        return BASE_UNITS[self.family]

    def bounds(self, base: bool = False) -> tuple[float | None, float | None]:
        """``(low, high)``, in the stated unit or (``base``) in the family's base unit."""
        factor = self.scale if base else 1.0
        return (
            None if self.low is None else self.low * factor,
            None if self.high is None else self.high * factor,
        )

    def _span(self, low: float | None, high: float | None, unit: str, words: bool) -> str:
        tail = f" {unit}" if unit else ""
        if low is not None and high is not None:
            if low == high:
                return f"{'exactly ' if words else '== '}{_format(low)}{tail}"
            joint = " to " if words else ".."
            return f"{_format(low)}{joint}{_format(high)}{tail}"
        if high is not None:
            if words:
                op = "under" if self.high_strict else "at most"
            else:
                op = "<" if self.high_strict else "<="
            return f"{op} {_format(high)}{tail}"
        assert low is not None
        if words:
            op = "over" if self.low_strict else "at least"
        else:
            op = ">" if self.low_strict else ">="
        return f"{op} {_format(low)}{tail}"

    @property
    def notation(self) -> str:
        """Compact and exact: ``size <= 50 MiB (52.4288 MB)``, ``advisory length <= 500
        characters``, ``combined duration <= 15 s``, ``value 1..4``."""
        flags = "".join(
            f"{flag} "
            for flag, on in (("advisory", self.advisory), ("combined", self.combined))
            if on
        )
        text = f"{flags}{self.family} {self._span(self.low, self.high, self.unit, False)}"
        if self.scale != 1.0:
            low, high = self.bounds(base=True)
            text += f" ({self._span(low, high, self.base_unit, False).lstrip('<=>. ')})"
        return text

    def reading(self) -> str:
        """In words, for a finding: ``file size at most 50 MiB = 52.4288 MB; RunComfy
        counts 1 MB as 1,000,000 bytes``."""
        label = {
            "size": "file size",
            "duration": "duration",
            "length": "length",
            "words": "length in words",
            "tokens": "length in tokens",
            "pixels": "pixel size",
            "megapixels": "image size in megapixels",
            "frames": "frame count",
            "count": "count",
            "value": "value",
        }[self.family]
        if self.combined:
            label = f"combined {label}"
        text = f"{label} {self._span(self.low, self.high, self.unit, True)}"
        if self.scale != 1.0:
            low, high = self.bounds(base=True)
            converted = self._span(low, high, self.base_unit, True)
            for word in ("at most ", "at least ", "under ", "over ", "exactly "):
                converted = converted.removeprefix(word)
            if self.unit.lower() in _BINARY_SIZES:
                converted += "; RunComfy counts 1 MB as 1,000,000 bytes"
            text += f" = {converted}"
        return text


def _number_value(token: _Token) -> float | None:
    """The value of a number token; ``None`` for a version ("2.5.1") or a list ("3,4")."""
    text = token.text
    if token.kind == "word":
        return _NUMBER_WORDS.get(token.lower)
    if token.kind != "num":
        return None
    if "," in text:
        head, *groups = text.split(",")
        if "." in text or not 1 <= len(head) <= 3 or any(len(g) != 3 for g in groups):
            return None
        number = float(text.replace(",", ""))
        return number if math.isfinite(number) else None
    if text.count(".") > 1:
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def _spans(tokens: list[_Token], ends: set[str]) -> tuple[list[int], list[int]]:
    """For each token, where its clause (or segment) starts and where it stops."""
    starts, stops = [0] * len(tokens), [len(tokens)] * len(tokens)
    start = 0
    for index, token in enumerate(tokens):
        starts[index] = start
        if token.text in ends:
            start = index + 1
    stop = len(tokens)
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].text in ends:
            stop = index
        stops[index] = stop
    return starts, stops


def _nearest(tokens: list[_Token], words: set[str]) -> tuple[list[int], list[int]]:
    """For each index, the last index at or before it and the first at or after it whose
    token is one of ``words`` (-1 and ``len(tokens)`` when there is none)."""
    last, first = [-1] * (len(tokens) + 1), [len(tokens)] * (len(tokens) + 1)
    seen = -1
    for index, token in enumerate(tokens):
        if token.lower in words:
            seen = index
        last[index] = seen
    seen = len(tokens)
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].lower in words:
            seen = index
        first[index] = seen
    return last, first


class _Reader:
    """One pass over a description's tokens. Clause and segment bounds and the nearest
    flag words are worked out once, so every reading is judged in constant time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.limits: list[StatedLimit] = []
        self.seen: set[StatedLimit] = set()
        self.segments = _spans(self.tokens, _SEGMENT_END)
        self.clauses = _spans(self.tokens, _CLAUSE_END)
        self.advisory = _nearest(self.tokens, _ADVISORY)
        self.combined = _nearest(self.tokens, _COMBINED)
        self.adapted = _nearest(self.tokens, _ADAPTED)

    # -- looking around ---------------------------------------------------------------

    def token(self, index: int) -> _Token | None:
        return self.tokens[index] if 0 <= index < len(self.tokens) else None

    def glued(self, left: int, right: int) -> bool:
        a, b = self.token(left), self.token(right)
        return a is not None and b is not None and a.end == b.start

    def glued_number(self, index: int) -> bool:
        """The token at ``index`` is a number glued to the one before it."""
        token = self.token(index)
        return token is not None and token.kind == "num" and self.glued(index - 1, index)

    def joins_words(self, index: int) -> bool:
        """The token at ``index`` is a hyphen inside a word: "non-Chinese"."""
        before, after = self.token(index - 1), self.token(index + 1)
        return (
            before is not None
            and after is not None
            and before.kind == "word"
            and after.kind == "word"
            and self.glued(index - 1, index)
            and self.glued(index, index + 1)
        )

    def is_number(self, index: int, words: bool = False) -> bool:
        token = self.token(index)
        if token is None or _number_value(token) is None:
            return False
        return token.kind == "num" or (words and token.lower in _NUMBER_WORDS)

    def standalone(self, index: int) -> bool:
        """A number that is not part of a name, ratio, price or version."""
        before, after = self.token(index - 1), self.token(index + 1)
        if before is not None and self.glued(index - 1, index):
            if before.kind in ("word", "num") or before.text in "@#$._/\\'":
                return False
            earlier = self.token(index - 2)
            if (
                before.text in "-:"
                and earlier is not None
                and earlier.kind != "sym"
                and self.glued(index - 2, index - 1)
            ):
                return False  # "wan-2.7", "16:9"
        return not (after is not None and self.glued(index, index + 1) and after.text in ":/%")

    def unit_at(self, index: int, number: int) -> tuple[_Token | None, int, bool]:
        """The unit after the number at ``number``, starting at ``index``: the unit token
        (or ``None``), the index after it, and whether a reading may end here."""
        first = self.token(index)
        if first is not None and self.glued(number, index):
            if first.kind == "word":  # "10MB", "15s"; "1080p", "4K", "2x" are no limit
                known = first.lower in _UNITS and not self.glued_number(index + 1)
                return (first, index + 1, True) if known else (None, index, False)
            second = self.token(index + 1)  # "1000-character"
            if (
                first.text == "-"
                and second is not None
                and second.kind == "word"
                and self.glued(index, index + 1)
            ):
                known = second.lower in _UNITS and not self.glued_number(index + 2)
                return (second, index + 2, True) if known else (None, index, False)
        unit: _Token | None = None
        position, seen = index, 0
        while seen < 3:
            token = self.token(position)
            if token is None:
                break
            if token.text == "-" and self.joins_words(position):
                position += 1  # "non-Chinese"
                continue
            if token.kind != "word" or self.glued_number(position + 1):
                break  # "MP4" is a format, not megapixels
            if token.lower in _UNITS:
                unit, position, seen = token, position + 1, seen + 1
                if token.lower not in _QUALIFIERS:
                    break
            elif token.lower in _QUALIFIERS and unit is None:
                position, seen = position + 1, seen + 1
            else:
                break
        if unit is not None:
            return unit, position, True
        after = self.token(position)
        ends = (
            after is None
            or after.text in _AFTER_UNITLESS_PUNCT
            or after.lower in _AFTER_UNITLESS_WORDS
        )
        return None, position, ends

    def previous_word(self, index: int, skip: set[str]) -> tuple[str, int]:
        """The first token before ``index`` that is not in ``skip`` (and its index)."""
        position = index - 1
        while position >= 0 and self.tokens[position].lower in skip and index - position <= 3:
            position -= 1
        token = self.token(position)
        return (token.lower, position) if token is not None else ("", -1)

    def add(
        self,
        first: int,
        last: int,
        unit: _Token | None,
        low: float | None,
        high: float | None,
        strict: tuple[bool, bool] = (False, False),
        approximate: bool = False,
    ) -> None:
        """Record a reading of tokens ``first..last`` unless the text adapts to it."""
        seg_start, seg_stop = self.segments[0][first], self.segments[1][last]
        clause_start, clause_stop = self.clauses[0][first], self.clauses[1][last]
        if self.adapted[1][last + 1] < seg_stop:
            return  # "... are trimmed": adapted to, not refused
        before = self.token(first - 1)
        advisory = (
            approximate
            or (before is not None and before.lower in _APPROXIMATE)
            or self.advisory[1][clause_start] < clause_stop
        )
        combined = (first > 0 and self.combined[0][first - 1] >= seg_start) or self.combined[1][
            last + 1
        ] < clause_stop
        family = _UNITS[unit.lower][0] if unit is not None else "value"
        phrase = self.text[self.tokens[first].start : self.tokens[last].end]
        limit = StatedLimit(
            family,
            phrase,
            low,
            high,
            unit.text if unit is not None else "",
            strict[0],
            strict[1],
            advisory,
            combined,
        )
        if limit not in self.seen:
            self.seen.add(limit)
            self.limits.append(limit)

    # -- forms ------------------------------------------------------------------------

    def is_sign(self, index: int) -> bool:
        """A minus glued to the number after it and to no word before it: "-12"."""
        token, before = self.token(index), self.token(index - 1)
        if token is None or token.text not in "-\u2212" or not self.glued(index, index + 1):
            return False
        return not (before is not None and before.kind != "sym" and self.glued(index - 1, index))

    def read_range(self, index: int) -> int | None:
        """A range starting at the number at ``index``: the index after it, or ``None``."""
        words = self.tokens[index].kind == "word"
        first, negative = index, False
        if not words and self.is_sign(index - 1):
            first, negative = index - 1, True
        cue, cue_at = self.previous_word(first, _CUE_FILLERS)
        if negative and cue not in ("between", "from", "["):
            return None
        if cue == "[" and cue_at == first - 1:
            return self.read_interval(cue_at, index, negative)
        unit_a, position, _ = self.unit_at(index + 1, index)
        if unit_a is None:
            if self.glued(index, index + 1) and self.tokens[index + 1].kind == "word":
                return None  # "1080p-2160p"
            position = index + 1
        separator = self.token(position)
        if separator is None:
            return None
        if cue == "between":
            if separator.lower != "and":
                return None
        elif separator.lower not in _RANGE_WORDS:
            return None
        if separator.text == "~" and not (
            self.glued(position - 1, position) and self.glued(position, position + 1)
        ):
            return None
        if not self.is_number(position + 1, words):
            return None
        unit_b, after, ok = self.unit_at(position + 2, position + 1)
        if not ok:
            return None
        low = _number_value(self.tokens[index])
        high = _number_value(self.tokens[position + 1])
        assert low is not None
        assert high is not None
        low = -low if negative else low
        unit = unit_b or unit_a
        if unit_a is not None and unit_b is not None and unit_a.lower != unit_b.lower:
            family_a, scale_a = _UNITS[unit_a.lower]
            family_b, scale_b = _UNITS[unit_b.lower]
            if family_a != family_b:
                return None
            low = low * scale_a / scale_b  # "1 min to 90 s"
        if low > high or (words and unit is None):
            return None
        closing = self.token(after)
        parenthesised = (
            cue == "(" and cue_at == first - 1 and closing is not None and closing.text == ")"
        )
        if parenthesised:
            self.add(cue_at, after, unit, low, high)
            return after + 1
        if unit is None and cue not in _RANGE_CUES:
            return None
        start = cue_at if cue in ("between", "from") or unit is None else first
        self.add(start, after - 1, unit, low, high)
        return after

    def read_interval(self, open_at: int, index: int, negative: bool) -> int | None:
        """``[4, 15]`` (then perhaps a unit): a closed range."""
        comma, end = self.token(index + 1), self.token(index + 3)
        if comma is None or comma.text != "," or end is None or end.text != "]":
            return None
        if not self.is_number(index + 2):
            return None
        low = _number_value(self.tokens[index])
        high = _number_value(self.tokens[index + 2])
        assert low is not None
        assert high is not None
        low = -low if negative else low
        if low > high:
            return None
        unit, after, ok = self.unit_at(index + 4, index + 3)
        if not ok:
            return None
        if unit is None:
            after = index + 4
        self.add(open_at, after - 1, unit, low, high)
        return after

    def operator_before(self, index: int) -> tuple[int, str, bool] | None:
        """The operator phrase ending before the number at ``index`` (fillers between):
        its first token, the operator, and whether it is strong."""
        end = index - 1
        while end >= 0 and index - end <= 4:
            for length in range(min(_LONGEST_OPERATOR, end + 1), 0, -1):
                words = tuple(token.lower for token in self.tokens[end - length + 1 : end + 1])
                found = _OPERATORS.get(words)
                if found is not None:
                    return end - length + 1, found[0], found[1]
            if (
                self.tokens[end].lower not in _FILLERS
                and self.tokens[end].lower not in _APPROXIMATE
            ):
                return None
            end -= 1
        return None

    def bounds_of(
        self, op: str, value: float
    ) -> tuple[float | None, float | None, tuple[bool, bool]]:
        if op in ("<", "<="):
            return None, value, (False, op == "<")
        return value, None, (op == ">", False)

    def read_comparison(self, index: int) -> int | None:
        found = self.operator_before(index)
        if found is None:
            return None
        start, op, strong = found
        approximate = any(token.lower in _APPROXIMATE for token in self.tokens[start:index])
        unit, after, ok = self.unit_at(index + 1, index)
        value = _number_value(self.tokens[index])
        assert value is not None
        low, high, strict = self.bounds_of(op, value)
        shared = None
        if unit is None:
            # "Max 2500 Chinese / 5000 non-Chinese characters": the unit named once.
            joint = self.token(after)
            if joint is not None and joint.lower in ("/", "or") and self.is_number(after + 1):
                shared, _, shared_ok = self.unit_at(after + 2, after + 1)
                if not shared_ok:
                    shared = None
            if shared is None and not (ok and strong):
                return None
        self.add(start, after - 1, unit or shared, low, high, strict, approximate)
        # A list after one comparison: "up to 30s, 10MB" (each needs its own unit).
        for _ in range(_LIST_MAX):
            joint = self.token(after)
            if joint is None or joint.lower not in _LIST_WORDS or not self.is_number(after + 1):
                return after
            if not self.standalone(after + 1):
                return after
            unit, next_after, ok = self.unit_at(after + 2, after + 1)
            if unit is None or not ok:
                return after
            value = _number_value(self.tokens[after + 1])
            assert value is not None
            low, high, strict = self.bounds_of(op, value)
            self.add(start, next_after - 1, unit, low, high, strict, approximate)
            # the quoted phrase runs from the operator: "up to 30s, 10MB"
            after = next_after
        return after

    def read_postfix(self, index: int) -> int | None:
        """ "500 characters or less", "10 MB max"."""
        unit, after, ok = self.unit_at(index + 1, index)
        if unit is None or not ok:
            return None
        word = self.token(after)
        value = _number_value(self.tokens[index])
        assert value is not None
        if word is not None and word.lower == "or":
            other = self.token(after + 1)
            if other is None or other.lower not in _POSTFIX_LESS | _POSTFIX_MORE:
                return None
            op = "<=" if other.lower in _POSTFIX_LESS else ">="
            last = after + 1
        elif word is not None and word.lower in _POSTFIX_MAX:
            op, last = "<=", after
        else:
            return None
        low, high, strict = self.bounds_of(op, value)
        self.add(index, last, unit, low, high, strict)
        return last + 1

    def read(self) -> list[StatedLimit]:
        index = 0
        while index < len(self.tokens):
            token = self.tokens[index]
            number = token.kind == "num" and self.is_number(index) and self.standalone(index)
            word_number = token.lower in _NUMBER_WORDS
            if not (number or word_number):
                index += 1
                continue
            after = self.read_range(index)
            if after is None and number:
                after = self.read_comparison(index)
                if after is None:
                    after = self.read_postfix(index)
            index = after if after is not None and after > index else index + 1
        return self.limits


def stated_limits(text: str) -> list[StatedLimit]:
    """The limits ``text`` states, in order: "under 16 MB", "2-30 seconds", "(1-4)"."""
    return _Reader(text).read()
