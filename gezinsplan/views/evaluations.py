"""The regisseur records an evaluation on one of the plan's evaluation dates: per goal what
happened (docs/domain.md, "Evaluating the gezinsplan"). Parents sign it in the portal, the
same way as the plan; any change to it is a new version that everyone signs again."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import audit
from cases.access import actor_for
from gezinsplan import evaluations
from gezinsplan.access import plan_write_access_for
from gezinsplan.forms import EvaluationForm
from gezinsplan.models import PlanEvaluation
from gezinsplan.views._common import form_page, stale_message
from knooppunt.concurrency import StaleEdit


def _to_evaluations(case_uuid: UUID) -> HttpResponse:
    response = redirect("gezinsplan:plan_detail", case_uuid=case_uuid)
    response["Location"] += "#evaluaties"
    return response


@require_http_methods(["GET", "POST"])
def evaluation_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    access = plan_write_access_for(actor_for(request), case_uuid)
    plan = access.plan
    form = EvaluationForm(request.POST or None, plan=plan, version=plan.version)
    if not form.fields["date"].choices:
        messages.error(
            request,
            _("Er is geen evaluatiedatum meer open. Zet eerst een evaluatiedatum in het plan."),
        )
        return _to_evaluations(case_uuid)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                evaluations.evaluation_record(
                    plan=plan,
                    recorded_by=request.user,
                    date=form.cleaned_data["date"],
                    text=form.cleaned_data["text"],
                    outcomes=form.outcomes(),
                )
                audit.content_changed(access.case_access, "gezinsplan: evaluatie vastgelegd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De evaluatie is opgeslagen. Nu kan het gezin tekenen."))
            return _to_evaluations(case_uuid)
    audit.content_viewed(access.case_access, "gezinsplan: evaluatie vastleggen")
    return form_page(
        request,
        access,
        form=form,
        heading=_("Evaluatie vastleggen"),
        intro=_("Schrijf per doel op wat er is gebeurd. Het gezin ondertekent de evaluatie."),
        submit=_("Opslaan"),
    )


@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, case_uuid: UUID, evaluation_uuid: UUID) -> HttpResponse:
    access = plan_write_access_for(actor_for(request), case_uuid)
    plan = access.plan
    evaluation = get_object_or_404(PlanEvaluation, plan=plan, uuid=evaluation_uuid)
    form = EvaluationForm(
        request.POST or None, plan=plan, evaluation=evaluation, version=evaluation.version
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                evaluations.evaluation_update(
                    evaluation=evaluation,
                    changed_by=request.user,
                    text=form.cleaned_data["text"],
                    outcomes=form.outcomes(),
                    expected_version=form.cleaned_data["version"],
                )
                audit.content_changed(access.case_access, "gezinsplan: evaluatie gewijzigd")
        except StaleEdit as error:
            form.renew(error.current.version)
            stale = stale_message(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De evaluatie is opgeslagen."))
            return _to_evaluations(case_uuid)
    audit.content_viewed(access.case_access, "gezinsplan: evaluatie wijzigen")
    return form_page(
        request,
        access,
        form=form,
        heading=_("Evaluatie van %(date)s wijzigen")
        % {"date": evaluation.date.strftime("%d-%m-%Y")},
        intro=_("Na een wijziging ondertekent het gezin de evaluatie opnieuw."),
        submit=_("Opslaan"),
        stale=stale,
    )
