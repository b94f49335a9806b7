"""Official accounts talking with their followers: each follower's chat with the account,
the custom menu, keyword auto-replies, the operator's inbox with its 48-hour reply window,
the account's webhook, and service broadcasts posted into followers' chats. Docs:
docs/subsystems/official-messaging.md."""
