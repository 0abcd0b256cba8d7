"""The cases app's models, one module per subject; imported here so Django finds them."""

from cases.models.accesslog import AccessLogEntry
from cases.models.advice import AdviceAnswer, AdviceQuestion
from cases.models.case import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Involvement,
    Regie,
)
from cases.models.consent_request import ConsentRequest
from cases.models.retention import CaseRetention
from cases.models.work import FeedbackRequest, ProgressNote, Werkafspraak
from pupils.models import Guardian, Pupil, bsn_is_valid, validate_bsn

__all__ = [
    "AccessLogEntry",
    "AdviceAnswer",
    "AdviceQuestion",
    "Case",
    "CaseGroupObjectPermission",
    "CaseRetention",
    "CaseUserObjectPermission",
    "ConsentRequest",
    "FeedbackRequest",
    "Guardian",
    "Involvement",
    "ProgressNote",
    "Pupil",
    "Regie",
    "Werkafspraak",
    "bsn_is_valid",
    "validate_bsn",
]
