"""The regisseur drafts the plan with the family: start it on a case, change its sections in
the format's order, add and change family members and goals (docs/domain.md, "Gezinsplan").

Every change is a new version of the plan (signatures on earlier versions no longer count) and
writes an access-log row in the same transaction; a form opened before someone else changed the
plan is refused with a message (StaleEdit), never silently overwritten."""

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
from cases.views._common import stale_context
from gezinsplan import services
from gezinsplan.access import plan_start_access_for, plan_write_access_for, regisseurs_of
from gezinsplan.forms import GoalForm, MemberForm, PlanForm, PlanStartForm
from gezinsplan.models import PlanGoal, PlanMember
from gezinsplan.views._common import form_page, stale_message
from knooppunt.concurrency import StaleEdit


def _to_plan(case_uuid: UUID, anchor: str = "") -> HttpResponse:
    response = redirect("gezinsplan:plan_detail", case_uuid=case_uuid)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@require_http_methods(["GET", "POST"])
def plan_start(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    access = plan_start_access_for(actor_for(request), case_uuid)
    if access.plan is not None:
        return _to_plan(case_uuid)
    case = access.case_access.case
    regisseurs = regisseurs_of(case)
    if not regisseurs:
        messages.error(
            request, _("Wijs eerst een regisseur aan op de casus. Die stelt het plan op.")
        )
        return _to_plan(case_uuid)
    form = PlanStartForm(request.POST or None, regisseurs=regisseurs)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.plan_draft(
                    case=case,
                    regisseur=form.cleaned_data["regisseur"],
                    drafted_by=request.user,
                    start_date=form.cleaned_data["start_date"],
                )
                audit.content_changed(access.case_access, "gezinsplan gestart")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Het gezinsplan is gestart. Vul het samen met het gezin in.")
            )
            return _to_plan(case_uuid)
    return form_page(
        request,
        access,
        form=form,
        heading=_("Gezinsplan starten"),
        intro=_(
            "Eén gezin, één plan, één regisseur. De regisseur stelt het plan op met het gezin."
        ),
        submit=_("Plan starten"),
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    access = plan_write_access_for(actor_for(request), case_uuid)
    plan = access.plan
    form = PlanForm(request.POST or None, instance=plan)
    stale = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PlanForm.Meta.fields}
        try:
            with transaction.atomic():
                services.plan_update(
                    plan=plan,
                    changed_by=request.user,
                    fields=fields,
                    expected_version=form.cleaned_data["version"],
                )
                audit.content_changed(access.case_access, "gezinsplan gewijzigd")
        except StaleEdit as error:
            stale = stale_context(form, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het gezinsplan is opgeslagen."))
            return _to_plan(case_uuid)
    audit.content_viewed(access.case_access, "gezinsplan wijzigen")
    return form_page(
        request,
        access,
        form=form,
        heading=_("Gegevens van het plan wijzigen"),
        submit=_("Opslaan"),
        stale=stale,
    )


def _member_page(request, case_uuid: UUID, member_uuid: UUID | None) -> HttpResponse:
    access = plan_write_access_for(actor_for(request), case_uuid)
    plan = access.plan
    member = get_object_or_404(PlanMember, plan=plan, uuid=member_uuid) if member_uuid else None
    form = MemberForm(request.POST or None, instance=member, version=plan.version)
    stale = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in MemberForm.Meta.fields}
        version = form.cleaned_data["version"]
        try:
            with transaction.atomic():
                if member is None:
                    services.member_add(
                        plan=plan, added_by=request.user, expected_version=version, **fields
                    )
                else:
                    services.member_update(
                        member=member,
                        changed_by=request.user,
                        fields=fields,
                        expected_version=version,
                    )
                audit.content_changed(access.case_access, "gezinsplan: gezinslid")
        except StaleEdit as error:
            form.renew(error.current.version)
            stale = stale_message(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het gezinslid is opgeslagen."))
            return _to_plan(case_uuid, "gezinsleden")
    if member is not None:
        audit.content_viewed(access.case_access, "gezinsplan: gezinslid wijzigen")
    return form_page(
        request,
        access,
        form=form,
        heading=_("Gezinslid wijzigen") if member else _("Gezinslid of betrokkene toevoegen"),
        submit=_("Opslaan"),
        stale=stale,
    )


@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    return _member_page(request, case_uuid, None)


@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, case_uuid: UUID, member_uuid: UUID) -> HttpResponse:
    return _member_page(request, case_uuid, member_uuid)


def _goal_page(request, case_uuid: UUID, goal_uuid: UUID | None) -> HttpResponse:
    access = plan_write_access_for(actor_for(request), case_uuid)
    plan = access.plan
    goal = get_object_or_404(PlanGoal, plan=plan, uuid=goal_uuid) if goal_uuid else None
    form = GoalForm(request.POST or None, instance=goal, plan=plan, version=plan.version)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in GoalForm.Meta.fields if name != "members"}
        try:
            with transaction.atomic():
                if goal is None:
                    services.goal_add(
                        plan=plan,
                        added_by=request.user,
                        members=data["members"],
                        expected_version=data["version"],
                        **fields,
                    )
                else:
                    services.goal_update(
                        goal=goal,
                        changed_by=request.user,
                        fields=fields,
                        members=data["members"],
                        expected_version=data["version"],
                    )
                audit.content_changed(access.case_access, "gezinsplan: doel")
        except StaleEdit as error:
            form.renew(error.current.version)
            stale = stale_message(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return _to_plan(case_uuid, "doelen")
    if goal is not None:
        audit.content_viewed(access.case_access, "gezinsplan: doel wijzigen")
    return form_page(
        request,
        access,
        form=form,
        heading=_("Doel wijzigen") if goal else _("Subdoel aanvinken en SMART-doel toevoegen"),
        intro=_(
            "Kies het resultaatgebied en de letter van het subdoel, vink aan voor wie het "
            "geldt, en maak het doel SMART."
        ),
        submit=_("Opslaan"),
        stale=stale,
    )


@require_http_methods(["GET", "POST"])
def goal_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    return _goal_page(request, case_uuid, None)


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, case_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    return _goal_page(request, case_uuid, goal_uuid)
