"""Shared building blocks every domain uses: database, ids, money, time, errors."""
