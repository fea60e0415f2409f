"""Schema documents: the canonical file format, its typed model, and lint."""
