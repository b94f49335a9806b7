"""Money: the double-entry ledger every movement goes through. Docs: docs/subsystems/wallet.md."""
