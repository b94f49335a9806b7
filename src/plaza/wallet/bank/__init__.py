"""Money in and out of Plaza through a bank: linked cards, top-ups and withdrawals."""
