"""Subscribe messages: a mini-program's message templates, each person's one-time consents to
them, and sending one into the person's "Service Notifications" chat. Docs:
docs/open-platform/subscribe-messages.md."""
