"""Numbers keep their exact JSON value, and no field name trips pydantic's own names.

One package is generated from hostile schemas, then probed in a fresh interpreter run
with ``-W error`` (any pydantic warning at import is a failure): integers beyond 2**53 in
``number`` fields are compared exactly against their bounds and sent exactly as given,
through ``to_request()`` and through a real client submit to the emulator on 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from generator.cli import main
from generator.render.field_names import PYDANTIC_NAMES
from tests.support.documents import document, write

BIG = 2**64
# Every public name of pydantic's BaseModel, names in its protected namespace, names that
# become one after snake-casing, and our own methods.
PYDANTIC_LIKE = sorted(
    {name for name in dir(BaseModel) if not name.startswith("_")}
    | {"model_x", "model_", "modelDumpJson", "Model_Dump", "model-config", "MODEL_FIELDS"}
)
NUMBERS: dict[str, Any] = {
    "bounded": {"type": "number", "maximum": BIG},
    "plain": {"type": "number"},
    "lower": {"type": "number", "exclusiveMinimum": BIG},
    "huge_bound": {"type": "number", "minimum": -(10**400), "maximum": 10**400},
    "float_bound": {"type": "number", "maximum": 1.5},
    "items": {"type": "array", "items": {"type": "number", "minimum": 1}},
    "nullable": {"type": ["number", "null"]},
    "nested": {"type": "object", "properties": {"n": {"type": "number", "maximum": BIG}}},
    "whole": {"type": "integer", "maximum": BIG},
    "multiple": {"type": "number", "multipleOf": 2},
}

PATTERNS: dict[str, Any] = {
    "slow": {"type": "string", "pattern": r"^(a|aa)+$"},
    "look": {"type": "string", "pattern": r"^(?=.*\d)(?!.*x)\w+$"},  # Rust's regex: refused
    "twice": {"type": "string", "pattern": r"^(\w+)-\1$"},  # Rust's regex: refused
    "tags": {"type": "array", "items": {"type": "string", "pattern": r"^(\w+\s?)*$"}},
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("numbers")
    schemas, out = root / "schemas", root / "out"
    names = {name: {"type": "string"} for name in PYDANTIC_LIKE}
    write(schemas, document(NUMBERS, model_id="edge/numbers"))
    names_doc = document(names, model_id="edge/names")
    names_doc["input_schema"]["properties"]["inner"] = {
        "type": "object",
        "properties": {"model_dump": {"type": "string"}, "copy": {"type": "string"}},
    }
    names_doc["output_schema"] = {
        "type": "object",
        "properties": {name: {"type": "string"} for name in ("model_fields", "json", "model_y")},
    }
    write(schemas, names_doc)
    write(schemas, document(PATTERNS, model_id="edge/patterns"))
    lint = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert lint.exit_code == 0, lint.output
    result = CliRunner().invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def probe(package: Path, code: str) -> list[Any]:
    """Run ``code`` in a fresh interpreter with warnings as errors; its printed JSON lines."""
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


NUMBER_PROBE = """
import json
from pydantic import ValidationError
import runcomfy_models as r
Input = r.get_model("edge/numbers").input
def attempt(**payload):
    try:
        return Input.model_validate(payload).to_request()
    except ValidationError as exc:
        return sorted({e["type"] for e in exc.errors()})
cases = [
    dict(bounded=2**64), dict(bounded=2**64 + 1), dict(bounded=2.0**64),
    dict(plain=9007199254740993), dict(plain=0.5), dict(plain=2.0), dict(plain=10**400),
    dict(lower=2**64), dict(lower=2**64 + 1), dict(lower=1.8446744073709552e19),
    dict(huge_bound=10**400), dict(huge_bound=10**400 + 1), dict(huge_bound=-(10**400) - 1),
    dict(float_bound=1), dict(float_bound=2), dict(items=[2**64 + 1, 1.5]), dict(items=[0]),
    dict(nullable=None), dict(nullable=9007199254740993),
    dict(nested={"n": 2**64}), dict(nested={"n": 2**64 + 1}),
    dict(whole=2**64), dict(whole=2**64 + 1),
    dict(multiple=2**70 + 1), dict(multiple=2**70), dict(multiple=1.5),
    dict(plain=float("inf")), dict(plain=float("nan")), dict(plain=True), dict(plain="1"),
]
for case in cases:
    print(json.dumps([repr(case), attempt(**case)]))
"""


def test_integers_in_number_fields_are_compared_and_sent_exactly(package: Path) -> None:
    results = dict(map(tuple, probe(package, NUMBER_PROBE)))

    def sent(case: str) -> Any:
        return results[case]

    assert sent("{'bounded': 18446744073709551616}") == {"bounded": BIG}
    assert sent("{'bounded': 18446744073709551617}") == ["less_than_equal"]
    assert sent("{'bounded': 1.8446744073709552e+19}") == {"bounded": BIG}
    assert sent("{'plain': 9007199254740993}") == {"plain": 9007199254740993}
    assert sent("{'plain': 0.5}") == {"plain": 0.5}
    assert sent("{'plain': 2.0}") == {"plain": 2}
    assert sent(f"{{'plain': {10**400}}}") == {"plain": 10**400}
    assert sent("{'lower': 18446744073709551616}") == ["greater_than"]
    assert sent("{'lower': 18446744073709551617}") == {"lower": BIG + 1}
    assert sent("{'lower': 1.8446744073709552e+19}") == ["greater_than"]
    assert sent(f"{{'huge_bound': {10**400}}}") == {"huge_bound": 10**400}
    assert sent(f"{{'huge_bound': {10**400 + 1}}}") == ["less_than_equal"]
    assert sent(f"{{'huge_bound': {-(10**400) - 1}}}") == ["greater_than_equal"]
    assert sent("{'float_bound': 1}") == {"float_bound": 1}
    assert sent("{'float_bound': 2}") == ["less_than_equal"]
    assert sent("{'items': [18446744073709551617, 1.5]}") == {"items": [BIG + 1, 1.5]}
    assert sent("{'items': [0]}") == ["greater_than_equal"]
    assert sent("{'nullable': None}") == {"nullable": None}
    assert sent("{'nullable': 9007199254740993}") == {"nullable": 9007199254740993}
    assert sent("{'nested': {'n': 18446744073709551616}}") == {"nested": {"n": BIG}}
    assert sent("{'nested': {'n': 18446744073709551617}}") == ["less_than_equal"]
    assert sent("{'whole': 18446744073709551616}") == {"whole": BIG}
    assert sent("{'whole': 18446744073709551617}") == ["less_than_equal"]
    assert sent(f"{{'multiple': {2**70 + 1}}}") == ["multiple_of"]
    assert sent(f"{{'multiple': {2**70}}}") == {"multiple": 2**70}
    assert sent("{'multiple': 1.5}") == ["multiple_of"]
    # JSON has no infinity or NaN: they are refused, not sent as null.
    for bad in ("{'plain': inf}", "{'plain': nan}", "{'plain': True}", "{'plain': '1'}"):
        assert results[bad] == ["float_type"], bad


SUBMIT_PROBE = """
import json
import runcomfy_models as r
from runcomfy_models.testing import Emulator, serve
spec = r.get_model("edge/numbers")
with serve(Emulator(token="t", specs=r.get_model)) as emulator:
    with r.Client("t", base_url=emulator.base_url) as client:
        job = client.submit(spec.input(plain=9007199254740993, bounded=2**64, items=[2**60 + 1]))
        sent = emulator.jobs[job.request_id].payload
print(json.dumps(sent))
print(json.dumps(sorted(type(v).__name__ for v in sent.values())))
"""


def test_the_client_sends_integers_exactly(package: Path) -> None:
    sent, kinds = probe(package, SUBMIT_PROBE)
    assert sent == {"plain": 9007199254740993, "bounded": BIG, "items": [2**60 + 1]}
    assert kinds == ["int", "int", "list"]


NAMES_PROBE = """
import json
import runcomfy_models as r
Input, Output = r.get_model("edge/names").input, r.get_model("edge/names").output
payload = {name: name for name in NAMES}
payload["inner"] = {"model_dump": "a", "copy": "b"}
made = Input.model_validate(payload)
print(json.dumps(made.to_request()))
print(json.dumps(sorted(Input.model_fields)))
print(json.dumps(made.model_dump_json(by_alias=True, exclude_unset=True) is not None))
out = Output.model_validate({"model_fields": "a", "json": "b", "model_y": "c"})
print(json.dumps(out.model_dump(by_alias=True, exclude_none=True)))
"""


def test_fields_named_like_pydantic_methods_are_renamed_and_keep_their_json_name(
    package: Path,
) -> None:
    code = f"NAMES = {PYDANTIC_LIKE!r}\n" + NAMES_PROBE
    sent, attributes, dumped, output = probe(package, code)
    assert sent == {
        **{name: name for name in PYDANTIC_LIKE},
        "inner": {"model_dump": "a", "copy": "b"},
    }
    clashing = {name for name in dir(BaseModel) if not name.startswith("__")}
    assert not set(attributes) & clashing
    assert not [name for name in attributes if name.startswith("model_") and name[-1] != "_"]
    assert dumped is True
    assert output == {"model_fields": "a", "json": "b", "model_y": "c"}


def test_the_reserved_list_covers_pydantic_as_installed() -> None:
    public = {name for name in dir(BaseModel) if not name.startswith("_")}
    assert public <= PYDANTIC_NAMES


PATTERN_PROBE = """
import json, time
from pydantic import ValidationError
import runcomfy_models as r
Input = r.get_model("edge/patterns").input
def attempt(**payload):
    started = time.monotonic()
    try:
        outcome = Input.model_validate(payload).to_request()
    except ValidationError as exc:
        outcome = [e["type"] for e in exc.errors()]
    return [outcome, time.monotonic() - started]
for case in [
    dict(slow="a" * 200 + "!"), dict(slow="aaaa"), dict(look="ab1"), dict(look="ax1"),
    dict(twice="ab-ab"), dict(twice="ab-ba"), dict(tags=["a" * 60 + "!"] * 50),
]:
    print(json.dumps(attempt(**case)))
"""


def test_generated_models_match_patterns_in_bounded_time(package: Path) -> None:
    """Patterns reach ``JsonSchema`` (bounded), never pydantic's ``Field(pattern=...)``."""
    source = (package / "runcomfy_models/models/edge_patterns.py").read_text()
    assert "pattern=" not in source
    assert source.count("JsonSchema({") == len(PATTERNS)
    results = probe(package, PATTERN_PROBE)
    outcomes = [outcome for outcome, _ in results]
    assert outcomes == [
        ["string_pattern_timeout"],
        {"slow": "aaaa"},
        {"look": "ab1"},
        ["string_pattern_mismatch"],
        {"twice": "ab-ab"},
        ["string_pattern_mismatch"],
        outcomes[6],
    ]
    assert outcomes[6] in (["string_pattern_timeout"], ["string_pattern_mismatch"])
    assert all(seconds < 0.5 + 20 for _, seconds in results)  # a deadline plus slack
