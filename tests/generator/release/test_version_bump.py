"""The version bump: the strongest change decides major, minor or patch."""

from __future__ import annotations

from generator.release.contract_diff import Change
from generator.release.version import bump, bump_level


def test_bump_follows_the_strongest_change() -> None:
    patch = Change("a/b", "x", "patch", "description changed")
    minor = Change("a/b", "y", "minor", "optional field added")
    major = Change("a/b", "z", "major", "field removed")
    assert bump("1.4.2", bump_level([patch])) == "1.4.3"
    assert bump("1.4.2", bump_level([patch, minor])) == "1.5.0"
    assert bump("1.4.2", bump_level([minor, major, patch])) == "2.0.0"
    assert bump("1.4.2", bump_level([])) == "1.4.2"
