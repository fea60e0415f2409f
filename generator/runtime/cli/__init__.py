"""``python -m runcomfy_models``: validate, run (one job or a batch), download
(a job's outputs again) and emulate.

May import: every layer. Nothing imports it but ``package_root/__main__.py``.
"""
