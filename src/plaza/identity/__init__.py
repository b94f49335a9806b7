"""Accounts, phone sign-in, sessions and devices, profiles. Docs: docs/subsystems/identity.md."""
