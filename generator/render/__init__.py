"""Rendering: the IR and the runtime sources into the generated project's files, in memory.

One :class:`~generator.render.session.RenderSession` per generate holds the template
environment and the memos. ``codegen_schema`` translates a model's schemas for
datamodel-code-generator, ``pydantic_models`` runs it; ``model_files``, ``samples``,
``package_files``, ``readme`` and ``runtime_copy`` each make one kind of file, and
``package`` puts the tree together. Imports ``ir``, ``schema``, ``reuse``, ``config``,
``provenance``, ``errors`` and ``parallel``; never the pipeline, the release or the check.
"""
