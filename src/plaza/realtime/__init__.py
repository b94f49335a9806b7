"""Real-time delivery: each account's event inbox, the broker between nodes and the
WebSocket gateway. Docs: docs/subsystems/realtime.md."""
