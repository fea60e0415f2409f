# Generated from generator/runtime/rules/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""The ``validation_rule`` grammar and the metrics a rule can name; no I/O.

May import: ``errors``. The generator imports this layer to lint schemas.
"""
