# Generated from generator/runtime/validation/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Checking an input before a credit is spent: structural findings (pydantic), then
media findings (probing every media value against its published rules).

May import: ``errors``, ``constants``, ``rules``, ``core``, ``media``.
"""
