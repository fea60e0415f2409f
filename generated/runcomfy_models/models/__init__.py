# Generated from schemas/
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""One module per model; import the one you use, or ask ``runcomfy_models.get_model``."""
