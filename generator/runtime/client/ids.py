"""Ids where they enter: request ids checked against RunComfy's form, paths built escaped.

A request id comes from the server (a submit, status, result or cancel answer) or from
the caller (``client.job(id)``, a batch journal), and it ends up in URL paths, file and
folder names. It is used only if it matches ``[A-Za-z0-9_-]{1,128}``, the form RunComfy's
own client checks, so ``..``, ``.``, ``a/b`` or ``%2e%2e`` can never change a request's
path or leave a download folder. Model ids are sent verbatim, each segment escaped; a
segment that is empty, ``.`` or ``..`` would change the path, and is refused.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..errors import InvalidRequestIdError

__all__ = ["REQUEST_ID", "check_request_id", "model_path", "request_path", "shown"]

REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
"""RunComfy's form of a request id (ASCII letters, digits, ``_`` and ``-``; 1 to 128)."""


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def check_request_id(value: object, where: str = "request id") -> str:
    """``value`` if it is a request id of RunComfy's form, else ``InvalidRequestIdError``."""
    if isinstance(value, str) and REQUEST_ID.fullmatch(value):
        return value
    raise InvalidRequestIdError(
        f"{where}: {shown(value)} is not a request id of RunComfy's form "
        "([A-Za-z0-9_-], 1 to 128 characters); it was not used",
        value=value,
    )


def request_path(request_id: str, action: str) -> str:
    """``/v1/requests/{id}/{action}``, the id checked and URL-encoded."""
    return f"/v1/requests/{quote(check_request_id(request_id), safe='')}/{action}"


def model_path(model_id: str) -> str:
    """``/v1/models/{model_id}``, each segment URL-encoded, the id sent verbatim."""
    segments = model_id.split("/") if isinstance(model_id, str) else []
    if not segments or any(segment in ("", ".", "..") for segment in segments):
        raise ValueError(
            f"model id {shown(model_id)}: segments must be non-empty and not '.' or '..'"
        )
    return "/v1/models/" + "/".join(quote(part, safe="") for part in segments)
