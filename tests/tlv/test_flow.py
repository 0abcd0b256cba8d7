"""The TLV flow refuses illegal steps (docs/domain.md, "TLV and toeleiding")."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cases.access import DAT, Actor, case_permissions_for
from cases.constants import Status
from cases.models import AccessLogEntry
from meetings.constants import MeetingType
from meetings.services import item_add, meeting_plan
from tests.tlv.builders import access, dossier_in
from tlv import services
from tlv.constants import Expertise, State, Verdict
from tlv.workdays import add_working_days

pytestmark = pytest.mark.django_db


def test_an_incomplete_dossier_cannot_be_offered_and_says_what_is_missing(tlv):
    dossier = dossier_in(tlv, complete=False)
    with pytest.raises(ValidationError) as refused:
        services.dossier_offer(access=access(tlv.ib, dossier))
    assert "Beschrijf de signalen (duiden)." in refused.value.messages
    assert any("bijlage" in m for m in refused.value.messages)


def test_a_case_below_level_4_gets_no_request(tlv):
    tlv.case.level = 3
    tlv.case.save()
    with pytest.raises(ValidationError, match="niveau 4"):
        services.dossier_start(actor=Actor.of(tlv.ib), case=tlv.case)


def test_only_the_ib_starts_a_request(tlv):
    with pytest.raises(ValidationError):
        services.dossier_start(actor=Actor.of(tlv.partner), case=tlv.case)


def test_one_open_request_per_case(tlv):
    dossier_in(tlv, complete=False)
    with pytest.raises(ValidationError, match="loopt al"):
        services.dossier_start(actor=Actor.of(tlv.ib), case=tlv.case)


def test_signing_submits_and_passes_the_case_on_for_a_tlv(tlv):
    dossier = dossier_in(tlv, State.SUBMITTED)
    assert dossier.signed_by == tlv.procesbegeleider
    tlv.case.refresh_from_db()
    assert tlv.case.status in (Status.DOORGEZET_TLV, Status.BESPROKEN)
    # From the submission the trajectbegeleider knows the case (they chair the toeleiding).
    assert DAT in case_permissions_for(tlv.trajectbegeleider, tlv.case)
    assert AccessLogEntry.objects.filter(what="TLV-aanvraag ondertekend en ingediend").exists()


def test_the_procesbegeleider_signs_only_when_levels_are_confirmed(tlv):
    dossier = dossier_in(tlv, State.TO_SIGN)
    with pytest.raises(ValidationError, match="niveaus 1 tot en met 4"):
        services.dossier_sign(access=access(tlv.procesbegeleider, dossier), levels_confirmed=False)


def test_returning_voids_the_signature_and_the_school_edits_again(tlv):
    dossier = dossier_in(tlv, State.IN_REVIEW)
    services.dossier_return(access=access(tlv.trajectbegeleider, dossier), remarks="OPP ontbreekt")
    dossier.refresh_from_db()
    assert dossier.state == State.CONCEPT
    assert dossier.signed_by is None and dossier.signed_at is None
    # And the SWV no longer reads it.
    with pytest.raises(PermissionDenied):
        access(tlv.trajectbegeleider, dossier)
    services.dossier_update(access=access(tlv.ib, dossier), goals="Nieuwe doelen")


def test_the_school_cannot_edit_a_signed_dossier(tlv):
    dossier = dossier_in(tlv, State.SUBMITTED)
    with pytest.raises(ValidationError):
        services.dossier_update(access=access(tlv.ib, dossier), goals="Later gewijzigd")


def test_no_decision_before_the_advice_is_confirmed(tlv):
    dossier = dossier_in(tlv, State.ADVICE)
    with pytest.raises(ValidationError, match="na een bevestigd deskundigenadvies"):
        services.decision_record(
            access=access(tlv.trajectbegeleider, dossier), granted=False, motivation="Nee"
        )


def test_one_expert_is_not_enough(tlv):
    dossier = dossier_in(tlv, State.IN_REVIEW)
    services.expert_name(
        access=access(tlv.trajectbegeleider, dossier),
        expert=tlv.deskundige.memberships.get(),
        expertise=Expertise.ORTHOPEDAGOOG,
    )
    services.advice_give(
        access=access(tlv.deskundige, dossier), verdict=Verdict.GRANT, motivation="Ja"
    )
    with pytest.raises(ValidationError, match="ten minste twee"):
        services.advice_confirm(access=access(tlv.trajectbegeleider, dossier))


def test_one_expert_is_an_orthopedagoog_or_psycholoog(tlv):
    dossier = dossier_in(tlv, State.IN_REVIEW)
    for user, expertise in (
        (tlv.deskundige, Expertise.ARTS),
        (tlv.deskundige_2, Expertise.KINDERPSYCHIATER),
    ):
        services.expert_name(
            access=access(tlv.trajectbegeleider, dossier),
            expert=user.memberships.get(),
            expertise=expertise,
        )
        services.advice_give(access=access(user, dossier), verdict=Verdict.GRANT, motivation="Ja")
    with pytest.raises(ValidationError, match="orthopedagoog of psycholoog"):
        services.advice_confirm(access=access(tlv.trajectbegeleider, dossier))


def test_divided_advice_needs_the_directors_decision(tlv):
    dossier = dossier_in(tlv, State.IN_REVIEW)
    for user, expertise, verdict in (
        (tlv.deskundige, Expertise.PSYCHOLOOG, Verdict.GRANT),
        (tlv.deskundige_2, Expertise.PEDAGOOG, Verdict.REFUSE),
    ):
        services.expert_name(
            access=access(tlv.trajectbegeleider, dossier),
            expert=user.memberships.get(),
            expertise=expertise,
        )
        services.advice_give(access=access(user, dossier), verdict=verdict, motivation="-")
    with pytest.raises(ValidationError, match="directeur"):
        services.advice_confirm(access=access(tlv.trajectbegeleider, dossier))
    day = datetime.date(2026, 4, 20)
    dossier = services.advice_confirm(
        access=access(tlv.trajectbegeleider, dossier),
        director_name="A. Directeur",
        director_verdict=Verdict.GRANT,
        day=day,
    )
    assert dossier.state == State.DECISION_DUE
    assert dossier.deadline == add_working_days(day, 10) == datetime.date(2026, 5, 5)


def test_a_granted_decision_names_school_dates_and_opp_regie(tlv):
    dossier = dossier_in(tlv, State.DECISION_DUE)
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            access=access(tlv.trajectbegeleider, dossier), granted=True, kind="so", motivation="Ja"
        )
    assert "category" in refused.value.message_dict
    assert "receiving_school" in refused.value.message_dict
    dossier.refresh_from_db()
    assert dossier.state == State.DECISION_DUE


def test_decided_dossier_gets_an_opp(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    assert dossier.decision.granted
    assert dossier.opp is not None


def test_a_toeleiding_only_for_a_submitted_request(tlv):
    meeting = meeting_plan(
        school=tlv.school,
        type=MeetingType.TOELEIDING,
        date=datetime.date(2027, 3, 1),
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        planned_by=tlv.ib,
        chair=tlv.trajectbegeleider,
    )
    with pytest.raises(ValidationError, match="ingediende TLV-aanvraag"):
        item_add(meeting=meeting, added_by=tlv.ib, case=tlv.case)
    dossier_in(tlv, State.SUBMITTED)
    item = item_add(meeting=meeting, added_by=tlv.ib, case=tlv.case)
    assert item.case == tlv.case


def test_outsiders_get_404_and_are_logged(tlv):
    dossier = dossier_in(tlv, State.SUBMITTED)
    for user in (tlv.outsider, tlv.ib_other_school, tlv.partner, tlv.deskundige):
        with pytest.raises(Http404):
            access(user, dossier)
    assert AccessLogEntry.objects.filter(what="TLV-aanvraag: geen toegang").count() == 4


def test_the_start_page_lists_level_4_cases_and_starts_a_request(tlv):
    from django.urls import reverse

    from tests.conftest import signed_in_client

    client = signed_in_client(tlv.ib)
    page = client.get(reverse("tlv:start"))
    assert page.status_code == 200
    assert reverse("tlv:dossier_start", kwargs={"case_uuid": tlv.case.uuid}) in page.text
    started = client.post(reverse("tlv:dossier_start", kwargs={"case_uuid": tlv.case.uuid}))
    dossier = tlv.case.tlv_dossiers.get()
    assert started.url == reverse("tlv:dossier_edit", kwargs={"dossier_uuid": dossier.uuid})
    # Once started, the page links to the running request instead of offering a second one.
    page = client.get(reverse("tlv:start"))
    assert reverse("tlv:dossier_detail", kwargs={"dossier_uuid": dossier.uuid}) in page.text
    assert reverse("tlv:dossier_start", kwargs={"case_uuid": tlv.case.uuid}) not in page.text


def test_the_start_page_leaves_out_cases_below_level_4(tlv):
    from django.urls import reverse

    from tests.conftest import signed_in_client

    tlv.case.level = 3
    tlv.case.save()
    page = signed_in_client(tlv.ib).get(reverse("tlv:start"))
    assert str(tlv.case.uuid) not in page.text


def test_the_queue_puts_open_requests_before_decided_ones(tlv):
    from cases.access import Actor
    from tests.tlv.test_queries import more_requests
    from tlv.selectors import dossier_list

    more_requests(tlv, 3, 0)  # submitted, decided, decision due
    states = [d.state for d in dossier_list(fetched_by=Actor.of(tlv.trajectbegeleider))]
    assert states == [State.DECISION_DUE, State.SUBMITTED, State.DECIDED]


def test_the_decision_form_offers_no_english_blank_choice(tlv):
    from tlv.forms import DecisionForm, ExpertForm

    for form in (DecisionForm(), ExpertForm()):
        assert "Select an option" not in str(form)
