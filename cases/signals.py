from django.dispatch import Signal

# Sent with `case` inside the purge's transaction, before the cases app removes its own rows
# (cases/retention/purge.py). Each higher app that keeps rows about a case (agenda items,
# plans, TLV dossiers, reminders, files) connects a receiver in its apps.py ready() that removes
# them with their history (knooppunt/purge.py) and returns a Counter of rows removed per table.
case_purging = Signal()
