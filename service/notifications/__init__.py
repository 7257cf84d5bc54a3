"""Notifications: alerts and digests to staff by e-mail and webhook, through an outbox, at least once.

`outbox` stores messages, `delivery` sends the due ones, `channels` speaks SMTP and HTTP, and
`alert_messages` turns the day's alerts into messages. Nothing here runs on import.
"""
