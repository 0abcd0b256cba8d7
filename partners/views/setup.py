"""The school's knooppunt set-up: read by the school's partners, edited by its IB'er."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knooppunt.pdf import render_pdf
from partners import services
from partners.access import get_school_for_user, is_ib_of
from partners.constants import Participation
from partners.forms import KnooppuntPartnerForm, KnooppuntSetupForm
from partners.models import KnooppuntPartner, School
from partners.selectors import knooppunt_partner_table


def _setup_context(request: HttpRequest, school: School) -> dict:
    setup = services.knooppunt_setup_for(school=school)
    return {
        "school": school,
        "setup": setup,
        "partner_table": knooppunt_partner_table(setup=setup),
        "can_edit": is_ib_of(request.user, school),
    }


def setup_detail(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid)
    return render(request, "partners/setup_detail.html", _setup_context(request, school))


def setup_pdf(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid)
    pdf = render_pdf("pdf/knooppunt_setup.html", _setup_context(request, school))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="knooppunt-{school.brin}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def setup_edit(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    setup = services.knooppunt_setup_for(school=school)
    form = KnooppuntSetupForm(request.POST or None, instance=setup)
    if request.method == "POST" and form.is_valid():
        services.knooppunt_setup_update(school=school, changed_by=request.user, **form.cleaned_data)
        messages.success(request, _("De inrichting van het knooppunt is opgeslagen."))
        return redirect("partners:setup_detail", school_uuid=school.uuid)
    return render(request, "partners/setup_edit.html", {"school": school, "form": form})


@require_http_methods(["GET", "POST"])
def partner_add(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    initial = {"participation": request.GET.get("deelname", Participation.INCIDENTAL)}
    form = KnooppuntPartnerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation") or services.organisation_get_or_create(
            name=data["new_organisation_name"], kind=data["new_organisation_kind"]
        )
        del data["new_organisation_name"], data["new_organisation_kind"]
        try:
            services.knooppunt_partner_add(
                school=school, added_by=request.user, organisation=organisation, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is toegevoegd.") % {"name": organisation})
            return redirect("partners:setup_detail", school_uuid=school.uuid)
    return render(request, "partners/partner_form.html", {"school": school, "form": form})


def _partner_of(school: School, partner_uuid: UUID) -> KnooppuntPartner:
    return get_object_or_404(
        KnooppuntPartner.objects.select_related("organisation"),
        uuid=partner_uuid,
        setup__school=school,
    )


@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, school_uuid: UUID, partner_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    partner = _partner_of(school, partner_uuid)
    form = KnooppuntPartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.knooppunt_partner_update(
                partner=partner, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De gegevens van de partner zijn opgeslagen."))
            return redirect("partners:setup_detail", school_uuid=school.uuid)
    context = {"school": school, "form": form, "partner": partner}
    return render(request, "partners/partner_form.html", context)


@require_http_methods(["GET", "POST"])
def partner_remove(request: HttpRequest, school_uuid: UUID, partner_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    partner = _partner_of(school, partner_uuid)
    if request.method == "POST":
        services.knooppunt_partner_remove(partner=partner, removed_by=request.user)
        messages.success(
            request,
            _("%(name)s staat niet meer in het knooppunt.") % {"name": partner.organisation},
        )
        return redirect("partners:setup_detail", school_uuid=school.uuid)
    return render(request, "partners/partner_remove.html", {"school": school, "partner": partner})
