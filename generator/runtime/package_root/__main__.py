"""``python -m runcomfy_models``: find models, validate inputs and run jobs."""

from __future__ import annotations

import sys

from runcomfy_models import find, get_model
from runcomfy_models._runtime.cli.main import main

if __name__ == "__main__":
    sys.exit(main(get_model, sys.argv[1:], find=find))
