from __future__ import annotations

from pydantic import Field

from plaza.kit.schemas import Schema


class WebhookKey(Schema):
    key_id: str = Field(description="The key's fingerprint; it changes when the key does.")
    algorithm: str = Field(description="Always Ed25519.", examples=["Ed25519"])
    public_key: str = Field(description="The raw 32-byte Ed25519 public key, base64.")
