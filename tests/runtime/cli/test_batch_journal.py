"""The journal read on its own: header, events, torn and garbled lines, old formats, lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runcomfy_models._runtime.cli.batch_inputs import input_key, parse_lines
from runcomfy_models._runtime.cli.batch_journal import open_journal
from runcomfy_models._runtime.errors import InputsError, JournalError

MODEL = "a/b"


def lines(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


HEADER = {"kind": "batch", "version": 2, "model_id": MODEL}


def test_events_fold_into_one_state_per_input(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(
        lines(
            HEADER,
            {"kind": "intent", "key": "k1", "line": 1, "at": "t"},
            {"kind": "submitted", "key": "k1", "line": 1, "request_id": "r1"},
            {"kind": "succeeded", "key": "k1", "line": 1, "request_id": "r1", "output": {}},
            {"kind": "intent", "key": "k2", "line": 2, "at": "t"},
            {"kind": "intent", "key": "k3", "line": 3, "at": "t"},
            {"kind": "not_submitted", "key": "k3", "line": 3, "error": "503"},
        )
    )
    journal = open_journal(path, MODEL)
    try:
        states = {key: state.state for key, state in journal.states.items()}
        assert states == {"k1": "succeeded", "k2": "sending", "k3": "not_submitted"}
        assert journal.states["k2"].outcome_unknown
        assert journal.states["k1"].request_ids == ["r1"]
        assert journal.warnings == []
    finally:
        journal.close()


def test_a_whole_record_without_its_newline_is_kept_and_the_line_ended(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    record = {"kind": "submitted", "key": "k1", "line": 1, "request_id": "r1"}
    path.write_bytes(lines(HEADER) + json.dumps(record).encode())
    journal = open_journal(path, MODEL)
    journal.write({"kind": "unfinished", "key": "k1", "line": 1, "request_id": "r1"})
    journal.close()
    assert journal.states["k1"].request_id == "r1"
    assert "had no newline; repaired" in journal.warnings[0]
    assert all(json.loads(line) for line in path.read_text().splitlines())


def test_a_second_opener_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    first = open_journal(path, MODEL)
    link = tmp_path / "link.jsonl"
    link.symlink_to(path)
    try:
        with pytest.raises(JournalError, match="in use by another batch"):
            open_journal(link, MODEL)  # the same file under another name
    finally:
        first.close()
    open_journal(path, MODEL).close()


def test_a_newer_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(lines({**HEADER, "version": 3}))
    with pytest.raises(JournalError, match="newer version"):
        open_journal(path, MODEL)
    open_journal(path.with_name("other.jsonl"), MODEL).close()  # the lock was let go


def test_keys_follow_content_not_position_and_copies_are_numbered() -> None:
    raw = b'{"b": 1, "a": 2}\n\n{"a": 2, "b": 1}\n{"a": 3}\n'
    first, second, third = parse_lines(MODEL, raw, "f")
    assert (first.line, second.line, third.line) == (1, 3, 4)
    assert first.key == input_key(MODEL, {"a": 2, "b": 1})
    assert second.key == first.key + "#2"
    assert input_key("other/model", {"a": 3}) != third.key


def test_unreadable_lines_are_findings_and_a_bom_is_ignored() -> None:
    raw = b'\xef\xbb\xbf{"a": 1}\n{"a": NaN}\n[1]\n{"a": "\\ud800"}\n'
    items = parse_lines(MODEL, raw, "f")
    assert [i.problem for i in items][:3] == [
        None,
        "not JSON: NaN is not a JSON number",
        "not a JSON object",
    ]
    assert items[3].data == {"a": "\ud800"}  # a lone surrogate still has a key


def test_not_utf8_names_the_line() -> None:
    with pytest.raises(InputsError, match="byte 0xe9 on line 2"):
        parse_lines(MODEL, b'{"a": 1}\n{"a": "caf\xe9"}\n', "f")


def test_a_file_that_is_no_journal_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"prompt": "a"}\n{"prompt": "b"}\n')
    with pytest.raises(JournalError, match="not a batch journal"):
        open_journal(path, MODEL)
    assert path.read_bytes() == b'{"prompt": "a"}\n{"prompt": "b"}\n'
    torn = tmp_path / "torn.jsonl"  # killed while writing its very first line: usable
    torn.write_bytes(b'{"kind": "ba')
    journal = open_journal(torn, MODEL)
    journal.close()
    assert "cut short" in journal.warnings[0]


@pytest.mark.parametrize("request_id", ["../../etc", ".", "a/b", "%2e%2e", "", "x" * 129, 7, None])
def test_an_event_whose_request_id_fails_the_client_check_is_skipped(
    tmp_path: Path, request_id: object
) -> None:
    """Such an id never reaches a URL or a download folder: the input stays unknown."""
    path = tmp_path / "j.jsonl"
    named = {} if request_id is None else {"request_id": request_id}
    path.write_bytes(
        lines(
            HEADER,
            {"kind": "intent", "key": "k1", "line": 1, "at": "t"},
            {"kind": "submitted", "key": "k1", "line": 1, **named},
            {"kind": "succeeded", "key": "k1", "line": 1, **named, "output": {"v": "u"}},
            {"kind": "downloaded", "key": "k1", "line": 1, **named, "files": []},
        )
    )
    journal = open_journal(path, MODEL)
    journal.close()
    state = journal.states["k1"]
    assert (state.state, state.request_id, state.request_ids) == ("sending", None, [])
    assert state.outcome_unknown
    assert len(journal.warnings) == 3
    assert all("not a request id of RunComfy's form" in w for w in journal.warnings)
    assert all(w.endswith("skipped") for w in journal.warnings)
