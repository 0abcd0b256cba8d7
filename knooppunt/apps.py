from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _


class KnooppuntConfig(AppConfig):
    name = "knooppunt"

    def ready(self) -> None:
        # Every select's empty choice in Dutch (docs/domain.md, "Huisstijl"); Django 6.1 asks
        # to set its default blank label here.
        fields.BLANK_CHOICE_LABEL = _("Kies …")
