# Generated from generator/runtime/client/__init__.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Talking to the API: transport (auth, retries), API answers and errors, jobs, polling,
the live catalog, the blocking and asyncio clients, and downloading outputs.

May import: ``errors``, ``constants``, ``rules``, ``core``, ``media``, ``validation``.
"""
