"""Writing pulled schema files: readable modes, and removals under the directory's lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.errors import OutputLocked
from generator.sources.store import write_pull
from tests.support.paths import PAGES
from tests.support.pulling import pull


def test_pulled_schema_files_are_readable_by_everyone(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    code, output = pull(str(sorted(PAGES.glob("*.txt"))[0]), "--schemas", str(schemas))
    assert code == 0, output
    modes = {path.stat().st_mode & 0o777 for path in schemas.rglob("*.json")}
    assert modes == {0o644}


def test_a_prune_waits_for_the_lock_of_another_pull(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    doomed = schemas / "acme" / "gone.json"
    doomed.parent.mkdir(parents=True)
    doomed.write_text("{}\n")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys, time
                from pathlib import Path
                from generator.writer import output_lock
                with output_lock(Path({str(schemas)!r}), 5, command="pull"):
                    print("held", flush=True)
                    time.sleep(30)
                """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputLocked):
            write_pull([], 0.2, prune=[doomed], schemas_dir=schemas)
        assert doomed.exists()  # nothing is removed while another pull holds the folder
    finally:
        holder.kill()
        holder.wait()
    write_pull([], 5, prune=[doomed], schemas_dir=schemas)
    assert not doomed.exists()
