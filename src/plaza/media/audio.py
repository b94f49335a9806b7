"""Voice notes: whatever the browser recorded (WebM/Opus, MP4/AAC, Ogg, WAV) is
transcoded to AAC in an MP4 container, which every browser plays, and measured.

ffmpeg comes from the imageio-ffmpeg wheel; nothing is downloaded at run time.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg

from plaza.media.errors import AudioUnsupported

VOICE_BITRATE = "48k"
TRANSCODE_TIMEOUT_SECONDS = 60
_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)")


@dataclass(frozen=True, slots=True)
class Voice:
    path: Path
    duration_ms: int


def _ffmpeg(*args: str) -> subprocess.CompletedProcess[str]:
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", *args]
    return subprocess.run(  # noqa: S603 (a fixed binary and our own arguments)
        command, capture_output=True, text=True, timeout=TRANSCODE_TIMEOUT_SECONDS, check=False
    )


def transcode_voice(source: Path, target: Path) -> Voice:
    """AAC/MP4 of the audio in ``source``, with its duration. Blocking: use a thread."""
    converted = _ffmpeg(
        "-v", "error", "-y", "-i", str(source), "-vn", "-map_metadata", "-1",
        "-c:a", "aac", "-b:a", VOICE_BITRATE, "-ac", "1", "-f", "mp4", str(target),
    )  # fmt: skip
    if converted.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        target.unlink(missing_ok=True)
        raise AudioUnsupported(field="file")
    probe = _ffmpeg("-i", str(target))  # exits 1 (no output given) after printing the header
    found = _DURATION.search(probe.stderr)
    if found is None:
        target.unlink(missing_ok=True)
        raise AudioUnsupported(field="file")
    hours, minutes, seconds = found.groups()
    duration = (int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000
    return Voice(path=target, duration_ms=round(duration))
