"""The open mini-program platform's developer console: developers, mini-programs, their
uploaded versions, testers and the platform's review. Docs: docs/subsystems/miniapps.md."""
