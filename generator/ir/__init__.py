"""The intermediate representation: what the templates render, and nothing else.

``types`` holds the IR itself (small frozen dataclasses; the identifier types it uses
live in ``generator.naming``); ``build`` makes it from the typed schema model, once per
model. Everything in it is already decided: names are sanitised, quirks resolved,
examples separated from defaults, so the templates only lay text out. The translation of
a schema for datamodel-code-generator is the renderer's (``render.codegen_schema``).
Imports ``schema`` and ``naming`` only.
"""
