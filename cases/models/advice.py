import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knooppunt.fields import LimitedTextField


class AdviceQuestion(models.Model):
    """An anonymous advice question to the kernteam (docs/domain.md, "Advice without a name"): no
    consent needed, because the invited experts never learn who the child is."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.PROTECT,
        related_name="advice_questions",
        verbose_name=_("school"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gesteld door"),
    )
    question = LimitedTextField(
        _("adviesvraag"),
        help_text=_(
            "Beschrijf de situatie zonder naam, geboortedatum of andere gegevens waaraan het "
            "kind of het gezin te herkennen is."
        ),
    )
    experts = models.ManyToManyField(
        "partners.Professional", related_name="advice_questions", verbose_name=_("deskundigen")
    )
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[experts])

    class Meta:
        verbose_name = _("anonieme adviesvraag")
        verbose_name_plural = _("anonieme adviesvragen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Adviesvraag {self.uuid}"


class AdviceAnswer(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    question = models.ForeignKey(
        AdviceQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("adviesvraag"),
    )
    author = models.ForeignKey(
        "partners.Professional",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deskundige"),
    )
    text = LimitedTextField(_("advies"))
    created_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Advies {self.uuid}"
