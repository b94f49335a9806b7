"""Conversations, members and messages: 1:1 and groups, sequence numbers, history,
read positions, recall. Docs: docs/subsystems/chat.md."""
