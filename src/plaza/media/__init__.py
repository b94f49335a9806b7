"""Uploads and images: validation, re-encoding, thumbnails and storage.
Docs: docs/subsystems/media.md."""
