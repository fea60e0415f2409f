"""What every generated model is built on: the JSON Schema keyword table, the model base
classes, ``ModelSpec`` (with ``MediaField`` and ``RuleSpec``) and the registry.

May import: ``errors``, ``constants``, ``rules``.
"""
