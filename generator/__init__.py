"""runcomfy-codegen: RunComfy's published model schemas in, a typed Python SDK out."""

__version__ = "0.1.0"
