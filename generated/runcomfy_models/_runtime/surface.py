# Generated from generator/runtime/surface.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What the runtime offers the generated package, as plain data the generator reads.

The generator imports this module (``from generator.runtime import surface``) to write
``runcomfy_models/__init__.py``, its ``pyproject.toml`` and the model modules' imports;
it never parses runtime source. Module paths are relative to ``runcomfy_models._runtime``.
This module imports nothing, so reading it costs nothing and cannot pull in a layer.
"""

__all__ = [
    "CONSOLE_SCRIPT",
    "EAGER_EXPORTS",
    "EXTRAS",
    "EXTRA_PURPOSES",
    "LAZY_EXPORTS",
    "MODEL_BASES",
    "MODEL_INFO",
    "MODEL_SPECS",
    "PACKAGE_ROOT_FILES",
    "REGISTRY",
    "REQUIREMENTS",
]

# What ``runcomfy_models`` exports from its runtime, by module. The errors are imported
# with the package (they cost nothing); the rest load on first use, since they pull in
# httpx and pydantic, which a bare ``import runcomfy_models`` should not.
EAGER_EXPORTS: dict[str, tuple[str, ...]] = {
    "errors": (
        "APIError",
        "AuthenticationError",
        "ConnectionFailedError",
        "DownloadError",
        "InputValidationError",
        "InsufficientBalanceError",
        "InvalidInputError",
        "InvalidRequestIdError",
        "JobCancelledError",
        "JobError",
        "JobFailedError",
        "JobNotFinishedError",
        "MediaFinding",
        "MediaValidationError",
        "MissingExtraError",
        "NotFoundError",
        "PermissionDeniedError",
        "ProbeError",
        "RateLimitedError",
        "RequestTimeoutError",
        "ResultNotReadyError",
        "RunComfyError",
        "ServerError",
        "StructuralFinding",
        "StructuralValidationError",
        "SubmitOutcomeUnknownError",
        "TransportError",
        "UnknownModelError",
        "WaitTimeoutError",
    ),
}
LAZY_EXPORTS: dict[str, tuple[str, ...]] = {
    "client.async_": ("AsyncClient", "AsyncJob"),
    "client.catalog": ("CatalogEntry", "CatalogPage"),
    "client.download": ("DownloadLimits", "adownload_outputs", "download_outputs"),
    "client.jobs": ("CancelOutcome", "JobResult", "JobState", "JobStatus"),
    "client.polling": ("PollPolicy",),
    "client.sync": ("Client", "Job"),
    "client.transport": ("RetryPolicy",),
    "core.cost": ("CostEstimate", "estimate_cost"),
    "core.info": ("CostBasis", "ModelInfo", "Price"),
    "core.spec": ("MediaField", "ModelSpec", "RuleSpec"),
    "media.cap": ("max_local_bytes", "set_max_local_bytes"),
    "media.local": ("LOCAL_MEDIA", "MediaInput"),
    "media.probe": ("ProbeLimits",),
    "media.sources": ("data_uri",),
    "rules.grammar": ("MediaKind",),
    "validation.validate": (
        "amedia_findings",
        "avalidate_input",
        "avalidate_media",
        "media_findings",
        "validate_input",
        "validate_media",
    ),
}

# Where generated modules import their building blocks from.
MODEL_BASES = "core.model"  # InputModel, InputObject, OutputModel, JsonSchema
MODEL_SPECS = "core.spec"  # ModelSpec, MediaField, RuleSpec
MODEL_INFO = "core.info"  # ModelInfo, Price, CostBasis (in model modules and the index)
REGISTRY = "core.registry"  # Registry, behind get_model and model_ids

# Runtime files copied to the package root rather than into ``_runtime``, by the name
# they take there (sources in ``generator/runtime/package_root/``).
PACKAGE_ROOT_FILES = ("__main__.py", "testing.py")

# What the generated package depends on: only what a plain ``client.run(...)`` needs
# (HTTP, models, media probes, patterns, the batch journal's lock). The rest are extras;
# importing the core never imports one, and a feature whose extra is missing says which
# ``pip install`` to run (``errors.require_extra``).
REQUIREMENTS = (
    "filelock>=3.20.1",
    "httpx>=0.28,<1",
    "pillow>=11",
    "pydantic>=2.14,<3",
    "regex>=2024.11.6",  # JSON Schema patterns matched with a timeout (core/patterns.py)
    "tinytag>=2.1",  # audio and video probes (media/formats.py)
)
EXTRAS: dict[str, tuple[str, ...]] = {
    "cli": ("rich>=13",),  # the command line's live progress displays
    # the emulator, its server and the pytest plugin's fixtures; trustme for https outputs
    "testing": ("starlette>=0.40", "trustme>=1.1", "uvicorn>=0.30"),
    "video": ("pymediainfo>=7",),  # video facts MediaInfo reads (codec, frame rate)
}
EXTRA_PURPOSES: dict[str, str] = {
    "cli": "live progress bars for `python -m runcomfy_models run` (it works without)",
    "testing": "the local emulator (`runcomfy_models.testing`) and the pytest fixtures",
    "video": "MediaInfo for video facts tinytag cannot read",
}
"""What each extra is for, in a line (the README's dependency list)."""
CONSOLE_SCRIPT = ("runcomfy-models", "runcomfy_models.__main__:console")
"""The command the package installs: the same as ``python -m runcomfy_models``."""
