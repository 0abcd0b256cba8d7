"""Every history-tracked model records who made each change (docs/security.md target 21)."""

import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

from tests.meetings.builders import planned_meeting

pytestmark = pytest.mark.django_db

TRACKED_APPS = ("partners", "pupils", "consent", "cases", "meetings", "tlv")


def tracked_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in TRACKED_APPS
        and hasattr(model, "history")
        and not issubclass(model, HistoricalChanges)
    ]


def test_case_consent_and_plan_models_are_history_tracked():
    names = {model.__name__ for model in tracked_models()}
    expected = {
        "Pupil",
        "Guardian",
        "Case",
        "Involvement",
        "Regie",
        "Werkafspraak",
        "ProgressNote",
        "FeedbackRequest",
        "ConsentDecision",
        "LegalBasis",
        "AdviceQuestion",
        "AdviceAnswer",
        "KnooppuntSetup",
        "KnooppuntPartner",
        "Professional",
        "User",
        "PlanningRule",
        "PresenceDay",
        "PublicPage",
        "Meeting",
        "AgendaItem",
        "Attendee",
        "TlvSetting",
        "Dossier",
        "Attachment",
        "ExpertAdvice",
        "Decision",
        "Opp",
    }
    assert expected <= names


def test_every_change_made_through_services_records_its_user(ctx, settings, tmp_path):
    # The ctx fixture builds its world through the services (pupil, guardians, case, consent,
    # involvements, a progress note), and so does the planned meeting (agenda, attendees, its
    # record) and a TLV request walked to its decision (dossier, attachment, advices, decision,
    # OPP); every history row they wrote must name a user.
    from tests.tlv.builders import dossier_in
    from tlv.constants import State

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    planned_meeting(ctx)
    dossier_in(ctx, State.DECIDED)
    checked = 0
    for model in tracked_models():
        if model._meta.app_label == "partners":
            continue  # the fixture builds partners data with factories, not services
        rows = model.history.all()
        assert not rows.filter(history_user__isnull=True).exists(), model.__name__
        checked += rows.count()
    assert checked >= 8


def test_the_attendee_item_link_is_tracked_with_its_author(ctx):
    from meetings import services
    from meetings.models import Attendee

    meeting = planned_meeting(ctx)
    item = meeting.items.get(case=ctx.case)
    services.item_attendees_set(item=item, set_by=ctx.directeur, professionals=[], guardians=[])
    partner = Attendee.objects.get(meeting=meeting, user=ctx.partner)
    unlinked = partner.history.filter(history_type="~").latest()
    assert unlinked.history_user == ctx.directeur
    assert item.pk not in {link.agendaitem_id for link in unlinked.items.all()}
    linked = partner.history.filter(history_type="~", history_user=ctx.ib).first()
    assert item.pk in {link.agendaitem_id for link in linked.items.all()}
