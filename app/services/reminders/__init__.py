"""Reminders: the scheduler's tick finds what is due and writes it to the
outbox. The outbox is the truth: each reminder's key names the rule, the
record, the recipient and the due date, so finding it twice adds nothing."""
