# Generated from schemas/
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Which module under ``runcomfy_models.models`` holds which model.

Read by the registry so a model's module is imported only when the model is first used.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MODULES"]

MODULES: Final[dict[str, str]] = {
    "acestep-ai/ace-step/audio-inpaint": "acestep_ai_ace_step_audio_inpaint",
    "acestep-ai/ace-step/audio-outpaint": "acestep_ai_ace_step_audio_outpaint",
    "acestep-ai/ace-step/text-to-audio": "acestep_ai_ace_step_text_to_audio",
    "alibaba/happyhorse-1.1/text-to-video": "alibaba_happyhorse_1_1_text_to_video",
    "blackforestlabs/flux-2-klein/4b/text-to-image": (
        "blackforestlabs_flux_2_klein_4b_text_to_image"
    ),
    "blackforestlabs/flux-2/flash/text-to-image": "blackforestlabs_flux_2_flash_text_to_image",
    "blackforestlabs/flux-3/first-last-frame-to-video": (
        "blackforestlabs_flux_3_first_last_frame_to_video"
    ),
    "blackforestlabs/flux-3/first-last-frame-to-video/draft": (
        "blackforestlabs_flux_3_first_last_frame_to_video_draft"
    ),
    "blackforestlabs/flux-3/image": "blackforestlabs_flux_3_image",
    "blackforestlabs/flux-3/image-to-video": "blackforestlabs_flux_3_image_to_video",
    "blackforestlabs/flux-3/image-to-video/draft": "blackforestlabs_flux_3_image_to_video_draft",
    "blackforestlabs/flux-3/text-to-video": "blackforestlabs_flux_3_text_to_video",
    "blackforestlabs/flux-3/text-to-video/draft": "blackforestlabs_flux_3_text_to_video_draft",
    "bytedance/dreamina-3-0/image-to-video": "bytedance_dreamina_3_0_image_to_video",
    "bytedance/dreamina-3-0/pro/image-to-video": "bytedance_dreamina_3_0_pro_image_to_video",
    "bytedance/seed-audio-1.0/text-to-audio": "bytedance_seed_audio_1_0_text_to_audio",
    "bytedance/seedance-1-0/pro/image-to-video": "bytedance_seedance_1_0_pro_image_to_video",
    "bytedance/seedance-2.0-mini/image-to-video": "bytedance_seedance_2_0_mini_image_to_video",
    "bytedance/seedance-2.0-mini/text-to-video": "bytedance_seedance_2_0_mini_text_to_video",
    "bytedance/seedance-2.0-mini/video-to-video": "bytedance_seedance_2_0_mini_video_to_video",
    "bytedance/seedance-2.0/fast": "bytedance_seedance_2_0_fast",
    "bytedance/seedance-2.5/first-last-frame/720p": "bytedance_seedance_2_5_first_last_frame_720p",
    "bytedance/seedance-2.5/image-to-video/1080p": "bytedance_seedance_2_5_image_to_video_1080p",
    "bytedance/seedance-2.5/image-to-video/480p": "bytedance_seedance_2_5_image_to_video_480p",
    "bytedance/seedance-2.5/image-to-video/4k": "bytedance_seedance_2_5_image_to_video_4k",
    "bytedance/seedance-2.5/image-to-video/720p": "bytedance_seedance_2_5_image_to_video_720p",
    "bytedance/seedance-2.5/reference-to-video/480p": (
        "bytedance_seedance_2_5_reference_to_video_480p"
    ),
    "bytedance/seedance-2.5/reference-to-video/4k": "bytedance_seedance_2_5_reference_to_video_4k",
    "bytedance/seedance-2.5/reference-to-video/720p": (
        "bytedance_seedance_2_5_reference_to_video_720p"
    ),
    "bytedance/seedance-2.5/text-to-video/1080p": "bytedance_seedance_2_5_text_to_video_1080p",
    "bytedance/seedance-2.5/text-to-video/480p": "bytedance_seedance_2_5_text_to_video_480p",
    "bytedance/seedance-2.5/text-to-video/4k": "bytedance_seedance_2_5_text_to_video_4k",
    "bytedance/seedance-2.5/text-to-video/720p": "bytedance_seedance_2_5_text_to_video_720p",
    "bytedance/seedream-5.0-pro/image-to-image": "bytedance_seedream_5_0_pro_image_to_image",
    "bytedance/seedream-5.0-pro/text-to-image": "bytedance_seedream_5_0_pro_text_to_image",
    "elevenlabs/elevenlabs/music-generation": "elevenlabs_elevenlabs_music_generation",
    "google/gemini-omni-flash/image-to-video": "google_gemini_omni_flash_image_to_video",
    "google/gemini-omni-flash/text-to-video": "google_gemini_omni_flash_text_to_video",
    "google/gemini-omni-flash/video-edit": "google_gemini_omni_flash_video_edit",
    "google/nano-banana-2-lite/edit": "google_nano_banana_2_lite_edit",
    "google/nano-banana-2-lite/text-to-image": "google_nano_banana_2_lite_text_to_image",
    "happyhorse/happyhorse-1.0/reference-to-video": "happyhorse_happyhorse_1_0_reference_to_video",
    "happyhorse/happyhorse-1.0/text-to-video": "happyhorse_happyhorse_1_0_text_to_video",
    "ideogram-ai/ideogram-v4/text-to-image": "ideogram_ai_ideogram_v4_text_to_image",
    "kling/kling-3.0/4k/image-to-video": "kling_kling_3_0_4k_image_to_video",
    "kling/kling-3.0/4k/text-to-video": "kling_kling_3_0_4k_text_to_video",
    "kling/kling-3.0/pro/image-to-video": "kling_kling_3_0_pro_image_to_video",
    "kling/kling-3.0/pro/text-to-video": "kling_kling_3_0_pro_text_to_video",
    "kling/kling-3.0/standard/image-to-video": "kling_kling_3_0_standard_image_to_video",
    "kling/kling-video-o3/4K/reference-to-video": "kling_kling_video_o3_4k_reference_to_video",
    "kling/kling-video-o3/4K/text-to-video": "kling_kling_video_o3_4k_text_to_video",
    "kling/kling-video-o3/pro/image-to-video": "kling_kling_video_o3_pro_image_to_video",
    "kling/kling-video-o3/pro/reference-to-video": "kling_kling_video_o3_pro_reference_to_video",
    "kling/kling-video-o3/pro/text-to-video": "kling_kling_video_o3_pro_text_to_video",
    "kling/kling-video-o3/pro/video-to-video": "kling_kling_video_o3_pro_video_to_video",
    "kling/kling-video-o3/standard/image-to-video": "kling_kling_video_o3_standard_image_to_video",
    "kling/kling-video-o3/standard/reference-to-video": (
        "kling_kling_video_o3_standard_reference_to_video"
    ),
    "kling/kling-video-o3/standard/text-to-video": "kling_kling_video_o3_standard_text_to_video",
    "kling/kling-video-o3/standard/video-to-video": "kling_kling_video_o3_standard_video_to_video",
    "lightricks/ltx-2.5/audio-to-video/pro": "lightricks_ltx_2_5_audio_to_video_pro",
    "lightricks/ltx-2.5/image-to-video/fast": "lightricks_ltx_2_5_image_to_video_fast",
    "lightricks/ltx-2.5/image-to-video/pro": "lightricks_ltx_2_5_image_to_video_pro",
    "lightricks/ltx-2.5/text-to-video/fast": "lightricks_ltx_2_5_text_to_video_fast",
    "lightricks/ltx-2.5/text-to-video/pro": "lightricks_ltx_2_5_text_to_video_pro",
    "minimax/minimax-h3-max/reference-to-video": "minimax_minimax_h3_max_reference_to_video",
    "minimax/minimax-h3-max/text-to-video": "minimax_minimax_h3_max_text_to_video",
    "minimax/minimax-h3-open/image-to-video": "minimax_minimax_h3_open_image_to_video",
    "minimax/minimax-h3-open/text-to-video": "minimax_minimax_h3_open_text_to_video",
    "openai/gpt-image-2.5/flare/edit": "openai_gpt_image_2_5_flare_edit",
    "openai/gpt-image-2.5/flare/text-to-image": "openai_gpt_image_2_5_flare_text_to_image",
    "openai/gpt-image-2.5/sunburst/edit": "openai_gpt_image_2_5_sunburst_edit",
    "openai/gpt-image-2.5/sunburst/text-to-image": "openai_gpt_image_2_5_sunburst_text_to_image",
    "openai/gpt-image-2/text-to-image": "openai_gpt_image_2_text_to_image",
    "pixverse/pixverse-c1/image-to-video": "pixverse_pixverse_c1_image_to_video",
    "pixverse/pixverse-c1/text-to-video": "pixverse_pixverse_c1_text_to_video",
    "pixverse/pixverse-c1/transition": "pixverse_pixverse_c1_transition",
    "pixverse/pixverse-v6/extend": "pixverse_pixverse_v6_extend",
    "pixverse/pixverse-v6/image-to-video": "pixverse_pixverse_v6_image_to_video",
    "pixverse/pixverse-v6/reference-to-video": "pixverse_pixverse_v6_reference_to_video",
    "pixverse/pixverse-v6/text-to-video": "pixverse_pixverse_v6_text_to_video",
    "qwen/qwen-image-2.1/edit": "qwen_qwen_image_2_1_edit",
    "qwen/qwen-image-2.1/text-to-image": "qwen_qwen_image_2_1_text_to_image",
    "qwen/qwen-image-3.0/pro/edit": "qwen_qwen_image_3_0_pro_edit",
    "qwen/qwen-image-3.0/pro/text-to-image": "qwen_qwen_image_3_0_pro_text_to_image",
    "runwayml/runway-aleph-2/video-to-video": "runwayml_runway_aleph_2_video_to_video",
    "runwayml/runway-gen-3-alpha/turbo/image-to-video": (
        "runwayml_runway_gen_3_alpha_turbo_image_to_video"
    ),
    "wan-ai/wan-2.7/edit": "wan_ai_wan_2_7_edit",
    "wan-ai/wan-2.7/image-to-video": "wan_ai_wan_2_7_image_to_video",
    "wan-ai/wan-2.7/pro/edit": "wan_ai_wan_2_7_pro_edit",
    "wan-ai/wan-2.7/pro/text-to-image": "wan_ai_wan_2_7_pro_text_to_image",
    "wan-ai/wan-2.7/reference-to-video": "wan_ai_wan_2_7_reference_to_video",
    "wan-ai/wan-2.7/text-to-video": "wan_ai_wan_2_7_text_to_video",
    "wan-ai/wan-3.0-prime/text-to-video": "wan_ai_wan_3_0_prime_text_to_video",
    "wan-ai/wan-3.0/reference-to-video": "wan_ai_wan_3_0_reference_to_video",
    "wan-ai/wan-3.0/text-to-video": "wan_ai_wan_3_0_text_to_video",
}
