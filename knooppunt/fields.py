"""Free text with a limit (docs/security.md, "Data"): a megabyte pasted into a question was
accepted and copied into the history on every save. The limit holds in the model's validation
(so every service that saves through full_clean refuses more) and in the form, which says it."""

from django.core.validators import MaxLengthValidator
from django.db import models

# Limits in characters: a short reason or motivation, and a longer text such as the foto or
# the minutes of an agenda item.
SHORT_TEXT = 2_000
LONG_TEXT = 20_000


class LimitedTextField(models.TextField):
    def __init__(self, *args, max_length: int = LONG_TEXT, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))


class ShortTextField(LimitedTextField):
    """A reason or a motivation: a few sentences."""

    def __init__(self, *args, max_length: int = SHORT_TEXT, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
