"""The school's knooppunt set-up: what the IB'er can change and what partners can read."""

import pytest
from django.urls import reverse

from partners.constants import OrganisationKind, Participation
from partners.models import KnooppuntPartner, Organisation
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"partners:{name}", kwargs={"school_uuid": world.school.uuid, **kwargs})


def test_ib_changes_the_set_up_and_history_records_who(world):
    client = signed_in_client(world.ib)
    response = client.post(
        url("setup_edit", world),
        {
            "meeting_day": "0",
            "start_time": "09:00",
            "end_time": "11:00",
            "frequency": "Zes keer per jaar",
            "max_partners_per_item": "3",
            "procedure": "Ouders zitten altijd aan tafel.",
        },
    )
    assert response.status_code == 302
    setup = world.school.knooppunt
    setup.refresh_from_db()
    assert setup.frequency == "Zes keer per jaar"
    assert setup.history.latest().history_user == world.ib
    page = client.get(url("setup_detail", world)).content.decode()
    assert "Ouders zitten altijd aan tafel." in page
    assert "maandag 9.00–11.00 uur" in page


def test_end_before_start_is_refused_and_keeps_the_input(world):
    response = signed_in_client(world.ib).post(
        url("setup_edit", world),
        {
            "start_time": "11:00",
            "end_time": "09:00",
            "frequency": "Elke maand",
            "max_partners_per_item": "3",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "De eindtijd moet na de begintijd liggen." in page
    assert 'value="Elke maand"' in page


def test_ib_adds_an_incidental_partner_as_a_new_organisation(world):
    client = signed_in_client(world.ib)
    response = client.post(
        url("partner_add", world),
        {
            "new_organisation_name": "Veilig Thuis Lindenhoven",
            "new_organisation_kind": OrganisationKind.OTHER,
            "participation": Participation.INCIDENTAL,
            "contact_name": "Sanne de Wit",
        },
    )
    assert response.status_code == 302
    seat = KnooppuntPartner.objects.get(contact_name="Sanne de Wit")
    assert seat.organisation.name == "Veilig Thuis Lindenhoven"
    assert seat.history.latest().history_user == world.ib
    page = client.get(url("setup_detail", world)).content.decode()
    incidental = page[page.index('id="partners-incidenteel"') :]
    assert "Veilig Thuis Lindenhoven" in incidental


def test_adding_a_partner_needs_exactly_one_organisation(world):
    client = signed_in_client(world.ib)
    neither = client.post(url("partner_add", world), {"participation": "incidenteel"})
    assert "Kies een organisatie of vul een nieuwe naam in." in neither.content.decode()
    both = client.post(
        url("partner_add", world),
        {
            "organisation": world.smw.pk,
            "new_organisation_name": "Nog een",
            "new_organisation_kind": "other",
            "participation": "incidenteel",
        },
    )
    assert "niet allebei" in both.content.decode()
    assert not Organisation.objects.filter(name="Nog een").exists()


def test_the_same_contact_twice_is_a_clear_error_not_a_crash(world):
    seat = world.school.knooppunt.partners.get()
    response = signed_in_client(world.ib).post(
        url("partner_add", world),
        {
            "organisation": world.smw.pk,
            "participation": "incidenteel",
            "contact_name": seat.contact_name,
        },
    )
    assert response.status_code == 200
    assert "staat al bij deze organisatie" in response.content.decode()


def test_removing_a_partner_asks_first_and_records_who(world):
    client = signed_in_client(world.ib)
    seat = world.school.knooppunt.partners.get()
    remove_url = url("partner_remove", world, partner_uuid=seat.uuid)
    confirm = client.get(remove_url)
    assert "Ja, verwijderen" in confirm.content.decode()
    assert KnooppuntPartner.objects.filter(pk=seat.pk).exists()
    client.post(remove_url)
    assert not KnooppuntPartner.objects.filter(pk=seat.pk).exists()
    assert KnooppuntPartner.history.filter(id=seat.pk).latest().history_user == world.ib


def test_a_seat_of_another_school_is_not_found(world):
    from tests import factories

    other_seat = factories.KnooppuntPartnerFactory(
        setup=factories.KnooppuntSetupFactory(school=world.other_school)
    )
    response = signed_in_client(world.ib).get(
        url("partner_edit", world, partner_uuid=other_seat.uuid)
    )
    assert response.status_code == 404


def test_partner_reads_the_set_up_without_edit_links(world):
    page = signed_in_client(world.partner).get(url("setup_detail", world)).content.decode()
    assert "SMW Testregio" in page
    assert url("setup_edit", world) not in page
    assert url("partner_add", world) not in page


def test_set_up_prints_as_a_pdf(world):
    response = signed_in_client(world.partner).get(url("setup_pdf", world))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_start_page_lists_only_connected_schools(world):
    page = signed_in_client(world.partner).get(reverse("partners:home")).content.decode()
    assert reverse("partners:setup_detail", args=[world.school.uuid]) in page
    assert reverse("partners:setup_detail", args=[world.other_school.uuid]) not in page
