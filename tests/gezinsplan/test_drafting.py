"""The regisseur drafts the gezinsplan through its screens (docs/domain.md, "Gezinsplan"):
start it on a case, fill in the format's sections, add members, tick sub-goals with a SMART
goal; a change after a signature is a new version everyone signs again; two people at once
never silently overwrite each other (docs/security.md target 29)."""

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.constants import AccessEvent
from cases.models import AccessLogEntry
from gezinsplan import services
from gezinsplan.forms import PlanForm
from gezinsplan.models import Gezinsplan, PlanGoal, PlanMember
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def url(name: str, case, **kwargs) -> str:
    return reverse(f"gezinsplan:{name}", kwargs={"case_uuid": case.uuid, **kwargs})


def plan_fields(plan, **changes) -> dict:
    fields = {
        "huisarts": plan.huisarts,
        "jeugdarts": plan.jeugdarts,
        "start_date": plan.start_date.isoformat(),
        "end_date": "",
        "network": plan.network,
        "organisations": plan.organisations,
        "version": plan.version,
    }
    for n, day in enumerate(plan.evaluation_dates):
        fields[f"evaluation_dates_{n}"] = day
    return fields | changes


def test_the_regisseur_drafts_a_plan_from_start_to_smart_goal(case_world, world):
    case = case_world.case
    membership = world.partner.memberships.get()
    case_services.regie_assign(
        case=case, kind="casusregie", professional=membership, assigned_by=world.ib
    )
    client = signed_in_client(world.partner)
    assert "Gezinsplan starten" in client.get(url("plan_detail", case)).content.decode()

    response = client.post(
        url("plan_start", case), {"regisseur": membership.pk, "start_date": "2026-09-01"}
    )
    assert response.status_code == 302
    plan = Gezinsplan.objects.get(case=case)
    assert plan.regisseur == membership

    response = client.post(
        url("plan_edit", case),
        plan_fields(
            plan,
            huisarts="Huisartsenpraktijk De Linde",
            huisarts_consent="on",
            evaluation_dates_0="2026-12-01",
            evaluation_dates_1="2026-10-15",
            network="Oma helpt op woensdag.",
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.huisarts_consent and plan.evaluation_dates == ["2026-10-15", "2026-12-01"]

    for name, relation, gezag in (("Linda", "moeder", "on"), ("Sam", "kind", "")):
        client.post(
            url("member_add", case),
            {"name": name, "relation": relation, "has_gezag": gezag, "version": plan.version},
        )
        plan.refresh_from_db()
    mother, child = PlanMember.objects.filter(plan=plan)
    assert mother.has_gezag and not child.has_gezag

    response = client.post(
        url("goal_add", case),
        {
            "area": "dagelijks",
            "letter": "A",
            "subgoal": "Rust en een vast ritme",
            "members": [mother.pk, child.pk],
            "smart_goal": "Sam gaat vier weken lang om 19.30 uur naar bed.",
            "by_whom": "Moeder, met hulp van het SMW",
            "start": "2026-09-01",
            "done_by": "2026-10-01",
            "achieved": "unknown",
            "version": plan.version,
        },
    )
    assert response.status_code == 302
    goal = PlanGoal.objects.get(plan=plan)
    assert set(goal.members.all()) == {mother, child} and goal.achieved is None

    page = client.get(url("plan_detail", case)).content.decode()
    assert "Sam gaat vier weken lang om 19.30 uur naar bed." in page
    assert "Huisartsenpraktijk De Linde" in page
    # Every change is in the access log, under the regisseur's name.
    changes = AccessLogEntry.objects.filter(
        case_uuid=case.uuid, event=AccessEvent.CHANGE, what__startswith="gezinsplan"
    )
    assert changes.count() == 5
    assert set(changes.values_list("user_uuid", flat=True)) == {world.partner.uuid}


def test_the_case_page_leads_to_the_plan(plan, case_world, world):
    case_page = reverse("cases:case_detail", kwargs={"case_uuid": case_world.case.uuid})
    assert url("plan_detail", case_world.case) in (
        signed_in_client(world.ib).get(case_page).content.decode()
    )
    assert url("plan_detail", case_world.case) not in (
        signed_in_client(world.directeur).get(case_page).content.decode()
    )


def test_the_plan_form_follows_the_format_order():
    names = [n for n in PlanForm.base_fields if n != "version"]
    assert names.index("huisarts") < names.index("start_date") < names.index("network")
    assert names.index("evaluation_dates") < names.index("end_date")


def test_a_letter_is_used_once_per_result_area(plan, case_world, world):
    response = signed_in_client(world.partner).post(
        url("goal_add", case_world.case),
        {
            "area": "dagelijks",
            "letter": "A",
            "subgoal": "Nog een A",
            "members": [plan.members.first().pk],
            "smart_goal": "x",
            "by_whom": "x",
            "start": "2026-09-01",
            "done_by": "2026-10-01",
            "version": plan.version,
        },
    )
    assert response.status_code == 200
    assert "al gebruikt" in response.content.decode()
    assert plan.goals.count() == 1


def test_only_the_regisseur_and_the_ib_er_write_the_plan(plan, case_world, world):
    from consent.constants import Decision, Method, Purpose
    from consent.services import consent_record
    from partners.constants import Function
    from tests.conftest import professional

    colleague = professional(world.smw, Function.SMW, email="smw2@test.example")
    case_services.involvement_add(
        case=case_world.case,
        organisation=world.smw,
        professional=colleague.memberships.get(),
        added_by=world.ib,
    )
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.GEZINSPLAN,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
        guardian=case_world.mother,
    )
    case = case_world.case
    reader = signed_in_client(colleague)
    assert reader.get(url("plan_detail", case)).status_code == 200
    assert "Plan opstellen" not in reader.get(url("plan_detail", case)).content.decode()
    assert reader.get(url("plan_edit", case)).status_code == 403
    response = reader.post(url("member_add", case), {"name": "X", "relation": "oom"})
    assert response.status_code == 403 and not plan.members.filter(name="X").exists()
    assert signed_in_client(world.ib).get(url("plan_edit", case)).status_code == 200
    assert signed_in_client(world.partner).get(url("plan_edit", case)).status_code == 200


def test_a_change_after_signing_needs_everyone_to_sign_again(plan, case_world, world):
    services.plan_sign(
        plan=plan,
        expected_version=plan.version,
        user=world.ib,
        ip="192.0.2.7",
        guardian=case_world.mother,
    )
    client = signed_in_client(world.partner)
    page = client.get(url("plan_detail", case_world.case)).content.decode()
    assert "Nog te ondertekenen door: <strong>Vader Testkind</strong>." in page
    member = plan.members.get(name="Sam")
    response = client.post(
        url("member_edit", case_world.case, member_uuid=member.uuid),
        {"name": "Sam", "relation": "kind", "phone": "0612345678", "version": plan.version},
    )
    assert response.status_code == 302
    page = client.get(url("plan_detail", case_world.case)).content.decode()
    assert f"Ondertekening van versie {plan.version + 1}" in page
    assert (
        "Nog te ondertekenen door: <strong>Moeder Testkind</strong>, "
        "<strong>Vader Testkind</strong>." in page
    )


def test_a_stale_member_form_is_refused_and_saved_on_a_second_look(plan, case_world, world):
    client = signed_in_client(world.partner)
    opened = plan.version
    services.plan_update(plan=plan, changed_by=world.ib, fields={"huisarts": "Dokter Ander"})
    form = {"name": "Oma", "relation": "oma", "version": opened}
    response = client.post(url("member_add", case_world.case), form)
    page = response.content.decode()
    assert response.status_code == 200 and "Intussen gewijzigd door" in page
    assert not plan.members.filter(name="Oma").exists()
    # The form now carries the current version: saving again is a deliberate choice.
    plan.refresh_from_db()
    assert f'name="version" value="{plan.version}"' in page
    form["version"] = plan.version
    assert client.post(url("member_add", case_world.case), form).status_code == 302
    assert plan.members.filter(name="Oma").exists()


def test_a_stale_plan_form_shows_both_versions(plan, case_world, world):
    client = signed_in_client(world.partner)
    form = plan_fields(plan, huisarts="Mijn huisarts")
    services.plan_update(plan=plan, changed_by=world.ib, fields={"huisarts": "Andermans huisarts"})
    response = client.post(url("plan_edit", case_world.case), form)
    page = response.content.decode()
    assert "Wat verschilt" in page and "Andermans huisarts" in page and "Mijn huisarts" in page
    plan.refresh_from_db()
    assert plan.huisarts == "Andermans huisarts"


@pytest.mark.django_db(transaction=True)
def test_two_goals_added_at_once_on_one_version_keep_one(plan, case_world, world):
    from tests.threads import at_once

    opened = plan.version

    def add(letter):
        return lambda: services.goal_add(
            plan=Gezinsplan.objects.get(pk=plan.pk),
            added_by=world.partner,
            members=[],
            expected_version=opened,
            area="netwerk",
            letter=letter,
            subgoal="Vrienden",
            smart_goal="x",
            by_whom="x",
            start=plan.start_date,
            done_by=plan.start_date,
        )

    results = at_once(add("B"), add("C"))
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and "Intussen gewijzigd" in str(refused[0]), results
    assert plan.goals.filter(area="netwerk").count() == 1
