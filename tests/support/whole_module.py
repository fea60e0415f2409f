"""The reference a model module formatted in parts is compared with: the classes put in
place of their marks, and black run over the whole module."""

from __future__ import annotations

from generator.render import model_files
from generator.render.formatting import format_python
from generator.render.session import RenderSession

__all__ = ["formatted_whole"]


def formatted_whole(
    session: RenderSession,
    template: str,
    output_code: str,
    input_code: str,
    where: str,
    import_lines: str = "",
    marks: tuple[str, str] = (model_files._OUTPUT_MARK, model_files._INPUT_MARK),
) -> str:
    """What ``model_files._formatted_module`` must return, made the slow, plain way."""
    module = template.replace(marks[0], output_code, 1).replace(marks[1], input_code, 1)
    return format_python(module, where)
