"""One id, one module, forever: module names are unique by construction and stable.

The unit and property tests drive ``module_names`` directly; the package tests generate
real packages (and regenerate them over themselves, so the previous names come from
the manifest) and ask each one, in a fresh interpreter, for every model by id.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.naming import MAX_BASE, ModuleName, module_names
from generator.schema.document import model_id_problem
from tests.support.documents import document, write

OLD = "runwayml/Gen3.Turbo/image_to_video"
NEW = "runwayml/gen3-turbo/image-to-video"
BASE = "runwayml_gen3_turbo_image_to_video"


def _sha8(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _generate(schemas: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    assert result.exit_code == 0, result.output


def _modules(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "codegen-manifest.json").read_text("utf-8"))
    return {model_id: data["module"] for model_id, data in manifest["models"].items()}


def _looked_up(out: Path, model_ids: list[str]) -> dict[str, str]:
    """What ``get_model(id).model_id`` answers for each id, in a fresh interpreter."""
    script = (
        "import json, sys\n"
        "from runcomfy_models import get_model\n"
        "ids = json.loads(sys.stdin.read())\n"
        "print(json.dumps({i: get_model(i).model_id for i in ids}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        input=json.dumps(model_ids),
        capture_output=True,
        text=True,
        cwd=out,
        env={"PYTHONPATH": str(out), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, str] = json.loads(done.stdout)
    return answer


# -- the bugs as reported ------------------------------------------------------------


def test_a_newcomer_twin_gets_the_suffix_and_the_existing_module_keeps_its_name(
    tmp_path: Path,
) -> None:
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    write(schemas, document({"prompt": {"type": "string"}}, model_id=OLD))
    _generate(schemas, out)
    module = out / f"runcomfy_models/models/{BASE}.py"
    before = module.read_bytes()
    write(schemas, document({"seed": {"type": "integer"}}, model_id=NEW))
    _generate(schemas, out)
    assert _modules(out) == {
        OLD: BASE,
        NEW: f"{BASE}__{hashlib.sha256(NEW.encode()).hexdigest()[:8]}",
    }
    assert module.read_bytes() == before
    changelog = (out / "CHANGELOG.md").read_text("utf-8")
    assert f"`{NEW}`: model added" in changelog
    assert "removed" not in changelog
    assert _looked_up(out, [OLD, NEW]) == {OLD: OLD, NEW: NEW}


def test_an_id_shaped_like_another_ids_suffix_gets_its_own_model(tmp_path: Path) -> None:
    twins = ["acme/x", "ACME/x"]
    # Old generators named the twins acme_x_<sha8 of id>: this id's own name.
    shaped = [f"acme/x-{_sha8(i)}" for i in twins] + [f"acme/x__{_sha8(i)}" for i in twins]
    ids = [*twins, *shaped]
    names = module_names(ids)
    assert len(set(names.values())) == len(ids)
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    for model_id in ids:
        write(schemas, document({"prompt": {"type": "string"}}, model_id=model_id))
    _generate(schemas, out)
    assert _looked_up(out, ids) == {i: i for i in ids}


def test_names_from_an_older_generator_are_kept_when_they_are_the_models_own() -> None:
    legacy = {"acme/x": f"acme_x_{_sha8('acme/x')}", "ACME/x": f"acme_x_{_sha8('ACME/x')}"}
    attacker = f"acme/x-{_sha8('acme/x')}"  # its base name is acme/x's legacy name
    names = module_names([*legacy, attacker], previous=legacy)
    assert {i: names[i] for i in legacy} == legacy
    assert names[attacker] == f"{names[attacker].split('__')[0]}__{_sha8(attacker)}"
    assert len(set(names.values())) == 3


def test_a_previous_name_that_is_not_the_models_own_is_not_kept() -> None:
    previous = {"acme/x": "other_model", "acme/y": "acme_x", "acme/z": "../../evil"}
    names = module_names(["acme/x", "acme/y", "acme/z", "other/model"], previous=previous)
    assert names == {
        "acme/x": "acme_x",
        "acme/y": "acme_y",
        "acme/z": "acme_z",
        "other/model": "other_model",
    }


def test_two_ids_claiming_one_previous_name_both_lose_it() -> None:
    names = module_names(["a/b", "A/b"], previous={"a/b": "a_b", "A/b": "a_b"})
    assert names == {"a/b": f"a_b__{_sha8('a/b')}", "A/b": f"a_b__{_sha8('A/b')}"}


def test_long_ids_get_short_unique_names() -> None:
    long = "/".join(["a" * 120, "b" * 120, "c" * 120])  # lint refuses it; naming copes
    twin = long.upper()
    names = module_names([long, twin, "a" * 120 + "/" + "b" * 119])
    assert all(len(name) <= MAX_BASE + 2 + 8 for name in names.values())
    assert len(set(names.values())) == 3
    assert "__" in names[long]
    assert "__" in names[twin]


# -- properties ------------------------------------------------------------------------

_SEGMENT_CHARS = st.sampled_from([*list("aAbB0zZ"), "-", "_", "."])
_SEGMENT = (
    st.text(_SEGMENT_CHARS, min_size=1, max_size=6)
    .map(lambda s: f"x{s}x")
    .filter(lambda s: ".." not in s)
)


def _variants(model_id: str) -> list[str]:
    """Ids a hostile or unlucky catalog could add next to ``model_id``."""
    digest = hashlib.sha256(model_id.encode()).hexdigest()
    head, _, tail = model_id.rpartition("/")
    return [
        model_id.swapcase(),
        model_id.replace("-", "_").replace(".", "-"),
        model_id.lower(),
        f"{model_id}-{digest[:8]}",
        f"{model_id}__{digest[:8]}",
        f"{model_id}_{digest[:12]}",
        f"{head}/{tail}.{digest[:8]}",
    ]


@st.composite
def _id_sets(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Two generations' ids: the first, then some kept, some dropped, some added."""
    seeds = draw(st.lists(st.lists(_SEGMENT, min_size=2, max_size=3), min_size=1, max_size=4))
    pool = sorted({"/".join(s) for s in seeds})
    for model_id in list(pool):
        pool += draw(st.lists(st.sampled_from(_variants(model_id)), max_size=3))
    pool = sorted({i for i in pool if model_id_problem(i) is None})
    first = draw(st.lists(st.sampled_from(pool), min_size=1, unique=True))
    second = draw(st.lists(st.sampled_from(pool), unique=True))
    return first, second


def _assert_sound(names: dict[str, ModuleName]) -> None:
    assert len(set(names.values())) == len(names), names
    for name in names.values():
        assert name.isidentifier()
        assert name == name.lower()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_id_sets())
def test_names_are_unique_stable_and_independent_of_order(
    sets: tuple[list[str], list[str]],
) -> None:
    first, second = sets
    names = module_names(first)
    _assert_sound(names)
    assert module_names(reversed(first)) == names
    again = module_names([*first, *second], previous=names)
    _assert_sound(again)
    assert {i: again[i] for i in first} == names  # nothing given is ever taken back
    later = module_names(second, previous=again)
    _assert_sound(later)
    assert all(later[i] == again[i] for i in second)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_id_sets())
def test_every_id_finds_its_own_model_in_generated_packages_across_regenerations(
    tmp_path_factory: pytest.TempPathFactory, sets: tuple[list[str], list[str]]
) -> None:
    root = tmp_path_factory.mktemp("ids")
    schemas, out = root / "schemas", root / "out"
    first, second = sets
    for model_id in first:
        write(schemas, document({"prompt": {"type": "string"}}, model_id=model_id))
    _generate(schemas, out)
    assert _looked_up(out, first) == {i: i for i in first}
    given_names = _modules(out)
    for model_id in second:
        write(schemas, document({"prompt": {"type": "string"}}, model_id=model_id))
    _generate(schemas, out)
    everything = sorted({*first, *second})
    assert _looked_up(out, everything) == {i: i for i in everything}
    assert {i: _modules(out)[i] for i in first} == given_names


def test_module_names_are_distinct_for_ids_that_differ_in_case(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"p": {"type": "string"}}, model_id="kling/video/4K/i2v"))
    write(schemas, document({"p": {"type": "string"}}, model_id="kling/video/4k/i2v"))
    out = tmp_path / "out"
    _generate(schemas, out)
    registry = (out / "runcomfy_models/_registry.py").read_text()
    modules = [line.split(": ")[1].strip('",') for line in registry.splitlines() if "kling" in line]
    assert len(set(modules)) == 2
    assert all(m.startswith("kling_video_4k_i2v") for m in modules)
