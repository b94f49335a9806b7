"""Configuration from the environment (``PLAZA_*`` variables, or a ``.env`` file).

Every default is the embedded one: an SQLite file and media under ``var/``,
an in-process rate limiter, the development SMS gateway.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends, Request
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_SECRET_KEY = "plaza-dev-secret-do-not-use-in-production"  # noqa: S105


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


class SmsGatewayKind(StrEnum):
    DEV = "dev"
    WEBHOOK = "webhook"


class BankConnectorKind(StrEnum):
    SANDBOX = "sandbox"


class Settings(BaseSettings):
    """Plaza's settings; each field is one ``PLAZA_<NAME>`` variable."""

    model_config = SettingsConfigDict(env_prefix="PLAZA_", env_file=".env", extra="ignore")

    env: Environment = Field(
        Environment.DEV,
        description="dev shows sign-in codes on /dev/outbox; prod requires a real secret key.",
    )
    database_url: str = Field(
        "sqlite+aiosqlite:///var/plaza.db",
        description="SQLAlchemy URL: sqlite+aiosqlite:///path or postgresql+asyncpg://...",
    )
    redis_url: str | None = Field(
        None, description="Redis for rate limits shared between nodes; unset = in-process."
    )
    broker_url: str = Field(
        "memory://",
        description="Fan-out between nodes: memory:// (one process) or redis://host:6379/0.",
    )
    media_dir: Path = Field(Path("var/media"), description="Where uploaded media is stored.")
    miniapp_dir: Path | None = Field(
        None,
        description="Where mini-program packages are unpacked; unset: 'miniapps' beside "
        "media_dir (never inside it, as the host's origin serves media).",
    )
    web_dir: Path = Field(
        REPO_ROOT / "web" / "dist", description="The built web client served at /."
    )
    miniapp_origin: str = Field(
        "http://{app_id}.apps.localhost",
        pattern=r"^https?://\{app_id\}(\.[a-z0-9-]+)+(:[0-9]{1,5})?$",
        description="Each mini-program's own origin, {app_id} its first label "
        "(https://{app_id}.apps.example.org); the same process serves it, routed by Host. "
        "Without a port: the port Plaza is reached at. Browsers resolve *.localhost to "
        "loopback, so the default needs no DNS.",
    )
    public_origin: str | None = Field(
        None,
        pattern=r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$",
        description="The origin people open Plaza at (https://plaza.example.org), the only "
        "page allowed to frame mini-programs; unset: http://localhost and http://127.0.0.1 "
        "on the port a mini-program is requested at.",
    )
    secret_key: SecretStr = Field(
        SecretStr(DEV_SECRET_KEY), description="Keys the hashes of sign-in codes."
    )
    node_id: int | None = Field(
        None, ge=0, le=1023, description="This node's part of every id (0-1023); random if unset."
    )
    pin_threads: int | None = Field(
        None,
        ge=1,
        description="Payment-PIN checks (argon2, 8 MiB each) one process runs at once; unset: "
        "the machine's cores, shared among the workers of `plaza serve --workers`.",
    )
    sms_gateway: SmsGatewayKind = Field(
        SmsGatewayKind.DEV, description="dev logs codes; webhook POSTs them to sms_webhook_url."
    )
    sms_webhook_url: str | None = Field(
        None, description="Receives {to, text} as JSON when sms_gateway=webhook."
    )
    chat_send_limit: int = Field(
        100, ge=1, description="Messages one account may send per 10 seconds (then 429)."
    )
    wallet_currency: str = Field(
        "CNY", pattern=r"^[A-Z]{3}$", description="The deployment's currency (ISO 4217)."
    )
    wallet_daily_limit: Decimal = Field(
        Decimal("50000.00"),
        gt=0,
        description="Most a person may pay out in one day (transfers, envelopes, shops, "
        "withdrawals), in major units.",
    )
    wallet_no_pin_limit: Decimal = Field(
        Decimal("1000.00"),
        ge=0,
        description="Payment codes up to this amount are charged without the payer's PIN.",
    )
    wallet_timezone: str = Field(
        "Asia/Shanghai",
        description="IANA time zone whose midnight starts a wallet day and a statement month.",
    )
    bank_connector: BankConnectorKind = Field(
        BankConnectorKind.SANDBOX,
        description="The bank that money enters and leaves through; sandbox is a pretend bank "
        "inside Plaza (docs/subsystems/wallet.md).",
    )
    sandbox_bank_delay_seconds: float = Field(
        2, ge=0, description="How long the sandbox bank takes to settle a top-up or withdrawal."
    )
    background_jobs: bool = Field(
        True,
        description="Run the scheduled sweeps (expired transfers and envelopes, the sandbox "
        "bank, reconciliation) in this process. Tests turn them off and run sweeps themselves.",
    )
    webhooks_to_private_networks: bool | None = Field(
        None,
        description="Let webhooks and payment notifications reach loopback and private-network "
        "addresses (a developer's server beside Plaza). Unset: allowed except in prod, where a "
        "notify URL must not make Plaza post into its own network.",
    )
    log_level: str = Field("INFO", description="Python log level name.")
    host: str = Field("127.0.0.1", description="Where `plaza serve` listens.")
    port: int = Field(8000, description="Port for `plaza serve`.")

    @field_validator("wallet_timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {name!r}") from exc
        return name

    @cached_property
    def wallet_zone(self) -> ZoneInfo:
        return ZoneInfo(self.wallet_timezone)

    @property
    def webhooks_reach_private_networks(self) -> bool:
        if self.webhooks_to_private_networks is not None:
            return self.webhooks_to_private_networks
        return self.env is not Environment.PROD

    @property
    def allows_loopback_server_domains(self) -> bool:
        """Mini-programs may declare loopback server domains (a developer's backend on their
        own machine) everywhere but in production."""
        return self.env is not Environment.PROD

    @cached_property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def problems(self) -> list[str]:
        """What makes this configuration unsafe or unusable."""
        found: list[str] = []
        if self.env is Environment.PROD and self.secret_key.get_secret_value() == DEV_SECRET_KEY:
            found.append("PLAZA_SECRET_KEY must be set to a long random value in prod")
        if self.env is Environment.PROD and self.sms_gateway is SmsGatewayKind.DEV:
            found.append("PLAZA_SMS_GATEWAY=dev cannot deliver codes in prod; use webhook")
        if self.sms_gateway is SmsGatewayKind.WEBHOOK and not self.sms_webhook_url:
            found.append("PLAZA_SMS_WEBHOOK_URL is required when PLAZA_SMS_GATEWAY=webhook")
        return found


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_settings)]
