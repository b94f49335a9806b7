"""Official accounts: organisations apply, platform admins verify, people follow; the account
publishes articles in broadcasts (a subscription account's land in the follower's
Subscriptions folder, a service account's in their chat list). Messaging with followers
(menus, auto-replies, inbox, webhook) lives in ``official.messaging``. Docs:
docs/subsystems/official.md."""
