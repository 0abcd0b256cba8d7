"""Changing who is involved in a case and who holds regie; see `cases.views.write`."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import audit, services
from cases.access import CHANGE, get_case_for_user
from cases.forms.involvement import InvolvementForm, RegieForm
from cases.models import Involvement
from cases.views._common import _form_page

# ----- Involvement and regie -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def involvement_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = InvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                involvement = services.involvement_add(
                    case=case, added_by=request.user, **form.cleaned_data
                )
                audit.content_changed(case.access, "betrokkene toegevoegd")
        except ValidationError as error:
            form.add_error("professional", error)
        else:
            messages.success(
                request,
                _("%(organisation)s is betrokken bij de casus.")
                % {"organisation": involvement.organisation.name},
            )
            return redirect("cases:case_involved", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="betrokkenen",
        cancel="cases:case_involved",
        form=form,
        heading=_("Betrokkene toevoegen"),
        intro=_(
            "Een betrokken professional ziet dat de casus bestaat en wie er betrokken zijn. De "
            "inhoud ziet die alleen met toestemming om gegevens met de organisatie te delen."
        ),
        submit=_("Toevoegen"),
    )


@require_http_methods(["GET", "POST"])
def involvement_end(request: HttpRequest, case_uuid: UUID, involvement_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    involvement = get_object_or_404(
        Involvement.objects.select_related("organisation", "professional__user"),
        uuid=involvement_uuid,
        case=case,
    )
    if involvement.end is not None:
        messages.info(request, _("Deze betrokkenheid was al beëindigd."))
        return redirect("cases:case_involved", case_uuid=case.uuid)
    if request.method == "POST":
        with transaction.atomic():
            services.involvement_end(involvement=involvement, ended_by=request.user)
            audit.content_changed(case.access, "betrokkenheid beëindigd")
        messages.success(
            request,
            _("%(organisation)s is niet meer betrokken bij de casus.")
            % {"organisation": involvement.organisation.name},
        )
        return redirect("cases:case_involved", case_uuid=case.uuid)
    who = involvement.organisation.name
    if involvement.professional is not None:
        who = f"{involvement.professional.user.get_full_name()} ({who})"
    return _form_page(
        request,
        case,
        tab="betrokkenen",
        cancel="cases:case_involved",
        heading=_("Betrokkenheid beëindigen?"),
        intro=_(
            "%(who)s is dan vanaf vandaag niet meer betrokken en ziet de casus niet meer, tenzij "
            "er een andere reden voor is. De betrokkenheid blijft zichtbaar in de geschiedenis."
        )
        % {"who": who},
        submit=_("Ja, beëindigen"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
def regie_assign(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = RegieForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                regie = services.regie_assign(
                    case=case, assigned_by=request.user, **form.cleaned_data
                )
                audit.content_changed(case.access, "regie toegewezen")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De %(kind)s is vastgelegd.") % {"kind": regie.get_kind_display().lower()},
            )
            return redirect("cases:case_involved", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="betrokkenen",
        cancel="cases:case_involved",
        form=form,
        heading=_("Regie toewijzen"),
        intro=_(
            "Kies een betrokken professional of een ouder. Wie deze regie nu heeft, houdt die tot "
            "vandaag; de wissel blijft vastgelegd. Staat de professional er niet bij, voeg die "
            "dan eerst toe als betrokkene."
        ),
        submit=_("Regie vastleggen"),
    )
