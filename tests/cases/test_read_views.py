"""The case lists and the tabs of the case page: who sees what, and what is logged."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.constants import AccessEvent, RegieKind, Status
from cases.models import AccessLogEntry
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from pupils import services as pupil_services
from tests.conftest import CANARY, signed_in_client

# Only the world is built once for the module (the list tests count their own cases); each test
# runs in its own savepoint; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_world")]

DAT_CARD = "Je ziet alleen dat deze casus bestaat en wie betrokken is"


def url(name: str, case=None) -> str:
    return reverse(f"cases:{name}", args=[case.uuid] if case is not None else [])


def views(rows) -> list[AccessLogEntry]:
    return list(rows.filter(event=AccessEvent.VIEW))


def open_case(world, first_name: str, last_name: str = "Leerling", **fields):
    pupil = pupil_services.pupil_register(
        school=world.school,
        first_name=first_name,
        last_name=last_name,
        birth_date=datetime.date(2016, 5, 1),
        registered_by=world.ib,
    )
    defaults = {"level": 2, "leervraag": True, "complexity": "enkelvoudig"}
    return services.case_open(
        pupil=pupil,
        opened_by=world.ib,
        question=f"Vraag {CANARY}",
        **(defaults | fields),
    )


def populated_case(world, n: int):
    """A case with everything the list shows: involvement, regie, werkafspraak, feedback."""
    case = open_case(world, f"Kind{n}", parents_informed=True)
    smw = world.partner.memberships.get()
    services.involvement_add(case=case, organisation=world.smw, professional=smw, added_by=world.ib)
    services.regie_assign(case=case, kind=RegieKind.PROCES, professional=smw, assigned_by=world.ib)
    services.werkafspraak_add(
        case=case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="Observeren",
        due_date=datetime.date(2020, 1, 1),
    )
    services.feedback_request_add(
        case=case,
        organisation=world.smw,
        due_date=datetime.date(2020, 1, 1),
        requested_by=world.ib,
    )
    return case


# ----- The case page: dat and wat ------------------------------------------------------------


@pytest.mark.parametrize("who", ["directeur", "jeugdarts"])
def test_dat_only_users_get_the_dat_card_and_no_content(who, world, case_world):
    user = case_world.jeugdarts if who == "jeugdarts" else world.directeur
    response = signed_in_client(user).get(url("case_detail", case_world.case))
    html = response.content.decode()
    assert response.status_code == 200
    assert DAT_CARD in html
    assert "Sam Testkind" in html and "IKC Testvogel" in html
    assert "SMW Testregio" in html and "smw@test.example" in html  # who is involved, reachable
    assert CANARY not in html
    assert "<title>Casus – Knooppunt</title>" in html
    # Only "dat" was shown: nothing to log.
    assert not AccessLogEntry.objects.filter(user_uuid=user.uuid).exists()


@pytest.mark.parametrize("who", ["ib", "partner"])
def test_ib_and_involved_partner_with_consent_see_the_question(who, world, case_world):
    user = getattr(world, who)
    response = signed_in_client(user).get(url("case_detail", case_world.case))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Vraag van het gezin {CANARY}" in html
    assert DAT_CARD not in html
    assert "Sam" not in html.split("<title>")[1].split("</title>")[0]
    [row] = views(AccessLogEntry.objects.filter(user_uuid=user.uuid))
    assert (row.case_uuid, row.pupil_uuid, row.what) == (
        case_world.case.uuid,
        case_world.pupil.uuid,
        "overzicht",
    )


@pytest.mark.parametrize(
    ("who", "name", "what"),
    [
        ("ib", "case_detail", "overzicht"),
        ("ib", "case_werkafspraken", "werkafspraken"),
        ("ib", "case_progress", "voortgang"),
        ("ib", "case_timeline", "tijdlijn"),
        ("ib", "case_accesslog", "inzage-log"),
        ("partner", "case_werkafspraken", "werkafspraken"),
        ("partner", "case_progress", "voortgang"),
        ("partner", "case_timeline", "tijdlijn"),
    ],
)
def test_each_content_view_writes_exactly_one_log_row(who, name, what, world, case_world):
    user = getattr(world, who)
    before = AccessLogEntry.objects.count()
    response = signed_in_client(user).get(url(name, case_world.case))
    assert response.status_code == 200
    new = AccessLogEntry.objects.order_by("pk")[before:]
    assert len(new) == 1
    row = new[0]
    assert row.event == AccessEvent.VIEW
    assert (row.user_uuid, row.case_uuid, row.what) == (user.uuid, case_world.case.uuid, what)
    assert row.legal_basis  # school, consent or another basis: never empty


def test_involved_tab_is_dat_and_writes_no_log_row(world, case_world):
    response = signed_in_client(case_world.jeugdarts).get(url("case_involved", case_world.case))
    assert response.status_code == 200
    assert CANARY not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_a_refused_outsider_leaves_a_denied_row(world, case_world):
    response = signed_in_client(world.outsider).get(url("case_progress", case_world.case))
    assert response.status_code == 404
    [row] = AccessLogEntry.objects.all()
    assert row.event == AccessEvent.DENIED == "geweigerd"
    assert (row.user_uuid, row.case_uuid) == (world.outsider.uuid, case_world.case.uuid)


def test_dat_only_user_refused_a_content_tab_leaves_a_denied_row(world, case_world):
    response = signed_in_client(world.directeur).get(url("case_timeline", case_world.case))
    assert response.status_code == 403
    [row] = AccessLogEntry.objects.all()
    assert (row.event, row.user_uuid) == (AccessEvent.DENIED, world.directeur.uuid)


def test_withdrawing_consent_revokes_content_on_the_next_request(world, case_world):
    client = signed_in_client(world.partner)
    first = client.get(url("case_progress", case_world.case))
    assert first.status_code == 200 and CANARY in first.content.decode()

    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.SHARE,
        recipient=world.smw,
        guardian=case_world.mother,
        decision=Decision.WITHDRAWN,
        method=Method.VERBAL,
        recorded_by=world.ib,
    )

    assert client.get(url("case_progress", case_world.case)).status_code == 403
    card = client.get(url("case_detail", case_world.case))
    assert card.status_code == 200
    assert DAT_CARD in card.content.decode()
    assert CANARY not in card.content.decode()


def test_action_links_only_with_the_permission(world, case_world):
    edit = url("case_edit", case_world.case)
    assert (
        edit in signed_in_client(world.ib).get(url("case_detail", case_world.case)).content.decode()
    )
    partner_page = signed_in_client(world.partner).get(url("case_detail", case_world.case))
    assert edit not in partner_page.content.decode()
    progress = signed_in_client(world.partner).get(url("case_progress", case_world.case))
    assert url("progress_add", case_world.case) in progress.content.decode()
    involved = signed_in_client(world.directeur).get(url("case_involved", case_world.case))
    assert url("involvement_add", case_world.case) not in involved.content.decode()


# ----- Partner-authored content on the school's screens ---------------------------------------


def test_ib_sees_who_to_contact_instead_of_a_partner_note_without_consent(world, case_world):
    html = signed_in_client(world.ib).get(url("case_progress", case_world.case)).content.decode()
    assert CANARY not in html
    assert "SMW Testregio heeft voortgang vastgelegd; neem contact op met" in html
    assert "smw@test.example" in html


def test_ib_sees_a_partner_note_once_sharing_with_the_school_is_consented(world, case_world):
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.SHARE,
        recipient=world.school.organisation,
        guardian=case_world.mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
    )
    html = signed_in_client(world.ib).get(url("case_progress", case_world.case)).content.decode()
    assert f"Huisbezoek {CANARY}" in html


# ----- The involved tab and the timeline ------------------------------------------------------


def test_involved_tab_shows_ended_involvements_and_the_regie_history(world, case_world):
    case = case_world.case
    jgz = case.involvements.get(organisation=case_world.jgz)
    services.involvement_end(involvement=jgz, ended_by=world.ib, end=datetime.date(2020, 1, 1))
    smw = world.partner.memberships.get()
    ib = world.ib.memberships.get()
    services.regie_assign(case=case, kind=RegieKind.PROCES, professional=ib, assigned_by=world.ib)
    services.regie_assign(case=case, kind=RegieKind.PROCES, professional=smw, assigned_by=world.ib)
    html = signed_in_client(world.directeur).get(url("case_involved", case)).content.decode()
    assert "JGZ Testregio" in html and "Beëindigd" in html
    regie = html.split("Regie, nu en eerder")[1]
    # The current regisseur (SMW) is listed before the one it replaced (the IB'er).
    assert regie.index("smw@test.example") < regie.index("ib@test.example")


def test_timeline_says_what_happened_in_words_without_note_content(world, case_world):
    services.case_transition(case=case_world.case, to=Status.AANGEMELD, changed_by=world.ib)
    response = signed_in_client(world.partner).get(url("case_timeline", case_world.case))
    html = response.content.decode()
    assert "Casus geopend" in html
    assert "Status gewijzigd naar “Aangemeld voor knooppunt”" in html
    assert "Betrokkene toegevoegd: SMW Testregio" in html
    assert "Voortgang vastgelegd door SMW Testregio" in html
    assert "Toestemming: Gegevens delen met organisatie – Gegeven (SMW Testregio)" in html
    assert world.ib.get_full_name() in html
    assert CANARY not in html


def test_accesslog_lists_this_cases_rows(world, case_world):
    client = signed_in_client(world.ib)
    client.get(url("case_detail", case_world.case))
    html = client.get(url("case_accesslog", case_world.case)).content.decode()
    assert "overzicht" in html and "inzage-log" in html


# ----- The lists ------------------------------------------------------------------------------


def test_the_list_shows_only_dat(world, case_world):
    html = signed_in_client(world.ib).get(url("case_list")).content.decode()
    assert "Sam Testkind" in html
    assert CANARY not in html
    assert "<title>Casussen – Knooppunt</title>" in html


def test_the_list_shows_only_cases_the_user_may_know(world, case_world):
    assert (
        "Sam Testkind" in signed_in_client(world.directeur).get(url("case_list")).content.decode()
    )
    for user in (world.outsider, world.ib_other_school, world.admin):
        html = signed_in_client(user).get(url("case_list")).content.decode()
        assert "Sam Testkind" not in html
        assert "Er zijn nog geen casussen die je mag zien." in html


def test_my_cases_lists_involvement_not_school_role(world, case_world):
    assert "Sam Testkind" in signed_in_client(world.partner).get(url("my_cases")).content.decode()
    html = signed_in_client(world.directeur).get(url("my_cases")).content.decode()
    assert "Sam Testkind" not in html
    assert "Je bent op dit moment bij geen enkele casus betrokken." in html


def _queries(client, path: str) -> int:
    client.get(path)  # warm up the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("name", "who"), [("case_list", "ib"), ("my_cases", "partner")])
def test_list_query_count_does_not_grow_with_the_number_of_cases(name, who, world):
    client = signed_in_client(getattr(world, who))
    for n in range(2):
        populated_case(world, n)
    with_two = _queries(client, url(name))
    for n in range(2, 12):
        populated_case(world, n)
    with_twelve = _queries(client, url(name))
    assert with_two == with_twelve
    assert client.get(url(name)).content.decode().count('scope="row"') == 12


def test_list_filters(world, case_world):
    late = populated_case(world, 1)  # overdue werkafspraak and feedback, SMW regisseur
    services.case_transition(case=late, to=Status.UITVOERING, changed_by=world.ib)
    open_case(world, "Noor", level=4)
    client = signed_in_client(world.ib)
    smw = world.partner.memberships.get()

    def names(**params) -> set[str]:
        html = client.get(url("case_list"), params).content.decode()
        return {n for n in ("Sam", "Kind1", "Noor") if f">{n} " in html}

    assert names() == {"Sam", "Kind1", "Noor"}
    assert names(status="uitvoering") == {"Kind1"}
    assert names(level="4") == {"Noor"}
    assert names(regisseur=smw.pk) == {"Kind1"}
    assert names(flagged="ja") == {"Kind1"}
    assert names(flagged="nee") == {"Sam", "Noor"}
    assert names(status="afgesloten") == set()
    html = client.get(url("case_list"), {"status": "afgesloten"}).content.decode()
    assert "Er zijn geen casussen die aan deze filters voldoen." in html


def search(client, **fields):
    """Submit the filter form as the browser does, and follow it to the results page."""
    return client.post(url("case_list"), fields, follow=True)


def test_search_by_pupil_name_is_logged_without_the_term(world, case_world):
    open_case(world, "Noor", "Jansen")
    client = signed_in_client(world.ib)
    html = search(client, q="testkind").content.decode()
    assert "Sam Testkind" in html and "Noor Jansen" not in html
    html = search(client, q="noor jan").content.decode()
    assert "Noor Jansen" in html and "Sam Testkind" not in html
    rows = AccessLogEntry.objects.filter(event=AccessEvent.SEARCH)
    assert rows.count() == 2
    assert {r.what for r in rows} == {"zoeken in casussen"}
    assert not any("noor" in r.what.lower() or "testkind" in r.what.lower() for r in rows)
    # Filtering without a name is not a search.
    search(client, status="signaal")
    assert rows.count() == 2


LINKS = re.compile(r'(?:href|action|hx-get|hx-post|src)="([^"]*)"')


def test_a_searched_name_never_appears_in_an_address(world, case_world, monkeypatch):
    monkeypatch.setattr("cases.views.read.PER_PAGE", 2)
    for first_name in ("Anna", "Bram"):
        open_case(world, first_name, "Testkind")
    open_case(world, "Noor", "Jansen")
    client = signed_in_client(world.ib)

    response = client.post(url("case_list"), {"q": "Testkind", "status": ""})
    assert response.status_code == 302
    location = response["Location"]
    assert "testkind" not in location.lower() and "zoek=" in location
    first = client.get(location)
    html = first.content.decode()
    assert "3 casussen gevonden" in html and "Pagina 1 van 2" in html
    links = LINKS.findall(html)
    assert not [link for link in links if "testkind" in link.lower()]
    # The field still shows what was searched for; that is the page, not an address.
    assert 'value="Testkind"' in html

    # The next page keeps the search: the token travels, the name does not.
    (next_page,) = re.findall(r'rel="next" href="([^"]*)"', html)
    next_page = next_page.replace("&amp;", "&")
    assert "zoek=" in next_page and "testkind" not in next_page.lower()
    second = client.get(url("case_list") + next_page).content.decode()
    assert "Pagina 2 van 2" in second and second.count('scope="row"') == 1
    assert "Noor Jansen" not in html + second
    assert AccessLogEntry.objects.filter(event=AccessEvent.SEARCH).count() == 2

    # A name put in the address by hand is not searched for.
    html = client.get(url("case_list"), {"q": "Jansen"}).content.decode()
    assert "Pagina 1 van 2" in html and "gevonden" not in html


def test_a_search_token_works_only_in_its_own_session(world, case_world):
    open_case(world, "Noor", "Jansen")
    location = signed_in_client(world.ib).post(url("case_list"), {"q": "Jansen"})["Location"]
    html = signed_in_client(world.ib).get(location).content.decode()
    assert "Je zoekopdracht op naam is verlopen." in html
    assert "Sam Testkind" in html  # the unfiltered list, not someone else's search
    assert not AccessLogEntry.objects.filter(event=AccessEvent.SEARCH).exists()


def test_the_list_is_paginated(world, case_world, monkeypatch):
    monkeypatch.setattr("cases.views.read.PER_PAGE", 2)
    for name in ("Anna", "Bram"):
        open_case(world, name)
    client = signed_in_client(world.ib)
    first = client.get(url("case_list")).content.decode()
    assert "Volgende" in first and "Pagina 1 van 2" in first
    second = client.get(url("case_list"), {"pagina": 2, "status": ""}).content.decode()
    assert "Pagina 2 van 2" in second and 'rel="prev"' in second
    assert second.count('scope="row"') == 1


def test_an_htmx_filter_request_gets_only_the_results(world, case_world):
    response = signed_in_client(world.ib).post(
        url("case_list"), {"q": "sam", "level": "3"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="resultaten"')
    assert "Sam Testkind" in html and "<html" not in html
    # The address bar gets the token and the other filters, never the name.
    pushed = response["HX-Push-Url"]
    assert "zoek=" in pushed and "level=3" in pushed and "sam" not in pushed.lower()


def test_an_htmx_filter_request_without_a_name_pushes_only_the_filters(world, case_world):
    response = signed_in_client(world.ib).post(
        url("case_list"), {"status": "signaal"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Push-Url"] == url("case_list") + "?status=signaal"
