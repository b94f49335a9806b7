"""Contacts: finding people, friend requests, friends with remarks and tags, blocks,
privacy and the QR code that adds you. Docs: docs/subsystems/contacts.md."""
