"""Runtime code copied verbatim into every generated package.

Modules here import nothing from the generator: the writer copies them into
``runcomfy_models/_runtime/`` and the generator imports the same files, so lint and the
generated validators always agree on what a rule means.
"""
