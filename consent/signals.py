from django.dispatch import Signal

# Sent with `pupil` whenever a consent decision or legal basis for that pupil is recorded or
# ended; the cases app recomputes the pupil's case permissions in the same transaction.
consent_changed = Signal()
