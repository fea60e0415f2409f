"""Build the generated SDK's documentation site with mkdocs (run it as ``scripts/docs``).

The site has no hand-written copy of anything: its pages are assembled, in a temporary
folder, from what already exists:

- Home: ``generated/README.md`` (the package's quick start), as the site's index;
- Models: ``generated/docs/models/README.md`` (every model by task) and each model page,
  at the same paths as in ``generated/``, so their links resolve unchanged;
- Guide: ``docs/sdk.md``; its links into ``generated/`` go to those pages of the site, its
  links to files the site does not hold (the maintainers' docs) become plain text;
- API reference: one short page per topic below, filled in by mkdocstrings from the
  runtime's docstrings in ``generated/runcomfy_models``.

The configuration is written beside those pages and mkdocs builds it with ``--strict``:
a link or anchor that does not resolve, or a page left out of the nav, fails the build.
"""

from __future__ import annotations

import argparse
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = "runcomfy_models._runtime"

# The API reference's pages: page -> (title, intro, where its objects come from). Every
# name ``runcomfy_models`` exports from its runtime (the runtime's ``surface.py``) is
# documented on the page for its module's layer, at the place it is defined: griffe reads
# the source statically, and the package loads those names lazily at run time.
REFERENCE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "client.md": (
        "Clients and jobs",
        "`Client` and `AsyncClient`, the jobs they return, and the policies and limits "
        "they take; all exported by `runcomfy_models`.",
        ("client.",),
    ),
    "errors.md": (
        "Errors",
        "Every exception the package raises derives from `RunComfyError`; all are "
        "exported by `runcomfy_models`.",
        ("errors",),
    ),
    "validation.md": (
        "Validation and media rules",
        "Checking an input, and its media files, before submitting; exported by "
        "`runcomfy_models`.",
        ("validation.", "media.", "rules."),
    ),
    "models.md": (
        "Models, prices and costs",
        "What `runcomfy_models.get_model`, `find` and `model_info` return, and cost "
        "estimates; exported by `runcomfy_models`.",
        ("core.",),
    ),
    "testing.md": (
        "The emulator",
        "A local RunComfy API for tests, with planned outcomes and injected faults.",
        (),
    ),
    "pytest-plugin.md": (
        "The pytest plugin",
        "The fixtures the package registers with pytest.",
        (),
    ),
}
# Pages that document one module whole, by its own ``__all__``.
MODULES = {
    "testing.md": ("runcomfy_models.testing",),
    "pytest-plugin.md": (f"{RUNTIME}.testing.pytest_plugin",),
}

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


def guide_text(sdk: str, guide: Path, generated: Path) -> str:
    """The guide's text for the site, which holds it at its root as ``guide.md``.

    A link into the generated tree goes to that page of the site; a link to another file
    that exists (the maintainers' docs, the repository's README) becomes plain text, as
    the site does not hold it; any other link is kept, so a broken one fails the build.
    """

    def relink(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        if target.startswith("#") or "://" in target or target.startswith("mailto:"):
            return match.group(0)
        path, hash_, anchor = target.partition("#")
        resolved = (guide.parent / path).resolve()
        if resolved.is_relative_to(generated) and resolved.suffix == ".md":
            return f"[{text}]({resolved.relative_to(generated).as_posix()}{hash_}{anchor})"
        if resolved.exists():
            return text
        return match.group(0)

    return _LINK.sub(relink, sdk)


def model_pages(generated: Path) -> list[dict[str, str]]:
    """The nav's model pages, by model id, in the order ``ls`` gives their files."""
    pages = []
    for page in sorted((generated / "docs" / "models").glob("*.md")):
        if page.name == "README.md":
            continue
        heading = _HEADING.search(page.read_text(encoding="utf-8"))
        title = heading.group(1).strip() if heading else page.stem
        pages.append({title: f"docs/models/{page.name}"})
    return pages


def reference_objects(generated: Path) -> dict[str, list[str]]:
    """Each reference page's objects: the runtime's exports, then whole modules."""
    surface = runpy.run_path(str(generated / "runcomfy_models" / "_runtime" / "surface.py"))
    exports: dict[str, tuple[str, ...]] = {
        **surface["EAGER_EXPORTS"],
        **surface["LAZY_EXPORTS"],
    }
    pages: dict[str, list[str]] = {page: list(MODULES.get(page, ())) for page in REFERENCE}
    # The blocking client first, then the rest as surface.py lists them.
    for module, names in sorted(exports.items(), key=lambda item: item[0] != "client.sync"):
        page = next(
            (
                page
                for page, (_, _, prefixes) in REFERENCE.items()
                if any(module == p or module.startswith(p) for p in prefixes)
            ),
            None,
        )
        if page is None:
            raise SystemExit(f"build_site: no reference page for runtime module {module!r}")
        pages[page] += [f"{RUNTIME}.{module}.{name}" for name in names]
    return pages


def reference_page(title: str, intro: str, objects: list[str]) -> str:
    """A reference page: its title, a line of intro, and a mkdocstrings block per object."""
    blocks = "\n\n".join(f"::: {name}" for name in objects)
    return f"# {title}\n\n{intro}\n\n{blocks}\n"


def config(generated: Path, docs: Path, site: Path) -> dict[str, object]:
    """mkdocs' configuration: ``docs`` holds the assembled pages, ``site`` gets the HTML."""
    return {
        "site_name": "runcomfy-models",
        "site_description": "Typed Python clients for RunComfy's models.",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "features": ["navigation.sections", "navigation.top", "search.highlight"],
        },
        "plugins": [
            "search",
            {
                "mkdocstrings": {
                    "handlers": {
                        "python": {
                            "paths": [str(generated)],
                            "options": {
                                "show_root_heading": True,
                                "show_source": False,
                                "members_order": "source",
                                "show_if_no_docstring": False,
                                "heading_level": 2,
                            },
                        }
                    }
                }
            },
        ],
        "markdown_extensions": [
            "tables",
            "admonition",
            {"toc": {"permalink": True}},
            "pymdownx.highlight",
            "pymdownx.superfences",
        ],
        "validation": {
            "omitted_files": "warn",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "nav": [
            {"Home": "README.md"},
            {
                "Models": [
                    {"By task": "docs/models/README.md"},
                    *model_pages(generated),
                ]
            },
            {"Guide": "guide.md"},
            {
                "API reference": [
                    {title: f"reference/{page}"} for page, (title, _, _) in REFERENCE.items()
                ]
            },
        ],
    }


def assemble(generated: Path, guide: Path, docs: Path) -> None:
    """Write the site's pages into ``docs``: the generated tree's, the guide, the reference."""
    shutil.copyfile(generated / "README.md", docs / "README.md")
    shutil.copytree(generated / "docs" / "models", docs / "docs" / "models")
    sdk = guide.read_text(encoding="utf-8")
    (docs / "guide.md").write_text(guide_text(sdk, guide, generated), encoding="utf-8")
    (docs / "reference").mkdir()
    objects = reference_objects(generated)
    for page, (title, intro, _) in REFERENCE.items():
        (docs / "reference" / page).write_text(
            reference_page(title, intro, objects[page]), encoding="utf-8"
        )


def build(generated: Path, guide: Path, site: Path) -> int:
    """Assemble the pages and run ``mkdocs build --strict``; mkdocs' exit status."""
    with tempfile.TemporaryDirectory(prefix="runcomfy-site-") as work:
        docs = Path(work) / "docs"
        docs.mkdir()
        assemble(generated, guide, docs)
        config_file = Path(work) / "mkdocs.yml"
        config_file.write_text(
            yaml.safe_dump(config(generated, docs, site), sort_keys=False), encoding="utf-8"
        )
        command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        command += ["--config-file", str(config_file)]
        # mkdocs-material prints a notice about MkDocs 2 on every build unless told not to.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run(command, check=False, env=env).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--generated",
        type=Path,
        default=ROOT / "generated",
        help="the generated SDK tree (default: generated/)",
    )
    parser.add_argument(
        "--guide", type=Path, default=ROOT / "docs" / "sdk.md", help="the guide page"
    )
    parser.add_argument(
        "--site-dir", type=Path, default=ROOT / "site", help="where the HTML goes (site/)"
    )
    args = parser.parse_args()
    needed = (
        args.generated / "README.md",
        args.generated / "docs" / "models" / "README.md",
        args.generated / "runcomfy_models" / "_runtime" / "surface.py",
        args.guide,
    )
    for path in needed:
        if not path.is_file():
            print(f"build_site: {path} not found (run scripts/generate first?)", file=sys.stderr)
            return 2
    site = args.site_dir.resolve()
    status = build(args.generated.resolve(), args.guide.resolve(), site)
    if status == 0:
        print(f"site built: {site / 'index.html'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
