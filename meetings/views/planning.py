"""The year planning of a school: read by whoever may read its knooppunt set-up (it holds no
case data), made by its IB'er from rules, with single dates edited by hand."""

import datetime
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knooppunt.pdf import render_pdf
from meetings import planning
from meetings.access import meetings_visible_to
from meetings.forms.planning import PlanningRuleForm, PresenceDayForm
from meetings.models import PlanningRule, PresenceDay
from partners.access import get_school_for_user, is_ib_of
from partners.models import School


def _year(request: HttpRequest) -> int:
    """The school year asked for with ?jaar=2026; the current one otherwise."""
    value = request.GET.get("jaar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return planning.current_school_year()


def _planning_url(school: School, year: int) -> str:
    return f"{reverse('meetings:planning', kwargs={'school_uuid': school.uuid})}?jaar={year}"


def _context(request: HttpRequest, school: School, year: int) -> dict:
    entries = planning.planning_entries(school=school, school_year=year)
    meeting_ids = [e.meeting.pk for e in entries if e.meeting]
    linked = set(
        meetings_visible_to(request.user).filter(pk__in=meeting_ids).values_list("pk", flat=True)
    )
    return {
        "school": school,
        "year": year,
        "year_label": planning.school_year_label(year),
        "entries": entries,
        "linked_meetings": linked,
        "can_edit": is_ib_of(request.user, school),
    }


@require_GET
def planning_detail(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid)
    year = _year(request)
    context = _context(request, school, year)
    if context["can_edit"]:
        rules = list(PlanningRule.objects.filter(school=school, school_year=year))
        for rule in rules:
            rule.skipped = [datetime.date.fromisoformat(day) for day in rule.skip_dates]
        context["rules"] = rules
    context |= {"previous_year": year - 1, "next_year": year + 1}
    return render(request, "meetings/planning/planning.html", context)


@require_GET
def planning_pdf(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid)
    year = _year(request)
    pdf = render_pdf("pdf/year_overview.html", _context(request, school, year))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"jaarplanning-{school.brin}-{planning.school_year_label(year)}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ----- Rules -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    form = PlanningRuleForm(request.POST or None, school_year=_year(request))
    if request.method == "POST" and form.is_valid():
        try:
            rule = planning.planning_rule_add(
                school=school, added_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De regel is toegevoegd. Kies ‘Genereer data’ om de data in te plannen."),
            )
            return redirect(_planning_url(school, rule.school_year))
    return render(request, "meetings/planning/rule_form.html", {"school": school, "form": form})


def _rule_of(school: School, rule_uuid: UUID) -> PlanningRule:
    return get_object_or_404(PlanningRule, uuid=rule_uuid, school=school)


@require_POST
def rule_generate(request: HttpRequest, school_uuid: UUID, rule_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    rule = _rule_of(school, rule_uuid)
    try:
        added = planning.planning_generate(rule=rule, generated_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            message = ngettext(
                "Er is %(count)d datum toegevoegd.", "Er zijn %(count)d data toegevoegd.", added
            )
            messages.success(request, message % {"count": added})
        else:
            messages.info(request, _("Er waren geen nieuwe data om toe te voegen."))
    return redirect(_planning_url(school, rule.school_year))


@require_http_methods(["GET", "POST"])
def rule_remove(request: HttpRequest, school_uuid: UUID, rule_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    rule = _rule_of(school, rule_uuid)
    if request.method == "POST":
        planning.planning_rule_remove(rule=rule, removed_by=request.user)
        messages.success(request, _("De regel is verwijderd; de data in de planning blijven."))
        return redirect(_planning_url(school, rule.school_year))
    return render(request, "meetings/planning/rule_remove.html", {"school": school, "rule": rule})


# ----- Presence days ---------------------------------------------------------------------------


def _day_of(school: School, day_uuid: UUID) -> PresenceDay:
    return get_object_or_404(PresenceDay, uuid=day_uuid, school=school)


def _year_of(day) -> int:
    return planning.school_year_of(day.date)


@require_http_methods(["GET", "POST"])
def presence_day_add(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    form = PresenceDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            day = planning.presence_day_add(
                school=school, added_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De aanwezigheidsdag is toegevoegd."))
            return redirect(_planning_url(school, _year_of(day)))
    context = {"school": school, "form": form, "year": _year(request)}
    return render(request, "meetings/planning/presence_day_form.html", context)


@require_http_methods(["GET", "POST"])
def presence_day_edit(request: HttpRequest, school_uuid: UUID, day_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    day = _day_of(school, day_uuid)
    form = PresenceDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        try:
            planning.presence_day_update(day=day, changed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De aanwezigheidsdag is gewijzigd."))
            return redirect(_planning_url(school, _year_of(day)))
    context = {"school": school, "form": form, "day": day, "year": _year_of(day)}
    return render(request, "meetings/planning/presence_day_form.html", context)


@require_http_methods(["GET", "POST"])
def presence_day_remove(request: HttpRequest, school_uuid: UUID, day_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    day = _day_of(school, day_uuid)
    if request.method == "POST":
        planning.presence_day_remove(day=day, removed_by=request.user)
        messages.success(request, _("De aanwezigheidsdag is verwijderd."))
        return redirect(_planning_url(school, _year_of(day)))
    context = {"school": school, "day": day, "year": _year_of(day)}
    return render(request, "meetings/planning/presence_day_remove.html", context)
