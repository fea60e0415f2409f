# Generated from generator/runtime/testing/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""A local RunComfy emulator: the app, its catalog and prices, its faults and files,
validation off the event loop, a server in a thread, and the pytest plugin. The public
API is ``runcomfy_models.testing`` (in ``package_root``).

May import: every layer below ``cli``.
"""
