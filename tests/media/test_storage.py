"""Local media storage: a copy is a file of its own under its own key."""

from __future__ import annotations

from pathlib import Path

from plaza.media.storage import LocalMediaStorage


async def test_a_copy_outlives_the_original_and_is_not_overwritten_with_it(
    tmp_path: Path,
) -> None:
    storage = LocalMediaStorage(tmp_path)
    await storage.put("uploads/1/a/original.webp", b"first")
    await storage.copy("uploads/1/a/original.webp", "moments/1/b/1.webp")
    await storage.put("uploads/1/a/original.webp", b"second")
    copy = storage.local_path("moments/1/b/1.webp")
    assert copy is not None
    assert copy.read_bytes() == b"first"

    await storage.delete("uploads/1/a/original.webp")
    assert storage.local_path("uploads/1/a/original.webp") is None
    assert copy.read_bytes() == b"first"
    await storage.delete("moments/1/b/1.webp")
    assert storage.local_path("moments/1/b/1.webp") is None
