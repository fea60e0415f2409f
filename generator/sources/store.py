"""Merge what a pull read and write it into the schemas directory.

Everything is read and checked before the first byte is written, so a pull with one bad
page writes nothing. Each file is replaced atomically, and a file is only rewritten when
its bytes change, so pulling unchanged docs leaves the tree untouched. Local sources are
recorded relative to the schemas directory's parent, so where ``pull`` runs from does
not change the file.

Two pulls into one schemas directory take turns: the writes hold a lock beside the
directory (``.schemas.lock`` next to ``schemas``, as ``generate`` locks its output), so
the directory ends as one pull wrote it, never some models from each. Under the lock a
file is compared again with what is on disk, not with what the plan saw before, and the
temporary files of a pull that was killed are removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from generator.errors import InputError, SourceError
from generator.schema.document import (
    SchemaDocument,
    contract_of,
    dump_document,
    schema_relpath,
)
from generator.schema.findings import one_line
from generator.schema.metaschema import lone_surrogates
from generator.sources.fetch import record_location
from generator.sources.strict_json import first_difference
from generator.writer import output_lock

__all__ = ["PullOutcome", "PullStatus", "merge_documents", "plan_pull", "same_json", "write_pull"]

PULL_LOCK_TIMEOUT = 120.0
"""Seconds a pull waits for another one writing the same schemas directory."""

PullStatus = Literal["added", "changed", "source-changed", "unchanged"]


@dataclass(frozen=True)
class PullOutcome:
    """What a pull does to one model's file."""

    document: SchemaDocument
    path: Path
    status: PullStatus
    text: str
    schemas_dir: Path | None = None
    """The schemas directory ``path`` is in: its lock is held while writing."""


def merge_documents(documents: Iterable[SchemaDocument]) -> list[SchemaDocument]:
    """One document per model, sorted by id; pages that disagree on a model are an error.

    Two pages of one model (say, in two languages) must publish the same contract; the
    merged document records both locations.
    """
    merged: dict[str, SchemaDocument] = {}
    for document in documents:
        seen = merged.get(document.model_id)
        if seen is None:
            merged[document.model_id] = document
            continue
        difference = first_difference(seen.contract(), document.contract())
        if difference is not None:
            raise SourceError(
                f"{document.model_id}: {', '.join(seen.source.locations)} and "
                f"{', '.join(document.source.locations)} publish different schemas "
                f"for the same model, first at {difference}; pull them separately to see "
                "which is current"
            )
        if seen.source.kind != document.source.kind:
            raise SourceError(
                f"{document.model_id}: read from both a {seen.source.kind} and a "
                f"{document.source.kind} in one pull; pull them separately"
            )
        locations = tuple(sorted(set(seen.source.locations) | set(document.source.locations)))
        merged[document.model_id] = replace(seen, source=replace(seen.source, locations=locations))
    return [merged[key] for key in sorted(merged)]


def same_json(a: object, b: object) -> bool:
    """Equal as the files would write them: key order and ``1`` vs ``1.0`` count."""
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def _status(path: Path, document: SchemaDocument, text: str) -> PullStatus:
    try:
        if not path.exists():
            return "added"
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the existing schema file: {exc}") from None
    if old == text:
        return "unchanged"
    try:
        old_data = json.loads(old)
    except json.JSONDecodeError:
        return "changed"
    if isinstance(old_data, dict) and same_json(contract_of(old_data), document.contract()):
        return "source-changed"
    return "changed"


def plan_pull(documents: Iterable[SchemaDocument], schemas_dir: Path) -> list[PullOutcome]:
    """What writing ``documents`` into ``schemas_dir`` would do, without writing."""
    outcomes = []
    for merged in merge_documents(documents):
        recorded = {record_location(loc, schemas_dir) for loc in merged.source.locations}
        document = replace(merged, source=replace(merged.source, locations=tuple(sorted(recorded))))
        path = schemas_dir / schema_relpath(document.model_id)
        problems = lone_surrogates(document.model_id, document.to_json())
        if problems:
            raise SourceError(
                f"{one_line(document.model_id)}: {one_line(problems[0].pointer)}: "
                f"{problems[0].message} (read from {', '.join(merged.source.locations)})"
            )
        try:
            text = dump_document(document)
        except ValueError as exc:  # non-finite numbers; the readers reject them first
            raise SourceError(f"{document.model_id}: cannot be written as JSON: {exc}") from None
        status = _status(path, document, text)
        outcomes.append(PullOutcome(document, path, status, text, schemas_dir))
    return outcomes


# The mode a new schema file gets (as ``open`` gives under the usual umask of 022).
_FILE_MODE = 0o644


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)  # mkstemp makes 0600; a schema file is for everyone to read
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_pull(
    outcomes: Iterable[PullOutcome],
    timeout: float = PULL_LOCK_TIMEOUT,
    *,
    prune: Iterable[Path] = (),
    schemas_dir: Path | None = None,
) -> None:
    """Write every file whose bytes differ from the outcome's, and delete the files in
    ``prune`` (of models their source no longer lists), all under the schemas
    directory's lock; a file that cannot be written is an input error."""
    outcomes = list(outcomes)
    folders = {o.schemas_dir for o in outcomes if o.schemas_dir is not None}
    if schemas_dir is not None:
        folders.add(schemas_dir)
    with contextlib.ExitStack() as locks:
        for folder in sorted(folders):
            locks.enter_context(output_lock(folder, timeout, command="pull"))
        _remove_stale_temporaries(o for o in outcomes if o.schemas_dir is not None)
        _write_changed(outcomes)
        for path in prune:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise InputError(f"{path}: cannot remove the schema file: {exc}") from None


def _remove_stale_temporaries(outcomes: Iterable[PullOutcome]) -> None:
    """The temporary files a killed pull left beside the files this one writes: under
    the lock, no live pull is writing them."""
    for outcome in outcomes:
        for stale in outcome.path.parent.glob(f".{outcome.path.name}.*"):
            with contextlib.suppress(OSError):
                if stale.is_file() and not stale.is_symlink():
                    stale.unlink()


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_changed(outcomes: Iterable[PullOutcome]) -> None:
    written = 0
    for outcome in outcomes:
        if outcome.status == "unchanged" and outcome.schemas_dir is None:
            continue
        if _current(outcome.path) == outcome.text.encode("utf-8"):
            continue  # as planned, or another pull wrote these very bytes meanwhile
        try:
            _write_atomic(outcome.path, outcome.text)
        except OSError as exc:
            before = f"; {written} file(s) before it were written" if written else ""
            raise InputError(
                f"{outcome.path}: cannot write schema file: {exc.strerror or exc}{before}"
            ) from None
        written += 1
