"""The generated models' base classes: what a user sees when printing an input."""

from __future__ import annotations

from runcomfy_models.models import blackforestlabs_flux_3_image_to_video_draft as draft
from runcomfy_models.models import bytedance_seedance_2_0_fast as seedance
from tests.support.media_files import image, wav


def test_a_long_data_uri_is_shortened_in_the_repr_not_in_the_request() -> None:
    png = image("PNG", 4, 4) + b"\0" * 3_000_000
    made = draft.Input(prompt="a cat", image_url=png)
    shown = repr(made)
    assert len(shown) < 400
    assert "prompt='a cat'" in shown
    assert "image_url=<data:image/png;base64, 4,000," in shown
    assert len(made.to_request()["image_url"]) > 4_000_000  # the request keeps it whole
    listed = repr(seedance.Input(prompt="x", audios=[wav(1.0), "https://x/y.wav"]))
    assert "audios=[<data:audio/wav;base64, " in listed
    assert "'https://x/y.wav']" in listed
    short = "data:image/png;base64,iVBORw0KGgo="
    assert repr(short) in repr(draft.Input(prompt="x", image_url=short))  # short ones whole
