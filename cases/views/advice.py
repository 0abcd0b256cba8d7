"""Anonymous advice questions: the IB'er asks, invited experts answer, nobody learns who it is."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.advice import (
    advice_ask,
    advice_give,
    advice_questions_for,
    expert_membership,
    get_advice_for_user,
)
from cases.forms.advice import AdviceAnswerForm, AdviceQuestionForm
from partners.access import ib_schools


def advice_list(request: HttpRequest) -> HttpResponse:
    questions = advice_questions_for(fetched_by=request.user).prefetch_related("answers")
    page = Paginator(questions, 25).get_page(request.GET.get("pagina"))
    can_ask = ib_schools(request.user).exists()
    return render(request, "cases/advice_list.html", {"page": page, "can_ask": can_ask})


@require_http_methods(["GET", "POST"])
def advice_new(request: HttpRequest) -> HttpResponse:
    schools = ib_schools(request.user)
    if not schools.exists():
        raise PermissionDenied
    form = AdviceQuestionForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            question = advice_ask(
                school=form.cleaned_data["school"],
                asked_by=request.user,
                question=form.cleaned_data["question"],
                experts=list(form.cleaned_data["experts"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De adviesvraag is uitgezet bij de deskundigen."))
            return redirect("cases:advice_detail", question_uuid=question.uuid)
    return render(request, "cases/advice_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def advice_detail(request: HttpRequest, question_uuid: UUID) -> HttpResponse:
    question = get_advice_for_user(request.user, question_uuid)
    expert = expert_membership(request.user, question)
    form = AdviceAnswerForm(request.POST or None) if expert else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            advice_give(question=question, author=expert, text=form.cleaned_data["text"])
            messages.success(request, _("Je advies is opgeslagen."))
            return redirect("cases:advice_detail", question_uuid=question.uuid)
    answers = question.answers.select_related("author__user", "author__organisation")
    experts = question.experts.select_related("user", "organisation")
    context = {"question": question, "answers": answers, "experts": experts, "form": form}
    return render(request, "cases/advice_detail.html", context)
