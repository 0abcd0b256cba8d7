from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """Where a TLV request is (docs/domain.md, "TLV and toeleiding")."""

    CONCEPT = "concept", _("In voorbereiding bij de school")
    TO_SIGN = "ter_ondertekening", _("Ter ondertekening bij de procesbegeleider")
    SUBMITTED = "ingediend", _("Ingediend bij het samenwerkingsverband")
    IN_REVIEW = "in_behandeling", _("In behandeling bij de trajectbegeleider")
    ADVICE = "advies", _("Deskundigenadvies gevraagd")
    DECISION_DUE = "besluit", _("Besluit nodig")
    DECIDED = "besloten", _("Besloten")


# States in which the request lies with the SWV, and those from which it is no longer open.
AT_SWV = frozenset(
    {State.SUBMITTED, State.IN_REVIEW, State.ADVICE, State.DECISION_DUE, State.DECIDED}
)
OPEN_STATES = frozenset(set(State) - {State.DECIDED})
# A knooppunt toeleiding discusses only a request the board has signed and sent.
TOELEIDING_STATES = frozenset({State.SUBMITTED, State.IN_REVIEW, State.ADVICE})


class Expertise(models.TextChoices):
    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    PSYCHOLOOG = "psycholoog", _("Psycholoog")
    KINDERPSYCHIATER = "kinderpsychiater", _("Kinderpsychiater")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    ARTS = "arts", _("Arts")
    PEDAGOOG = "pedagoog", _("Pedagoog")


# One of the experts is an orthopedagoog or a psycholoog.
CORE_EXPERTISE = frozenset({Expertise.ORTHOPEDAGOOG, Expertise.PSYCHOLOOG})
MIN_EXPERTS = 2


class Verdict(models.TextChoices):
    GRANT = "toekennen", _("Toelaatbaar")
    REFUSE = "afwijzen", _("Niet toelaatbaar")


class TlvKind(models.TextChoices):
    SBO = "sbo", _("Speciaal basisonderwijs (SBO)")
    SO = "so", _("Speciaal onderwijs (SO)")
    VSO = "vso", _("Voortgezet speciaal onderwijs (VSO)")
    PRO = "pro", _("Praktijkonderwijs (PrO)")
    CTO = "cto", _("Arrangement CTO (VO)")


class Category(models.TextChoices):
    LAAG = "laag", _("Categorie laag")
    MIDDEN = "midden", _("Categorie midden")
    HOOG = "hoog", _("Categorie hoog")


WITH_CATEGORY = frozenset({TlvKind.SO, TlvKind.VSO})
CTO_WEEKS = (6, 12)


class OppRegie(models.TextChoices):
    SCHOOL = "school", _("De school")
    SCHOOL_AND_CARE = "school_zorg", _("De school en de zorgregisseur samen")


class AttachmentKind(models.TextChoices):
    REPORT = "verslag", _("Verslag of onderzoek")
    OPP = "opp", _("Ontwikkelingsperspectiefplan (OPP)")
    TESTS = "toetsen", _("Toets- en testgegevens")
    OTHER = "overig", _("Overig")


# Types an attachment may have, judged from its content, never from its name.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}
