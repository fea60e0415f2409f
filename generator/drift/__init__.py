"""Drift: what changed upstream, in the schemas, and in the generated tree."""
