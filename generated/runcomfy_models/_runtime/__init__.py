# Generated from generator/runtime/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Runtime code copied verbatim into every generated package.

Modules here import nothing from the generator: the writer copies them into
``runcomfy_models/_runtime/`` and the generator imports the same files, so lint and the
generated validators always agree on what a rule means.
"""
