"""Limits stated in descriptions: what the prose reader reads, and when lint warns.

The corpus (``description_limits.tsv``) holds real description sentences, each with the
model and field it comes from and the expected reading; the lint tests build small
schema documents around such sentences and check the warning/no-warning decision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.schema.findings import Finding
from generator.schema.lint import lint_document
from generator.schema.text_hints import StatedLimit, stated_limits
from tests.support.documents import MODEL_ID, document

CORPUS = Path(__file__).with_name("description_limits.tsv")
IN_DESCRIPTION = "limit-in-description"
DISAGREES = "limit-disagrees-with-description"


def _corpus() -> list[Any]:
    rows: list[Any] = []
    for line in CORPUS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        model_id, field, sentence, expected = line.split("\t")
        rows.append(pytest.param(sentence, expected, id=f"{model_id}:{field}:{len(rows)}"))
    return rows


def notation(text: str) -> str:
    return " ; ".join(limit.notation for limit in stated_limits(text)) or "None"


def test_the_corpus_is_real_and_big_enough() -> None:
    rows = _corpus()
    negatives = [row for row in rows if row.values[1] == "None"]
    assert len(rows) >= 40
    assert len(negatives) >= 15
    assert len({row.values[0] for row in rows}) == len(rows), "a sentence is listed twice"


@pytest.mark.parametrize(("sentence", "expected"), _corpus())
def test_real_sentences_read_as_expected(sentence: str, expected: str) -> None:
    assert notation(sentence) == expected


# The forms issue #14 names (seen in the live catalog, not all in the snapshot), and edge
# forms: each with its reading.
FORMS = [
    ("≤100MB", "size <= 100 MB"),
    ("<= 100 MB", "size <= 100 MB"),
    ("at most 50 MiB", "size <= 50 MiB (52.4288 MB)"),
    ("max 10 MB", "size <= 10 MB"),
    ("Max 500 characters", "length <= 500 characters"),
    ("maximum of 4 images", "count <= 4 images"),
    ("a maximum of 4 images", "count <= 4 images"),
    ("between 2 and 15 seconds", "duration 2..15 seconds"),
    ("2-30 seconds", "duration 2..30 seconds"),
    ("up to 4 images", "count <= 4 images"),
    ("1-16 items", "count 1..16 items"),
    ("no more than 15s", "duration <= 15 s"),
    ("under 16 MB", "size < 16 MB"),
    ("Keep under 1000 characters", "length < 1000 characters"),
    ("Keep under 1,000 characters.", "length < 1000 characters"),
    ("must not exceed 8000 pixels", "pixels <= 8000 pixels"),
    ("Cannot exceed 5 files.", "count <= 5 files"),
    ("can't exceed 5 MB", "size <= 5 MB"),
    ("must not be less than 300 px", "pixels >= 300 px"),
    ("at least 2 images", "count >= 2 images"),
    ("more than 2 seconds", "duration > 2 seconds"),
    ("500 characters or less", "length <= 500 characters"),
    ("10 MB max", "size <= 10 MB"),
    ("a 1000-character limit", "length <= 1000 character"),
    ("Max. 10 MB", "size <= 10 MB"),
    ("max file size: 20 MB", "size <= 20 MB"),
    ("up to 2 GB", "size <= 2 GB (2000 MB)"),
    ("up to 512 KiB", "size <= 512 KiB (0.524288 MB)"),
    ("at most 1 GiB", "size <= 1 GiB (1073.741824 MB)"),
    ("between 1 min and 90 s", "duration 60..90 s"),
    ("3 to 15 seconds", "duration 3..15 seconds"),
    ("2~15s", "duration 2..15 s"),
    ("from -5 to 5", "value -5..5"),
    ("[-1, 100]", "value -1..100"),
    ("up to ~10 MB", "advisory size <= 10 MB"),
    ("Ideally under 20 seconds", "advisory duration < 20 seconds"),
    ("up to 30 s in total", "combined duration <= 30 s"),
    ("up to 25MP", "megapixels <= 25 MP"),
    ("at most 300 frames", "frames <= 300 frames"),
    ("at most 77 tokens", "tokens <= 77 tokens"),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_each_form_reads_as_expected(text: str, expected: str) -> None:
    assert notation(text) == expected


# Numbers that are no limit, however they are dressed.
NOT_LIMITS = [
    "4096x4096",
    "version 2.5.1 or later",
    "released 2024-05-01",
    "up to 2x faster",
    "up to 25% cheaper",
    "1-2 sentences",
    "up to 4K",
    "between 720p and 1080p",
    "under 5",  # a weak word with no unit: prose, not a limit
    "at least one image",  # number words are read only in ranges with a unit
    "up to four images",
    "one to three sentences",
    "between -12 and 12 semitones",  # a unit the reader does not know
    "costs $0.04 per image, up to $2",
    "ratio 16:9, up to 21:9",
    "seedance-1.0 up to",
    "cite @Image1 to @Image4",
    "the first 5 seconds",
    "Videos over 30 seconds are truncated.",
    "Images larger than 10 MB are downscaled before upload.",
    "",
]


@pytest.mark.parametrize("text", NOT_LIMITS)
def test_prose_numbers_are_not_limits(text: str) -> None:
    assert stated_limits(text) == []


def test_a_reading_in_words_names_the_conversion() -> None:
    (limit,) = stated_limits("at most 50 MiB")
    assert limit.reading() == (
        "file size at most 50 MiB = 52.4288 MB; RunComfy counts 1 MB as 1,000,000 bytes"
    )
    low, high = limit.bounds(base=True)
    assert low is None
    assert high == pytest.approx(52.4288)
    (limit,) = stated_limits("Up to 60 minutes")
    assert limit.reading() == "duration at most 60 minutes = 3600 s"
    (limit,) = stated_limits("Must be 2-30 seconds.")
    assert limit == StatedLimit("duration", "2-30 seconds", 2, 30, "seconds")


# Pieces of the forms above, shuffled into anything at all.
PIECES = st.sampled_from(
    [
        *"0123456789.,-\u2013~:;/()[]%$@ ≤≥<>=",
        "up to",
        "at most",
        "between",
        "and",
        "from",
        "to",
        "MB",
        "MiB",
        "s",
        "seconds",
        "images",
        "or less",
        "max",
        "not",
        "exceed",
        "range is",
        "total",
        "recommended",
        "trimmed",
        "one",
        "ten",
        "non-Chinese",
        "x",
        "\n",
        "²",  # digits str.isdigit knows and float() does not (found by the pipeline fuzzer)
        "①",
        "٣",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_reads_without_error(text: str) -> None:
    for limit in stated_limits(text):
        assert limit.phrase
        assert limit.phrase in text
        low, high = limit.bounds()
        assert low is not None or high is not None
        assert low is None or high is None or low <= high
        assert limit.notation
        assert limit.reading()
    for kind in ({"type": "integer"}, {"type": "array", "maxItems": 3}, video("")):
        findings_for({"field": {**kind, "description": text}})


# -- lint: warn, stay quiet, or say they disagree ------------------------------------------


def findings_for(properties: dict[str, Any]) -> list[Finding]:
    data = document(properties)
    return [
        finding
        for finding in lint_document(data, f"{data['model_id']}.json")[1]
        if finding.code in (IN_DESCRIPTION, DISAGREES)
    ]


def rule(text: str, value: float) -> dict[str, Any]:
    return {"validation_rule": text, "validation_value": value, "validation_error": "x"}


def video(description: str, *rules: dict[str, Any]) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "string", "format": "video_uri", "description": description}
    if rules:
        field["validations"] = list(rules)
    return field


def images(description: str, **keywords: Any) -> dict[str, Any]:
    return {"type": "array", "format": "image_uris", "description": description, **keywords}


ENFORCED = [
    pytest.param(images("Up to 4 images.", maxItems=4), id="maxItems-same"),
    pytest.param(images("Reference images (1\u20134).", minItems=1, maxItems=4), id="items-range"),
    pytest.param(images("Reference images (0\u20133).", maxItems=3), id="zero-needs-no-minItems"),
    pytest.param(images("One to ten reference images.", minItems=1, maxItems=10), id="words"),
    pytest.param(
        {"type": "string", "maxLength": 1000, "description": "Keep under 1000 characters."},
        id="maxLength-same",
    ),
    pytest.param(
        {"type": "string", "maxLength": 999, "description": "Keep under 1000 characters."},
        id="maxLength-one-less",
    ),
    pytest.param(
        {"type": "integer", "minimum": 2, "maximum": 15, "description": "Between 2 and 15 s."},
        id="duration-min-max",
    ),
    pytest.param(
        {
            "type": "integer",
            "enum": list(range(2, 16)),
            "description": "Duration must be between 2 and 15 seconds.",
        },
        id="duration-enum",
    ),
    pytest.param(
        {
            "type": "string",
            "enum": ["auto", *map(str, range(5, 21))],
            "description": "Draft duration in whole seconds from 5 through 20, or auto.",
        },
        id="numeral-enum",
    ),
    pytest.param(
        {"type": "integer", "exclusiveMaximum": 5, "description": "At most 4 images."},
        id="exclusiveMaximum-one-more",
    ),
    pytest.param(
        {
            "type": "integer",
            "minimum": 5000,
            "maximum": 300000,
            "description": "Output duration in milliseconds (5000-300000 ms, i.e. 5s-300s)",
        },
        id="field-in-ms",
    ),
    pytest.param(
        video(
            "Must be 2-30 seconds and under 16 MB.",
            rule("duration_seconds>=", 2),
            rule("duration_seconds<=", 30),
            rule("file_size_mb<", 16),
        ),
        id="video-rules",
    ),
    pytest.param(
        {
            "type": "string",
            "format": "image_uri",
            "description": "Short side ≥ 400px.",
            "validations": [rule("shortest_side_pixels>=", 400)],
        },
        id="pixel-rule",
    ),
    pytest.param(
        images("Each file up to 30MB.", validations=[rule("file_size_mb<", 30)]),
        id="array-rule",
    ),
    pytest.param(
        {"type": "string", "enum": ["square_hd", "landscape_16_9"], "description": "256-1536 px"},
        id="string-enum",
    ),
    pytest.param({"type": "boolean", "description": "Up to 10 seconds."}, id="boolean"),
    pytest.param(
        {"type": "string", "description": "English ~≤1000 words recommended."},
        id="advisory",
    ),
    pytest.param(
        {"type": "string", "description": "Describe a clip under 10 seconds."},
        id="duration-on-a-prompt",
    ),
    pytest.param(images("Up to 7 without a reference video.", maxItems=7), id="unitless-on-array"),
]


@pytest.mark.parametrize("field", ENFORCED)
def test_a_limit_the_schema_enforces_is_quiet(field: dict[str, Any]) -> None:
    assert findings_for({"field": field}) == []


def test_a_media_duration_is_not_enforced_by_a_number_field() -> None:
    # The duration field's own range is enforced; the video's length is not.
    properties = {
        "duration": {"type": "integer", "minimum": 2, "maximum": 30, "description": "2-30 seconds"},
        "video_url": video("Must be 2-30 seconds."),
    }
    (finding,) = findings_for(properties)
    assert finding.code == IN_DESCRIPTION
    assert finding.pointer == "/input_schema/properties/video_url/description"
    assert finding.message == (
        "description states '2-30 seconds' (duration 2 to 30 seconds) but no "
        "duration_seconds rule enforces it; callers learn of it only from the server"
    )


UNENFORCED = [
    (
        {"type": "string", "description": "Keep under 1000 characters."},
        "'under 1000 characters' (length under 1000 characters) but no minLength or maxLength",
    ),
    (
        video("≤100MB"),
        "'≤100MB' (file size at most 100 MB) but no file_size_mb rule enforces it",
    ),
    (
        video("at most 50 MiB"),
        "(file size at most 50 MiB = 52.4288 MB; RunComfy counts 1 MB as 1,000,000 bytes)",
    ),
    (
        video("Must be 2-30 seconds.", rule("duration_seconds<=", 30)),
        "but no duration_seconds rule enforces its minimum (2 seconds)",
    ),
    (images("1-16 items"), "(count 1 to 16 items) but no minItems or maxItems enforces it"),
    (
        {"type": "integer", "description": "Random seed. Range is 0 to 2147483647."},
        "(value 0 to 2147483647) but no minimum, maximum or enum enforces it",
    ),
    (
        {"type": "string", "description": "No more than 600 English words."},
        "but no keyword or rule counts words",
    ),
    (
        {"type": "string", "format": "image_uri", "description": "each file up to 25MP"},
        "no rule (no metric measures megapixels) enforces it",
    ),
    (
        images("Combined with videos and audios, at most 12 reference files.", maxItems=12),
        "(combined count at most 12 files) but no keyword or rule can enforce a limit on "
        "several values together",
    ),
    (
        images(
            "Up to 7 without a reference video, or up to 4 when a reference video is provided.",
            maxItems=7,
        ),
        "'up to 4' (count at most 4) but maxItems 7 enforces another limit the description "
        "states, not this one",
    ),
]


@pytest.mark.parametrize(("field", "text"), UNENFORCED)
def test_a_limit_nothing_enforces_is_a_warning(field: dict[str, Any], text: str) -> None:
    (finding,) = findings_for({"field": field})
    assert finding.code == IN_DESCRIPTION
    assert finding.severity == "warning"
    assert finding.pointer == "/input_schema/properties/field/description"
    assert text in finding.message
    assert finding.render().startswith(f"warning: {MODEL_ID}: {finding.pointer}: description")


DISAGREEING = [
    (
        images("Up to 4 images.", maxItems=16),
        "'Up to 4 images' (count at most 4 images)",
        "maxItems 16",
    ),
    (
        images("Reference images for editing (1\u20134).", minItems=1, maxItems=16),
        "'(1\u20134)' (count 1 to 4)",
        "maxItems 16",
    ),
    (
        {
            "type": "integer",
            "minimum": 2,
            "maximum": 10,
            "description": "Between 2 and 15 seconds.",
        },
        "(duration 2 to 15 seconds)",
        "maximum 10",
    ),
    (
        {"type": "integer", "enum": [5, 10], "description": "Up to 15 seconds."},
        "(duration at most 15 seconds)",
        "enum 5 to 10",
    ),
    (
        {"type": "string", "maxLength": 512, "description": "Max 500 characters."},
        "(length at most 500 characters)",
        "maxLength 512",
    ),
    (
        video("at most 50 MiB", rule("file_size_mb<=", 50)),
        "50 MiB = 52.4288 MB; RunComfy counts 1 MB as 1,000,000 bytes",
        "rule file_size_mb<= 50",
    ),
    (
        video("Maximum duration 10 seconds.", rule("duration_seconds<", 15)),
        "(duration at most 10 seconds)",
        "rule duration_seconds< 15",
    ),
]


@pytest.mark.parametrize(("field", "stated", "enforced"), DISAGREEING)
def test_a_different_enforced_bound_disagrees(
    field: dict[str, Any], stated: str, enforced: str
) -> None:
    (finding,) = findings_for({"field": field})
    assert finding.code == DISAGREES
    assert finding.severity == "warning"
    assert finding.pointer == "/input_schema/properties/field/description"
    assert stated in finding.message
    assert f"but the schema enforces {enforced}; they disagree" in finding.message


def test_each_limit_in_one_description_is_judged_on_its_own() -> None:
    field = images(
        "Up to 3 reference clips. Each clip up to 30s, 10MB, wav/mp3.",
        maxItems=3,
        validations=[rule("file_size_mb<=", 10)],
    )
    field["format"] = "audio_uris"
    (finding,) = findings_for({"field": field})
    assert "'up to 30s' (duration at most 30 s) but no duration_seconds rule" in finding.message


def test_huge_numbers_in_text_keywords_and_rules_never_crash_lint() -> None:
    huge = 10**400
    properties = {
        "n": {"type": "integer", "maximum": huge, "enum": [1, huge], "description": "Up to 5."},
        "v": video("up to " + "9" * 400 + " MB", rule("file_size_mb<", huge)),
        "s": {"type": "string", "enum": ["1" * 400], "description": "(1-4)"},
    }
    findings = findings_for(properties)
    # the enum's one finite number (1) is what "Up to 5" disagrees with; the other limits
    # are no finite numbers, so nothing is read or compared
    (finding,) = findings
    assert finding.pointer == "/input_schema/properties/n/description"
    assert finding.code == DISAGREES
    assert "but the schema enforces enum 1;" in finding.message
    assert not stated_limits("up to " + "9" * 400 + " MB")


def test_long_hostile_text_is_read_in_one_pass() -> None:
    # Every form repeated many times over: the reader looks around each number a fixed
    # distance only, so this is quick (no timing asserted: it must just finish).
    text = "up to 5 MB, 3 s, (1-4) [2, 3] between 1 and 2 seconds 1-2-3 ~~ " * 3000
    limits = stated_limits(text)
    assert {limit.family for limit in limits} == {"size", "duration", "value"}
    field = images(text, maxItems=4, validations=[rule("file_size_mb<", n) for n in range(50)])
    codes = {finding.code for finding in findings_for({"field": field})}
    assert codes == {IN_DESCRIPTION}


def test_output_descriptions_are_not_judged() -> None:
    data = document({"prompt": {"type": "string"}})
    data["output_schema"]["properties"]["image"]["description"] = "Up to 10 MB."
    findings = lint_document(data, f"{data['model_id']}.json")[1]
    assert not [f for f in findings if f.code in (IN_DESCRIPTION, DISAGREES)]


@pytest.mark.parametrize(
    "text",
    [
        "up to ² images",  # a superscript is a digit to str.isdigit, not to float()
        "max ³ MB",
        "between ¹ and ⁹ seconds",
        "at most ① files",
        "up to ٣ images",  # an Arabic-Indic digit: a decimal digit float() reads
    ],
)
def test_digits_that_are_not_decimal_never_crash_the_reader(text: str) -> None:
    limits = stated_limits(text)
    assert all(limit.phrase in text for limit in limits)
    assert "٣" in text or limits == []
