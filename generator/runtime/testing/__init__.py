"""A local RunComfy emulator: the app, its catalog and prices, its faults and files,
validation off the event loop, a server in a thread, and the pytest plugin. The public
API is ``runcomfy_models.testing`` (in ``package_root``).

May import: every layer below ``cli``.
"""
