"""Python tools for Plaza's open platform."""
