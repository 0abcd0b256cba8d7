"""Two people at once (docs/security.md target 29): nothing is silently overwritten, a stale form
is refused with both versions, and each "one at a time" rule holds under real concurrency on
PostgreSQL, as a clear message and never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services
from cases.constants import RegieKind, Status
from cases.models import Case, Involvement, Regie
from knooppunt.concurrency import StaleEdit
from tests.conftest import signed_in_client
from tests.threads import at_once


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


@pytest.mark.django_db
def test_an_edit_keeps_a_status_changed_meanwhile(case_world, world):
    opened = fresh(case_world.case)  # the edit form was opened with this version
    services.case_transition(case=fresh(opened), to=Status.AANGEMELD, changed_by=world.directeur)
    services.case_update(case=opened, changed_by=world.ib, foto="Nieuwe foto")
    case = fresh(opened)
    assert (case.status, case.foto) == (Status.AANGEMELD, "Nieuwe foto")


@pytest.mark.django_db
def test_a_close_keeps_an_edit_saved_meanwhile_and_stays_closed(case_world, world):
    opened = fresh(case_world.case)
    services.case_update(case=fresh(opened), changed_by=world.ib, foto="Nieuwe foto")
    services.case_transition(
        case=opened, to=Status.AFGESLOTEN, changed_by=world.ib, reason="Doel bereikt"
    )
    case = fresh(opened)
    assert (case.status, case.foto) == (Status.AFGESLOTEN, "Nieuwe foto")


@pytest.mark.django_db
def test_a_stale_form_is_refused_with_both_versions(case_world, world):
    case = case_world.case
    url = reverse("cases:case_edit", args=[case.uuid])
    client = signed_in_client(world.ib)
    client.get(url)
    form = {
        "question": "Mijn versie van de vraag",
        "foto": "",
        "leefvraag": "on",
        "complexity": "meervoudig",
        "level": "3",
        "version": str(fresh(case).version),
    }
    services.case_update(
        case=fresh(case), changed_by=world.directeur, question="Andermans versie van de vraag"
    )

    response = client.post(url, form)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Intussen gewijzigd door {world.directeur.get_full_name()}" in page
    assert "Andermans versie van de vraag" in page and "Mijn versie van de vraag" in page
    assert fresh(case).question == "Andermans versie van de vraag"

    # Saving again, now knowingly over the current version, is accepted.
    form["version"] = str(fresh(case).version)
    assert client.post(url, form).status_code == 302
    assert fresh(case).question == "Mijn versie van de vraag"


@pytest.mark.django_db
def test_two_tabs_on_one_werkafspraak_never_overwrite_each_other(case_world, world):
    werkafspraak = services.werkafspraak_add(
        case=case_world.case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="Gesprek",
        due_date="2027-01-01",
    )
    version = werkafspraak.version
    services.werkafspraak_update(
        werkafspraak=werkafspraak,
        changed_by=world.ib,
        version=version,
        assignee_organisation=world.smw,
    )
    with pytest.raises(StaleEdit) as refused:
        services.werkafspraak_update(
            werkafspraak=werkafspraak, changed_by=world.ib, version=version, outcome="Gedaan"
        )
    assert refused.value.current.assignee_organisation == world.smw


@pytest.mark.django_db(transaction=True)
def test_two_ib_ers_assigning_procesregie_at_once_leave_one_holder(case_world, world):
    case = case_world.case
    smw = world.partner.memberships.get()
    jgz = case_world.jeugdarts.memberships.get()
    results = at_once(
        *(
            lambda p=p: services.regie_assign(
                case=fresh(case), kind=RegieKind.PROCES, assigned_by=world.ib, professional=p
            )
            for p in (smw, jgz)
        )
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Regie.objects.filter(case=case, kind=RegieKind.PROCES, end__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_betrokkene_toevoegen_adds_one_involvement(case_world, world):
    from partners.constants import Function
    from tests import factories

    other = factories.ProfessionalFactory(organisation=world.smw, function=Function.SMW)
    results = at_once(
        *(
            lambda: services.involvement_add(
                case=fresh(case_world.case),
                organisation=world.smw,
                professional=other,
                added_by=world.ib,
            )
            for _ in range(2)
        )
    )
    refusals = [r for r in results if isinstance(r, Exception)]
    assert len(refusals) == 1 and isinstance(refusals[0], ValidationError), results
    assert "al betrokken" in str(refusals[0])
    assert Involvement.objects.filter(case=case_world.case, professional=other).count() == 1
