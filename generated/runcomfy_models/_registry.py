# Generated from schemas/
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Which module under ``runcomfy_models.models`` holds which model.

Read by the registry so a model's module is imported only when the model is first used.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MODULES"]

MODULES: Final[dict[str, str]] = {
    "bytedance/dreamina-3-0/image-to-video": "bytedance_dreamina_3_0_image_to_video",
    "bytedance/dreamina-3-0/pro/image-to-video": "bytedance_dreamina_3_0_pro_image_to_video",
    "bytedance/seedance-1-0/pro/image-to-video": "bytedance_seedance_1_0_pro_image_to_video",
    "runwayml/runway-gen-3-alpha/turbo/image-to-video": (
        "runwayml_runway_gen_3_alpha_turbo_image_to_video"
    ),
}
