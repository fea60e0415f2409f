# Generated from generator/runtime/testing/files.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Small but real output files the emulator serves: a PNG, a WAV and an MP4.

The image and sound are made on first use with Pillow and the standard library; the
video is a 64x48, two-second H.264 clip made once with ffmpeg and kept here as base64,
since nothing in the runtime's dependencies can encode video.
"""

from __future__ import annotations

import base64
import io
import wave
from functools import cache
from typing import Literal

from PIL import Image

__all__ = ["OutputKind", "output_file", "output_kind", "output_names"]

OutputKind = Literal["image", "video", "audio"]

_MP4 = (
    "AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDEAAAcYbW9vdgAAAGxtdmhkAAAAAAAAAAAAAAAAAAAD6AAA"
    "B9AAAQAAAQAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAwAAA6J0cmFrAAAAXHRraGQAAAADAAAAAAAAAAAAAAABAAAAAAAAB9AAAAAAAAAAAAAA"
    "AAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAEAAAAAwAAAAAAAkZWR0cwAAABxlbHN0"
    "AAAAAAAAAAEAAAfQAAAIAAABAAAAAAMabWRpYQAAACBtZGhkAAAAAAAAAAAAAAAAAAAoAAAAUABVxAAAAAAALWhk"
    "bHIAAAAAAAAAAHZpZGUAAAAAAAAAAAAAAABWaWRlb0hhbmRsZXIAAAACxW1pbmYAAAAUdm1oZAAAAAEAAAAAAAAA"
    "AAAAACRkaW5mAAAAHGRyZWYAAAAAAAAAAQAAAAx1cmwgAAAAAQAAAoVzdGJsAAAAwXN0c2QAAAAAAAAAAQAAALFh"
    "dmMxAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAEAAMABIAAAASAAAAAAAAAABDExhdmMgbGlieDI2NAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAGP//AAAAN2F2Y0MBZAAK/+EAGWdkAAqscgREewEQAAADABAAAAMBQPEiWEYBAAdo6EOBNLIs"
    "/fj4AAAAABBwYXNwAAAAAQAAAAEAAAAUYnRydAAAAAAAABRMAAAUTAAAABhzdHRzAAAAAAAAAAEAAAAUAAAEAAAA"
    "ABRzdHNzAAAAAAAAAAEAAAABAAAAYGN0dHMAAAAAAAAACgAAAAEAAAgAAAAAAQAAKAAAAAABAAAQAAAAAAMAAAAA"
    "AAAABAAABAAAAAABAAAoAAAAAAEAABAAAAAAAwAAAAAAAAAEAAAEAAAAAAEAAAgAAAAAfHN0c2MAAAAAAAAACQAA"
    "AAEAAAABAAAAAQAAAAIAAAACAAAAAQAAAAMAAAABAAAAAQAAAAYAAAACAAAAAQAAAAcAAAABAAAAAQAAAAoAAAAC"
    "AAAAAQAAAAsAAAABAAAAAQAAAA0AAAACAAAAAQAAAA4AAAABAAAAAQAAAGRzdHN6AAAAAAAAAAAAAAAUAAADqQAA"
    "AEoAAAAMAAAADAAAAAwAAAAMAAAADAAAAAwAAAAMAAAADAAAAEUAAAAMAAAADQAAAA0AAAANAAAADQAAAA0AAAAN"
    "AAAADQAAABQAAABQc3RjbwAAAAAAAAAQAAAHSAAAC88AAA0GAAANjQAADf0AAA5uAAAO7AAAD1oAAA/HAAAQewAA"
    "EPcAABFqAAAR4QAAEmIAABLaAAATVQAAAsV0cmFrAAAAXHRraGQAAAADAAAAAAAAAAAAAAACAAAAAAAAB9AAAAAA"
    "AAAAAAAAAAEBAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAkZWR0cwAA"
    "ABxlbHN0AAAAAAAAAAEAAAfQAAAEAAABAAAAAAI9bWRpYQAAACBtZGhkAAAAAAAAAAAAAAAAAAAfQAAAQoBVxAAA"
    "AAAALWhkbHIAAAAAAAAAAHNvdW4AAAAAAAAAAAAAAABTb3VuZEhhbmRsZXIAAAAB6G1pbmYAAAAQc21oZAAAAAAA"
    "AAAAAAAAJGRpbmYAAAAcZHJlZgAAAAAAAAABAAAADHVybCAAAAABAAABrHN0YmwAAAB+c3RzZAAAAAAAAAABAAAA"
    "bm1wNGEAAAAAAAAAAQAAAAAAAAAAAAIAEAAAAAAfQAAAAAAANmVzZHMAAAAAA4CAgCUAAgAEgICAF0AVAAAAAAAf"
    "vwAAH78FgICABRWIVuUABoCAgAECAAAAFGJ0cnQAAAAAAAAfvwAAH78AAAAgc3R0cwAAAAAAAAACAAAAEAAABAAA"
    "AAABAAACgAAAAChzdHNjAAAAAAAAAAIAAAABAAAAAQAAAAEAAAAQAAAAAgAAAAEAAABYc3RzegAAAAAAAAAAAAAA"
    "EQAAAN4AAADhAAAAewAAAGQAAABlAAAAZgAAAGIAAABhAAAAbwAAAGMAAABmAAAAagAAAGcAAABrAAAAbgAAALUA"
    "AACvAAAAUHN0Y28AAAAAAAAAEAAACvEAAAwlAAANEgAADZkAAA4JAAAOhgAADvgAAA9mAAAQDAAAEJQAABEEAAAR"
    "dwAAEfsAABJvAAAS5wAAE2kAAAAac2dwZAEAAAByb2xsAAAAAgAAAAH//wAAABxzYmdwAAAAAHJvbGwAAAABAAAA"
    "EQAAAAEAAAA9dWR0YQAAADVtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABtZGlyYXBwbAAAAAAAAAAAAAAAAAhpbHN0"
    "AAAACGZyZWUAAA2NbWRhdAAAAq4GBf//qtxF6b3m2Ui3lizYINkj7u94MjY0IC0gY29yZSAxNjQgcjMwOTUgYmFl"
    "ZTQwMCAtIEguMjY0L01QRUctNCBBVkMgY29kZWMgLSBDb3B5bGVmdCAyMDAzLTIwMjIgLSBodHRwOi8vd3d3LnZp"
    "ZGVvbGFuLm9yZy94MjY0Lmh0bWwgLSBvcHRpb25zOiBjYWJhYz0xIHJlZj0xNiBkZWJsb2NrPTE6MDowIGFuYWx5"
    "c2U9MHgzOjB4MTMzIG1lPXVtaCBzdWJtZT0xMCBwc3k9MSBwc3lfcmQ9MS4wMDowLjAwIG1peGVkX3JlZj0xIG1l"
    "X3JhbmdlPTI0IGNocm9tYV9tZT0xIHRyZWxsaXM9MiA4eDhkY3Q9MSBjcW09MCBkZWFkem9uZT0yMSwxMSBmYXN0"
    "X3Bza2lwPTEgY2hyb21hX3FwX29mZnNldD0tMiB0aHJlYWRzPTEgbG9va2FoZWFkX3RocmVhZHM9MSBzbGljZWRf"
    "dGhyZWFkcz0wIG5yPTAgZGVjaW1hdGU9MSBpbnRlcmxhY2VkPTAgYmx1cmF5X2NvbXBhdD0wIGNvbnN0cmFpbmVk"
    "X2ludHJhPTAgYmZyYW1lcz04IGJfcHlyYW1pZD0yIGJfYWRhcHQ9MiBiX2JpYXM9MCBkaXJlY3Q9MyB3ZWlnaHRi"
    "PTEgb3Blbl9nb3A9MCB3ZWlnaHRwPTIga2V5aW50PTIwIGtleWludF9taW49MiBzY2VuZWN1dD00MCBpbnRyYV9y"
    "ZWZyZXNoPTAgcmNfbG9va2FoZWFkPTIwIHJjPWNyZiBtYnRyZWU9MSBjcmY9NDUuMCBxY29tcD0wLjYwIHFwbWlu"
    "PTAgcXBtYXg9NjkgcXBzdGVwPTQgaXBfcmF0aW89MS40MCBhcT0xOjEuMDAAgAAAAPNliIEAf3GIg1/qPx2l4AzX"
    "j0PVI35J+CCrOKfDqW1GNfG7w6IhqIfJz9wMX2h9GgmSkaI1JpQMpjCnF48hCfh4ugrgzpnWVW5sTvUIw5LQ5tjs"
    "seLI9IIsm2kASixc7b9XbUzjFgDUPUKMn2KnaK9SY1EI69iwndQ/+/1YILL7mZkjNnuYoxbuM/TtFnqFs6WLqA7z"
    "7WcjdGyJBBZj5mKZOuX9Go+6MFi2tgsHM5l3QfYoiW5F1KWBaNmhURLtyhO0hOH1w8dTzSujCMbMER7t96BeoM2r"
    "lXlqWqmQGtTrne9XwppwtLfT6dUkTOP0QfUjQBEBHFKpaaN3WftH2+JKu5aJEiRIkkG1bTtW07VtO1cZ2rjO1bTP"
    "TtinbFYdq2nauM7VxnKspyracq2mxYnHYnKspCBCBCBCJKMlGVRlUpkrSmuuV1d25gbsUoEoGBgYGBjZuWWWWWWU"
    "3LLLLLLKblllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll"
    "llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll4AAABGQZoJLYk/i6tX"
    "//lxUXsel6vCzkWirF+DP9rLcsxQgGR2EDndnMj/7QiexX2XtNanuPufBrHeHEqmM9mObLSJ1n9N2bvgsAAAAAhB"
    "nhCHER+3gQEAnNk9FUS6GUS7F2S+fb5//i/8/16441q5H/T9P/w/8/x5483qXWf9Pz/6f/P11xxfVak/9Pz/6f/f"
    "661xxpdJl0Yo8DLoxJxy6MUeGmZsMVzTTLmXM800yWaNll+Q/XguwQOEownWc6KqjGNQaOiiOg3QOoUG6DdU9FFY"
    "UrZsi3tmzYR30i4RtEuL7J7COzZsivyJHBWXMs52I885znUpUalKnnnnnnVOqdU6p5551CdSlTzzzzzqN9G+iil+"
    "dS9aUOxz42uwb4ncPwU51Q83NOqefmn5vkqciQg6PlsUOAAAAAgBnhgmiM+7gAES8ori5mVnPPf5/6f/brXHF6ly"
    "5darS974qooD3IP/AGfQD/GYD30A/wA6E+4Ie/vohA+AHfcB/4MHfcg/8NhPuQP8Nge5A+bMB76APjME++gwkv4e"
    "I/jHEFP4+E7+I8n2P4eJH+PhLBjAEgxAgEQiAATCoWDbEAlMBwAAAAgBnhhGiM+7gQECMofmf6f0/XPtrv9P/+X/"
    "/G9a313f19uePr9v5/t9R4RnXigV/7v3qKb97fvJKb1N5SmhTfv3777999+/fewVDOEt+/fvoCAXDUFgqFgoAEQg"
    "FwmAKhIAIhAATCYUAFAAgA4AAAAIAZ4YZojPu4EA/DKEIBFCEG7f+N+q5/T//R//Lq+N4+73ycfP6/x9cPXfVSoB"
    "pWPT/anp/sSi9L0+kkwk4GBgYGZA2DIGBgbFgqG0LRFAQCYTCwVCoSCQSiEQBMAWCgSAC4AmEwsFgzwCIpcBwAAA"
    "AAgBnhitSM+7gQAAAAgBnhjNSM+7gQD+Mofmfz/b98+Wev/8P/893x40n3+e+Pj9v+f+nxxXeXOdd0C/DZsVW2bO"
    "lthSI2bGzog3bNmzZHZHZs2bNlgsGcKbNmzZQEQuGwLGzZ5QsAJBIEwiFgBnCoSCQIgAEwqAJABEBwAAAAgBnhjt"
    "SM+7gAD+Mofmfv/H4z9vPf6f/8v/+N3px6+q8ZrXz/j+PMvvLb0oFob96im/fTfvKN+9feUpdTfv377773377rDf"
    "a4sGKAoCITC4WCwZwoAEAuFwyACgWAEgQAFwmFQsG2IREpgOAAAACAGeGQ1Iz7uAAQIyh+Z+v2/Xn1t9v/9f/896"
    "1vM1+PnnXx+n+f7/enrOCd0C0BJXVqrDUVgPz/sdUX4/21atWrVq1atWrVMKhUJatRQEAuGYLBrCgZwRCARAFwBY"
    "KBQALgC4YwsAKABABwAAAEFBmhpJNQIC0TKYEZ+hL7JaFTVxO6WiH8xYequGlZB3p8ldtRHq7iIE6C2rFPHTm0EF"
    "PqQpo3hl7wFnWBFXyrZJeQD+MonDd/P9v8d/bz3+f/9X/8+r139fn6zN37fn/b/j9dzvnV89VQAX5/T6BA+n0+jo"
    "WAmWj6Dd9AIAQ7fpr+muiiga6KKJjZ+GzYWDLEUBAJhMMgekJBlBEAQAFwBUJBQEAiAJhjCQZQrAIilwHAAAAAhB"
    "niGlxEe3gAAAAAkBnilFojP/u4AA/jKH5n8/0/Xv347/T//l//xu+L53f4+2Tz9v9P6e013uUbgJ79+9Y376BJTe"
    "vvKUupv37999+9v37989++6wVCnbfv30BELhcLhpCgUACIaAwBUAUCgAQCAAmFQqAJABEBwAAAAJAZ4pZaIz/7uB"
    "AP4yh+Z/j+n68+r8eP/8P/8961nHj4zfOvr+P+f9fa3irqUgK11akldWqsKkuWrUrqauqLlq1atUNWpq1atUw9IW"
    "DFAUBEJhqC5q1e6AygCgIhMJhUAZQqEgQC4ABUASC0QiJYQHAAAACQGeKYWiM/+7gQECMoVIQbv3/T9+fGZ+n/+j"
    "/+e9a8deNfv+lTX2/f9vq7+d9TxrICsRV/L+X8rR1m2I8fjJMxCEhISElQkJShISEnJhUKhL6fy/l/KgSzBcJhcL"
    "BUAUCQLgCYAqFgkFIBEAXCoWAFAAgA4AAAAJAZ4pzJIz/7uBAAAACQGeKeySM/+7gAEAMofmf6f6/43+3t4/T//l"
    "//xvWtb8fh6318f0/5/6fVu6kKArHfvWU376U3lKb96m8pTApv3797fe+/fvpj3797yhYMsRQEAwhsC4WCwUCgIB"
    "EATAG0KAiKAzAC4VAEgrAIimABwAAAAJAZ4qDJIz/7uAAP4yh+Z/p/T8b9Vv3//wf/z3xe/b36+Psnn8/z/T9eWZ"
    "WjkC+rVqZ2rVqlXUYoNTVqaoIuWrVq1atWrVq1atVRq//q1FQpXVq1UCmgMAXC4VCoVgKQCAQCYWAEgkFAoDAAJh"
    "pCoUCQARAcAAAAAJAZ4qLJIz/7uBAPwyicd38/x+N/bjx+n//L//jqcZfj769/HX3/j/H9faX63pzxUADXn9PoDh"
    "576XvPAJxeeDHgEpuCfo99HnnmMeeeZohuwsGbsdWiQIhiDAGmFwyBMEBIGMKhYAXCQSBEIgCgaYWCYWiERPEA4A"
    "AAAQQZoqabUCAtrRMpgBGf+NgAE2MpOkgUqt7/7f9fa7lySSSSJERAMRtwMRtwMRtwMD24GB7YhiNYhQ8s7LsO4h"
    "ge2IYHtiFD1wKHtiFD1iFD1iFD1iFD1iFD1iFD1iFD1iFD1iFB6wBQesAUHrAFB6wBQesAUHrAFB6wBw9YAoPWAK"
    "+Y+w+Y+w+Y+w+Y+w+Y+w+Y+w+Y+yfmf7J+Z/sn5n+yfmf7J3n2p+Z/snef7J3n2p3n+yd59o3n2p3n2p3janefan"
    "efgBPjKL5lFVVe/r8dXd3JJJEkiRBA7C+27C+27C+27C+27C+3nhyNgPv/AzkG85ZDOw5DOw5DZ4chs5ZDZyyGzl"
    "kNnLIbOWQ2cvg2cshvcvg2cshs5fBvcshvcvg3uXwb3L4N7l8G9y+De4+B7l8G9x8D3m+E+5/ge4+B7j4HuPhPuf"
    "4T7n+E+5/hPuf4T7n+E+58ydB8ydB8ydB8ydB8ydB8ydB8ydB8ydB8ydB83A"
)


def output_kind(model_id: str) -> OutputKind:
    """What a model makes, judged from its id (``...-to-video``, ``.../audio-...``)."""
    tail = model_id.rsplit("/", 1)[-1].lower()
    for kind in ("video", "audio"):
        if kind in tail.split("-to-")[-1] or tail.startswith(kind):
            return kind
    return "image"


@cache
def output_file(kind: OutputKind) -> tuple[str, str, bytes]:
    """``(extension, media type, bytes)`` of the file served for ``kind``."""
    if kind == "video":
        return "mp4", "video/mp4", base64.b64decode("".join(_MP4))
    buffer = io.BytesIO()
    if kind == "audio":
        with wave.open(buffer, "wb") as sound:
            sound.setnchannels(1)
            sound.setsampwidth(2)
            sound.setframerate(8000)
            sound.writeframes(bytes(2 * 8000))  # one second of silence
        return "wav", "audio/wav", buffer.getvalue()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buffer, "PNG")
    return "png", "image/png", buffer.getvalue()


def output_names(kind: OutputKind, count: int) -> list[str]:
    """The file names a job making ``count`` outputs serves: ``output.png``, or
    ``output-1.png`` to ``output-N.png``."""
    extension = output_file(kind)[0]
    if count == 1:
        return [f"output.{extension}"]
    return [f"output-{n}.{extension}" for n in range(1, count + 1)]
