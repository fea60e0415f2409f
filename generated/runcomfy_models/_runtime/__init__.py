# Generated from generator/runtime/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Runtime code copied into every generated package as ``runcomfy_models._runtime``.

Ordinary, typed, tested Python: the generator copies these files (under a provenance
header) and imports the same ones, so lint and the generated validators always agree on
what a rule means. Nothing here imports the generator.

Layers, bottom to top; a module imports only from its own layer or from layers listed
before it (``tests/runtime/test_layers.py`` keeps that true)::

    errors.py       every runtime exception, the tree drawn in its docstring
    constants.py    the API's constants: base URL, token variable
    surface.py      data the generator reads: exports, dependencies (imports nothing)
    rules/          the validation_rule grammar and its metrics; no I/O
    core/           the keyword table, model bases, ModelSpec, model info, cost
                    estimates, the registry
    media/          probing media headers from URLs, data URIs and files; formats
    validation/     structural and media findings
    client/         transport, API answers, jobs, polling, the live catalog, sync and async
                    clients, downloads
    testing/        the emulator, its catalog and prices, faults, files and server, the
                    pytest plugin
    cli/            validate, run, batch, emulate, download; nothing imports it
    package_root/   ``runcomfy_models/__main__.py`` and ``testing.py``, copied to the
                    package root; above every layer

Each layer is a subpackage whose ``__init__`` holds only a docstring (no re-exports), so
importing one module loads only what it needs.
"""
