"""Anonymous advice questions to the kernteam: who may ask, who may read, and the verbs."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases.models import AdviceAnswer, AdviceQuestion
from knooppunt.history import save_with_user
from partners.access import active_memberships, ib_schools
from partners.models import Professional, School, User


def advice_questions_for(*, fetched_by: User) -> QuerySet[AdviceQuestion]:
    """Questions the user asked on behalf of their school, or was invited to answer."""
    return (
        AdviceQuestion.objects.filter(
            Q(school__in=ib_schools(fetched_by)) | Q(experts__in=active_memberships(fetched_by))
        )
        .distinct()
        .select_related("school")
    )


def get_advice_for_user(user: User, question_uuid: UUID) -> AdviceQuestion:
    """404 for whoever neither asked nor was invited."""
    question = advice_questions_for(fetched_by=user).filter(uuid=question_uuid).first()
    if question is None:
        raise Http404
    return question


def expert_membership(user: User, question: AdviceQuestion) -> Professional | None:
    """The user's membership through which they were invited, if any."""
    return question.experts.filter(pk__in=active_memberships(user)).first()


@transaction.atomic
def advice_ask(
    *, school: School, asked_by: User, question: str, experts: list[Professional]
) -> AdviceQuestion:
    """Put an anonymous question to the chosen experts."""
    if not ib_schools(asked_by).filter(pk=school.pk).exists():
        raise ValidationError(_("Alleen de intern begeleider van de school kan dit vragen."))
    if not experts:
        raise ValidationError(_("Kies ten minste één deskundige."))
    advice = AdviceQuestion(school=school, asked_by=asked_by, question=question.strip())
    save_with_user(advice, by=asked_by)
    advice.experts.set(experts)
    return advice


@transaction.atomic
def advice_give(*, question: AdviceQuestion, author: Professional, text: str) -> AdviceAnswer:
    """An invited expert answers."""
    if not question.experts.filter(pk=author.pk).exists():
        raise ValidationError(_("Alleen uitgenodigde deskundigen kunnen advies geven."))
    answer = AdviceAnswer(question=question, author=author, text=text.strip())
    save_with_user(answer, by=author.user)
    return answer
