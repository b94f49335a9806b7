"""Red envelopes: money shared out in a chat, in equal or lucky shares."""
