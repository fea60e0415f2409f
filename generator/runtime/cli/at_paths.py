"""``"@path"`` in a payload's media fields: a local file, sent as a ``data:`` URI.

On the command line a payload is JSON, so a local file is written ``"@photo.png"`` (a
path relative to the current folder, or absolute) in a media field, alone or as an item
of a list. Only media fields are looked at, and only strings starting with ``@``; any
other string is a URL, or refused with the ``"@path"`` form named, never read as a path.
A ``@`` string that names no regular file is an error naming the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.spec import ModelSpec
from ..errors import StructuralFinding, StructuralValidationError
from ..media.local import URL_PREFIXES

__all__ = ["expand_at_paths"]


def _expand(where: str, value: Any, problems: list[StructuralFinding], paths: bool) -> Any:
    if not isinstance(value, str) or value.startswith(URL_PREFIXES) or (paths and value[:1] != "@"):
        return value
    if not value.startswith("@"):  # never read as a path: say how to send a file
        problems.append(
            StructuralFinding(
                where,
                f"{value[:200]!r} is not an https URL or a data: URI "
                f'(to send a local file, write "@{value[:200]}")',
            )
        )
        return value
    path = Path(value[1:])
    if not value[1:] or not path.is_file():
        what = "names no file" if not path.exists() or not value[1:] else "is not a regular file"
        problems.append(
            StructuralFinding(where, f'{value[:200]!r} {what} ("@path" sends a local file)')
        )
        return value
    return path


def expand_at_paths(
    spec: ModelSpec[Any, Any], payload: dict[str, Any], *, local_paths: bool = False
) -> dict[str, Any]:
    """``payload`` with each ``"@path"`` in a media field replaced by ``Path(path)``.

    Any other string that is no URL is refused naming the ``"@path"`` form, unless
    ``local_paths`` (``validate``, which reads bare paths to check files before upload).

    Raises :class:`StructuralValidationError` naming every field whose ``@`` names no file.
    """
    problems: list[StructuralFinding] = []
    expanded = dict(payload)
    for field in spec.media_fields:
        value = payload.get(field.json_name)
        if isinstance(value, list):
            expanded[field.json_name] = [
                _expand(f"{field.json_name}[{index}]", item, problems, local_paths)
                for index, item in enumerate(value)
            ]
        else:
            expanded[field.json_name] = _expand(field.json_name, value, problems, local_paths)
        if field.json_name not in payload:
            del expanded[field.json_name]
    if problems:
        raise StructuralValidationError(spec.model_id, problems)
    return expanded
