# Generated from generator/runtime/core/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What every generated model is built on: the JSON Schema keyword table, the model base
classes, ``ModelSpec`` (with ``MediaField`` and ``RuleSpec``), what is known of each
model (``ModelInfo``, ``find``), cost estimates (``cost``) and the registry.

May import: ``errors``, ``constants``, ``rules``.
"""
