"""The generated package's version: the first one, and how schema changes raise it.

Versions are PEP 440, read with ``packaging.version``, and bumped as semantic versions: a
breaking change raises the major part, a compatible addition the minor part, anything
else the patch part (``1.4.2`` + minor = ``1.5.0``). The generator itself only writes
final releases, but a maintainer may have set another one, so every PEP 440 version is
bumped to a final release greater than it:

- A pre-release or development release comes before the release it leads to:
  ``1.0.0rc1`` and ``2.0.0.dev3`` lead to ``1.0.0`` and ``2.0.0``. That release is the
  bump when it already makes a change of the level asked for (as npm's semver does):
  ``2.0.0.dev3`` + any level = ``2.0.0``, ``1.0.0rc1`` + minor = ``1.0.0``,
  ``1.2.3rc1`` + patch = ``1.2.3``. Otherwise it is bumped as a final release:
  ``1.2.3rc1`` + minor = ``1.3.0``.
- A post-release follows its release and is bumped as that release is:
  ``1.2.3.post1`` + patch = ``1.2.4``, + minor = ``1.3.0``, + major = ``2.0.0``.

Only the first three release parts count (``1.2`` reads as ``1.2.0``); an epoch is
kept and a local part (``+abc``) dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from packaging.version import InvalidVersion, Version

from generator.errors import InputError
from generator.release.contract_diff import Change, Level

__all__ = ["FIRST_VERSION", "bump", "bump_level"]

FIRST_VERSION = "1.0.0"
_ORDER: dict[Level, int] = {"major": 0, "minor": 1, "patch": 2}


def bump_level(changes: Sequence[Change]) -> Level | None:
    """The semantic-version part ``changes`` call for; ``None`` when nothing changed."""
    if not changes:
        return None
    return min((change.level for change in changes), key=_ORDER.__getitem__)


def _parse(version: str) -> Version:
    try:
        return Version(version)
    except InvalidVersion:
        raise InputError(
            f"version {version!r} (from the previous generate's manifest) is not a PEP 440 "
            "version; cannot tell the next one"
        ) from None


def _already_made(level: Level, minor: int, patch: int) -> bool:
    """Whether a release ``X.minor.patch`` is itself a bump of ``level`` over its past."""
    if level == "major":
        return minor == 0 and patch == 0
    return patch == 0 if level == "minor" else True


def bump(version: str, level: Level | None) -> str:
    """``version`` raised by ``level``: always a final release greater than ``version``."""
    if level is None:
        return version
    parsed = _parse(version)
    major, minor, patch = (*parsed.release, 0, 0)[:3]
    epoch = f"{parsed.epoch}!" if parsed.epoch else ""
    lead = Version(f"{epoch}{major}.{minor}.{patch}")
    if lead > parsed and _already_made(level, minor, patch):
        return str(lead)
    if level == "major":
        return f"{epoch}{major + 1}.0.0"
    if level == "minor":
        return f"{epoch}{major}.{minor + 1}.0"
    return f"{epoch}{major}.{minor}.{patch + 1}"
