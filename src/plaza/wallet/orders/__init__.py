"""Mini-program payments, WeChat Pay v3 shaped: a mini-program's server creates an order
for a person (by openid), the person pays it in the host's payment sheet with their PIN,
the server is notified, and refunds go back by ``out_refund_no``. Money moves through the
wallet ledger into the mini-program's takings. Docs: docs/open-platform/payments.md and
docs/subsystems/wallet.md ("Mini-program payments")."""
