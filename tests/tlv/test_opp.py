"""The OPP after a granted decision (docs/domain.md, "The OPP after the decision"): who keeps
it, evaluations twice a year, and edits that never overwrite each other silently."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.access import Actor
from cases.constants import RegieKind
from cases.models import AccessLogEntry
from knooppunt.concurrency import StaleEdit
from tests.conftest import CANARY, signed_in_client
from tests.tlv.builders import access, dossier_in
from tlv import services
from tlv.access import Role, opp_access_for
from tlv.constants import OppRegie, State
from tlv.opp_services import months_after, opp_evaluate, opp_update

pytestmark = pytest.mark.django_db


def keeper(user, dossier):
    return opp_access_for(Actor.of(user), dossier.uuid)


def test_a_granted_decision_leaves_an_opp_due_for_evaluation_six_months_after_placement(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    assert dossier.decision.placement_date == datetime.date(2027, 1, 4)
    assert dossier.opp.next_evaluation == datetime.date(2027, 7, 4)


def test_a_refused_request_has_no_opp(tlv):
    dossier = dossier_in(tlv, State.DECISION_DUE)
    services.decision_record(
        access=access(tlv.trajectbegeleider, dossier), granted=False, motivation="Niet nodig"
    )
    with pytest.raises(Http404):
        keeper(tlv.ib, dossier)


def test_six_months_on_from_the_end_of_august_is_the_end_of_february():
    assert months_after(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert months_after(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
    assert months_after(datetime.date(2026, 9, 15), 6) == datetime.date(2027, 3, 15)


def test_an_evaluation_sets_the_next_one_six_months_later_and_names_who_recorded_it(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    today = timezone.localdate()
    evaluation = opp_evaluate(
        access=keeper(tlv.ib, dossier),
        held_on=today,
        achieved="Leest op AVI E4",
        next_step="Rekenen erbij",
    )
    dossier.opp.refresh_from_db()
    assert evaluation.recorded_by == tlv.ib
    assert dossier.opp.next_evaluation == months_after(today, 6)
    assert evaluation.history.first().history_user == tlv.ib
    assert AccessLogEntry.objects.filter(what="OPP geëvalueerd").exists()


def test_a_chosen_date_for_the_next_evaluation_counts(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    today = timezone.localdate()
    chosen = today + datetime.timedelta(days=60)
    opp_evaluate(
        access=keeper(tlv.ib, dossier),
        held_on=today,
        achieved="Gaat goed",
        next_step="Over twee maanden opnieuw",
        next_evaluation=chosen,
    )
    dossier.opp.refresh_from_db()
    assert dossier.opp.next_evaluation == chosen


def test_an_evaluation_is_recorded_once_held_and_the_next_lies_after_it(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        opp_evaluate(
            access=keeper(tlv.ib, dossier),
            held_on=today + datetime.timedelta(days=1),
            achieved="x",
            next_step="y",
        )
    with pytest.raises(ValidationError):
        opp_evaluate(
            access=keeper(tlv.ib, dossier),
            held_on=today,
            achieved="x",
            next_step="y",
            next_evaluation=today,
        )
    assert not dossier.opp.evaluations.exists()


def test_two_edits_of_the_opp_at_once_do_not_overwrite_each_other(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    opened = dossier.opp.version
    opp_update(access=keeper(tlv.ib, dossier), version=opened, goals="Eerste versie")
    with pytest.raises(StaleEdit):
        opp_update(access=keeper(tlv.ib, dossier), version=opened, goals="Tweede versie")
    dossier.opp.refresh_from_db()
    assert dossier.opp.goals == "Eerste versie"


def test_the_trajectbegeleider_knows_the_request_but_does_not_keep_the_opp(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    with pytest.raises(PermissionDenied):
        keeper(tlv.trajectbegeleider, dossier)
    with pytest.raises(Http404):
        keeper(tlv.partner, dossier)


def test_the_care_regisseur_keeps_the_opp_only_where_the_decision_says_so(tlv):
    case_services.regie_assign(
        case=tlv.case,
        kind=RegieKind.CASUS,
        professional=tlv.partner.memberships.get(),
        assigned_by=tlv.ib,
    )
    dossier = dossier_in(tlv, State.DECIDED, opp_regie=OppRegie.SCHOOL_AND_CARE)
    assert keeper(tlv.partner, dossier).roles == {Role.CARE}
    # ... and reads the OPP, not the rest of the dossier.
    client = signed_in_client(tlv.partner)
    assert client.get(reverse("tlv:opp_detail", args=[dossier.uuid])).status_code == 200
    assert client.get(reverse("tlv:dossier_detail", args=[dossier.uuid])).status_code == 404


def test_a_care_regisseur_without_the_regie_over_the_opp_does_not_keep_it(tlv):
    case_services.regie_assign(
        case=tlv.case,
        kind=RegieKind.CASUS,
        professional=tlv.partner.memberships.get(),
        assigned_by=tlv.ib,
    )
    dossier = dossier_in(tlv, State.DECIDED, opp_regie=OppRegie.SCHOOL)
    with pytest.raises(Http404):
        keeper(tlv.partner, dossier)


def test_the_school_edits_and_evaluates_through_the_screens(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    client = signed_in_client(tlv.ib)
    detail = reverse("tlv:dossier_detail", args=[dossier.uuid])
    opp_url = reverse("tlv:opp_detail", args=[dossier.uuid])
    assert opp_url in client.get(detail).content.decode()
    response = client.post(
        reverse("tlv:opp_edit", args=[dossier.uuid]),
        {
            "version": dossier.opp.version,
            "exit_perspective": "Vmbo basis",
            "goals": f"Lezen {CANARY}",
            "handelingsdeel": "Dagelijks lezen",
        },
    )
    assert response.status_code == 302
    today = timezone.localdate()
    response = client.post(
        reverse("tlv:opp_evaluate", args=[dossier.uuid]),
        {"held_on": today.isoformat(), "achieved": "Doel 1 gehaald", "next_step": "Doel 2"},
    )
    assert response.status_code == 302
    page = client.get(opp_url).content.decode()
    assert f"Lezen {CANARY}" in page and "Doel 1 gehaald" in page
    assert "Volgende evaluatie" in page


def test_an_evaluation_without_what_was_achieved_is_refused_with_the_form(tlv):
    dossier = dossier_in(tlv, State.DECIDED)
    response = signed_in_client(tlv.ib).post(
        reverse("tlv:opp_evaluate", args=[dossier.uuid]),
        {"held_on": timezone.localdate().isoformat(), "achieved": "", "next_step": ""},
    )
    assert response.status_code == 200
    assert not dossier.opp.evaluations.exists()


def test_the_tlv_overview_lists_the_opps_its_reader_keeps(tlv):
    case_services.regie_assign(
        case=tlv.case,
        kind=RegieKind.CASUS,
        professional=tlv.partner.memberships.get(),
        assigned_by=tlv.ib,
    )
    dossier = dossier_in(tlv, State.DECIDED, opp_regie=OppRegie.SCHOOL_AND_CARE)
    opp_url = reverse("tlv:opp_detail", args=[dossier.uuid])
    overview = reverse("tlv:overview")
    for user in (tlv.ib, tlv.partner):
        assert opp_url in signed_in_client(user).get(overview).content.decode()
    for user in (tlv.trajectbegeleider, tlv.jeugdarts, tlv.directeur):
        assert opp_url not in signed_in_client(user).get(overview).content.decode()
