"""Modules of the generated package's root, copied there rather than into ``_runtime``.

``testing.py`` becomes ``runcomfy_models/testing.py`` and ``__main__.py`` becomes
``runcomfy_models/__main__.py`` (the list is ``surface.PACKAGE_ROOT_FILES``). They import
``runcomfy_models`` itself, so they are type-checked in the generated package, not here.
This ``__init__`` is not copied.
"""
