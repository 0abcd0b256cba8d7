"""The house style (docs/domain.md, "Huisstijl"): the menu says where you are, every form starts
with an error summary that links to each field, only optional fields say "(niet verplicht)",
selects start with "Kies …", and times read "9.00 uur"."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from partners.forms import KnooppuntSetupForm
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _menu_links(page: str) -> dict[str, str]:
    """Menu link text -> its attributes, from the main menu."""
    menu = page[page.index('aria-label="Hoofdmenu"') : page.index("</nav>")]
    return {
        text.strip(): attrs
        for attrs, text in re.findall(r'<a class="knooppunt-nav__link"([^>]*)>([^<]*)</a>', menu)
    }


def _labels(page: str) -> dict[str, str]:
    """Field id -> the text of its label."""
    return dict(re.findall(r'<label class="utrecht-form-label" for="([^"]+)">(.*?)</label>', page))


def test_the_menu_marks_the_page_you_are_on_and_only_that_one(world):
    client = signed_in_client(world.ib)
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    links = _menu_links(page)
    assert 'aria-current="page"' in links["Overleggen"]
    assert [name for name, attrs in links.items() if "aria-current" in attrs] == ["Overleggen"]

    page = client.get(reverse("partners:setup_detail", args=[world.school.uuid])).content.decode()
    links = _menu_links(page)
    assert 'aria-current="page"' in links["Knooppunt"]
    assert "aria-current" not in links["Overleggen"]
    assert "aria-current" not in links["Vandaag"]


def test_a_page_inside_a_section_marks_that_section(world, case_world):
    client = signed_in_client(world.ib)
    page = client.get(reverse("cases:case_detail", args=[case_world.case.uuid])).content.decode()
    links = _menu_links(page)
    assert 'aria-current="true"' in links["Casussen"]
    assert "aria-current" not in links["Mijn casussen"]


def test_a_form_with_errors_starts_with_a_summary_that_links_to_each_field(world):
    response = signed_in_client(world.ib).post(
        reverse("partners:setup_edit", args=[world.school.uuid]),
        {"start_time": "11:00", "end_time": "09:00"},
    )
    page = response.content.decode()
    summary = page[page.index("data-error-summary") : page.index('class="utrecht-form-field')]
    assert "Er is iets nog niet goed ingevuld" in summary
    links = dict(re.findall(r'<a class="utrecht-link" href="#([^"]+)">([^<]*)</a>', summary))
    assert "De eindtijd moet na de begintijd liggen." in links["id_end_time"]
    assert "Dit veld is verplicht." in links["id_max_partners_per_item"]
    # Every link leads to a field on the page, whose input points at the message beside it.
    for field_id in links:
        assert f'id="{field_id}"' in page
        assert f'id="{field_id}_error"' in page
        assert re.search(rf'aria-describedby="[^"]*\b{field_id}_error"[^>]*id="{field_id}"', page)


def test_a_form_without_errors_has_no_summary(world):
    page = (
        signed_in_client(world.ib)
        .get(reverse("partners:setup_edit", args=[world.school.uuid]))
        .content.decode()
    )
    assert "data-error-summary" not in page


def test_only_optional_fields_say_niet_verplicht():
    form = KnooppuntSetupForm()
    labels = _labels(str(form))
    for name, field in form.fields.items():
        label = labels[form[name].id_for_label]
        assert ("(niet verplicht)" in label) is (not field.required), name
    assert any(field.required for field in form.fields.values())
    assert any(not field.required for field in form.fields.values())


def test_a_form_of_optional_fields_only_marks_none_of_them(world):
    # The case list's filters are all optional: saying so at each one would say nothing.
    page = signed_in_client(world.ib).get(reverse("cases:case_list")).content.decode()
    assert "Status" in page
    assert "(niet verplicht)" not in page


def test_the_new_case_page_has_one_summary_for_all_its_sections(world):
    client = signed_in_client(world.ib)
    page = client.post(reverse("cases:case_new"), {"leerling-first_name": ""}).content.decode()
    assert page.count("data-error-summary") == 1
    summary = page[page.index("data-error-summary") : page.index('<form method="post" novalidate')]
    assert 'href="#id_leerling-first_name"' in summary
    assert 'href="#id_ouder1-' in summary


def test_a_select_starts_with_kies_in_dutch():
    html = str(KnooppuntSetupForm()["meeting_day"])
    assert '<option value="" selected>Kies …</option>' in html
    assert "---------" not in html


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_times_read_nine_point_zero_zero_uur():
    assert _render("{{ t|uur }}", t=datetime.time(9, 0)) == "9.00 uur"
    assert _render("{{ t|uur }}", t=datetime.time(13, 5)) == "13.05 uur"
    assert (
        _render("{{ a|tijdvak:b }}", a=datetime.time(9, 0), b=datetime.time(9, 30))
        == "9.00–9.30 uur"
    )
    assert _render("{{ a|tijdvak:b }}", a=datetime.time(9, 0), b=None) == "9.00 uur"
    assert _render("{{ t|uur }}", t=None) == ""


def test_a_moment_is_shown_in_dutch_local_time():
    # 8.00 UTC on 2 December is 9.00 in Amsterdam (winter time).
    moment = datetime.datetime(2026, 12, 2, 8, 0, tzinfo=datetime.UTC)
    with timezone.override("Europe/Amsterdam"):
        assert _render("{{ m|moment }}", m=moment) == "2 december 2026, 9.00 uur"
        assert _render("{{ m|uur }}", m=moment) == "9.00 uur"
