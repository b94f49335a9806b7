"""Moments: friends' posts with photos, likes and comments, privacy, and 24-hour statuses."""
