"""Which bank this deployment uses (``PLAZA_BANK_CONNECTOR``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import BankConnectorKind, Settings
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.sandbox import SandboxBank


def connector_for(session: AsyncSession, settings: Settings) -> BankConnector:
    """The configured bank. The sandbox keeps its books in Plaza's database, so it works in
    the caller's transaction; a real bank's adapter would ignore the session."""
    match settings.bank_connector:
        case BankConnectorKind.SANDBOX:
            return SandboxBank(session, settings)
