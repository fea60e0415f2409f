# Generated from generator/runtime/media/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Measuring media: reading headers from URLs, data URIs and local files (``sources``),
the formats that understand them (``formats``), and the probe that combines both.

May import: ``errors``, ``constants``, ``rules``, ``core``.
"""
