"""The mini-program runtime's server side: each mini-program's released files served from
an origin of its own, with a per-app Content Security Policy, and the directory entry the
host uses to frame it. Docs: docs/subsystems/miniapps.md, "Runtime origins"."""
