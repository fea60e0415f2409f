"""``python -m runcomfy_models``: find models, validate inputs and run jobs."""

from __future__ import annotations

import sys

from runcomfy_models import find, get_model
from runcomfy_models._runtime.cli.main import main


def console() -> None:
    """The ``runcomfy-models`` command: the same as ``python -m runcomfy_models``."""
    sys.exit(main(get_model, sys.argv[1:], find=find))


if __name__ == "__main__":
    console()
