"""Signed webhooks to developers' servers, sent from an outbox after commit.

Docs: docs/subsystems/webhooks.md.
"""
