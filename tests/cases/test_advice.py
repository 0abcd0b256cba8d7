"""Anonymous advice questions: no consent needed, because experts never learn who it is."""

import pytest
from django.urls import reverse

from cases.models import AdviceAnswer, AdviceQuestion
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def ask(ctx, client=None):
    client = client or signed_in_client(ctx.ib)
    return client.post(
        reverse("cases:advice_new"),
        {
            "school": ctx.school.pk,
            "question": "Een kind in groep 5 is vaak moe en stil. Wat kunnen we doen?",
            "experts": [ctx.jeugdarts.memberships.get().pk],
        },
    )


def test_ib_asks_and_the_invited_expert_answers_without_seeing_the_pupil(ctx):
    response = ask(ctx)
    question = AdviceQuestion.objects.get()
    assert response["Location"] == reverse("cases:advice_detail", args=[question.uuid])

    expert = signed_in_client(ctx.jeugdarts)
    page = expert.get(reverse("cases:advice_detail", args=[question.uuid])).content.decode()
    assert "vaak moe en stil" in page
    assert ctx.pupil.first_name not in page and ctx.pupil.last_name not in page

    expert.post(
        reverse("cases:advice_detail", args=[question.uuid]),
        {"text": "Laat de jeugdverpleegkundige meekijken naar slaap en voeding."},
    )
    answer = AdviceAnswer.objects.get()
    assert answer.author.user == ctx.jeugdarts
    assert answer.history.latest().history_user == ctx.jeugdarts


def test_uninvited_professionals_do_not_find_the_question(ctx):
    ask(ctx)
    question = AdviceQuestion.objects.get()
    for user in (ctx.partner, ctx.outsider, ctx.directeur, ctx.ib_other_school):
        url = reverse("cases:advice_detail", args=[question.uuid])
        assert signed_in_client(user).get(url).status_code == 404


def test_the_asker_cannot_answer_as_an_expert(ctx):
    ask(ctx)
    question = AdviceQuestion.objects.get()
    response = signed_in_client(ctx.ib).post(
        reverse("cases:advice_detail", args=[question.uuid]), {"text": "Eigen antwoord"}
    )
    assert response.status_code == 403
    assert not AdviceAnswer.objects.exists()


def test_a_question_needs_text_and_an_expert(ctx):
    response = signed_in_client(ctx.ib).post(
        reverse("cases:advice_new"), {"school": ctx.school.pk, "question": ""}
    )
    assert response.status_code == 200
    assert not AdviceQuestion.objects.exists()


def test_only_ibers_may_ask(ctx):
    assert signed_in_client(ctx.partner).get(reverse("cases:advice_new")).status_code == 403
