"""Shops: merchant accounts, receive QR codes, and payment codes at the till."""
