"""What the meetings app tells higher apps, which it may not import (docs/domain.md,
"Layering" in the architecture): a receiver may refuse by raising ValidationError."""

from django.dispatch import Signal

# Sent with `meeting` and `case` before a case goes on a meeting's agenda. The TLV app refuses a
# case on a knooppunt toeleiding without a submitted request.
case_adding_to_agenda = Signal()
