from django.dispatch import Signal

# Sent with `pupil` inside the transaction that changed who the pupil's guardians are or who
# holds gezag: whose consent counts follows from it, so the cases app recomputes the pupil's
# case rights before the change commits.
guardians_changed = Signal()
