"""The Open API: what a mini-program's own server calls (``/open/...``), and the host-side
routes that hand a signed-in person's one-time codes to a mini-program. Docs:
docs/open-platform/."""
