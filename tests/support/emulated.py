"""For client tests: the token, fast policies, valid payloads (the fixtures that serve the
emulator are in tests/runtime/conftest.py)."""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image

from runcomfy_models import AsyncClient, PollPolicy, RetryPolicy, get_model
from runcomfy_models.testing import Emulator, JobPlan

TOKEN = "rc-secret-TOKEN-5f0c1d2e3a4b"
FAST_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05, total_cap=5.0)
FAST_POLL = PollPolicy(initial=0.01, factor=1.5, max_in_progress=0.05, max_in_queue=0.05)
QUICK = JobPlan(queue_seconds=0.05, run_seconds=0.05)


def png_data_uri(width: int = 640, height: int = 480) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 200, 90)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


IMAGE = png_data_uri()
PAYLOADS: dict[str, dict[str, Any]] = {
    "bytedance/dreamina-3-0/image-to-video": {"prompt": "a cat", "image_urls": [IMAGE]},
    "bytedance/dreamina-3-0/pro/image-to-video": {"prompt": "a cat", "image_urls": [IMAGE]},
    "bytedance/seedance-1-0/pro/image-to-video": {
        "prompt": "a cat",
        "first_frame_image_url": IMAGE,
    },
    "runwayml/runway-gen-3-alpha/turbo/image-to-video": {
        "promptText": "a cat",
        "promptImage": IMAGE,
    },
}


def payload(model_id: str = "bytedance/dreamina-3-0/pro/image-to-video") -> Any:
    return get_model(model_id).input.model_validate(PAYLOADS[model_id])


def async_client(emulator: Emulator) -> AsyncClient:
    return AsyncClient(TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL)
