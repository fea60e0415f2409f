"""The version bump: semantic levels over PEP 440 versions, always moving forward."""

from __future__ import annotations

import pytest
from packaging.version import Version

from generator.errors import InputError
from generator.release.contract_diff import Change, Level
from generator.release.version import FIRST_VERSION, bump, bump_level

LEVELS: tuple[Level, ...] = ("major", "minor", "patch")


@pytest.mark.parametrize(
    ("version", "major", "minor", "patch"),
    [
        ("1.4.2", "2.0.0", "1.5.0", "1.4.3"),
        # A pre-release leads to its release, which is the bump when it already makes it.
        ("1.0.0rc1", "1.0.0", "1.0.0", "1.0.0"),
        ("1.2.0rc1", "2.0.0", "1.2.0", "1.2.0"),
        ("1.2.3rc1", "2.0.0", "1.3.0", "1.2.3"),
        ("1.2.3a1", "2.0.0", "1.3.0", "1.2.3"),
        # So does a development release.
        ("2.0.0.dev3", "2.0.0", "2.0.0", "2.0.0"),
        ("1.2.3.dev1", "2.0.0", "1.3.0", "1.2.3"),
        # A post-release is bumped as its release is.
        ("1.2.3.post1", "2.0.0", "1.3.0", "1.2.4"),
        # A development release of a post-release comes after the release itself.
        ("1.2.3.post1.dev1", "2.0.0", "1.3.0", "1.2.4"),
        # Two parts read as three; parts past the third, and a local part, do not count.
        ("1.2", "2.0.0", "1.3.0", "1.2.1"),
        ("1.2.3.4", "2.0.0", "1.3.0", "1.2.4"),
        ("1.2.3+local", "2.0.0", "1.3.0", "1.2.4"),
        ("1!1.2.3", "1!2.0.0", "1!1.3.0", "1!1.2.4"),
    ],
)
def test_each_level_of_each_kind_of_version(
    version: str, major: str, minor: str, patch: str
) -> None:
    assert [bump(version, level) for level in LEVELS] == [major, minor, patch]


@pytest.mark.parametrize(
    "version", ["1.0.0rc1", "2.0.0.dev3", "1.2.3.post1", "0.0.1b2", "3.0.0.post2.dev1", "1.0"]
)
@pytest.mark.parametrize("level", LEVELS)
def test_a_bump_is_a_final_release_greater_than_before(version: str, level: Level) -> None:
    bumped = Version(bump(version, level))
    assert bumped > Version(version)
    assert not bumped.is_prerelease
    assert not bumped.is_postrelease
    assert bumped.local is None


def test_no_change_keeps_the_version_as_written() -> None:
    assert bump("1.0.0rc1", None) == "1.0.0rc1"
    assert bump(FIRST_VERSION, None) == "1.0.0"


def test_a_version_that_is_not_pep_440_is_unusable_input() -> None:
    with pytest.raises(InputError, match=r"'banana' .* is not a PEP 440 version"):
        bump("banana", "patch")


def test_the_level_is_that_of_the_strongest_change() -> None:
    def change(level: Level) -> Change:
        return Change("a/b", "x", level, "changed")

    assert bump_level([]) is None
    assert bump_level([change("patch"), change("minor")]) == "minor"
    assert bump_level([change("minor"), change("major"), change("patch")]) == "major"
