"""``python -m generator``: the same command line as ``runcomfy-codegen``."""

from generator.cli import main

if __name__ == "__main__":
    main()
