from tests.authz.rows import SIGN_IN, Row, everyone


def _question(ctx) -> dict:
    """A question by the IB'er with the youth doctor invited as expert."""
    from cases.advice import advice_ask

    question = advice_ask(
        school=ctx.school,
        asked_by=ctx.ib,
        question="Een kind in groep 5 is vaak moe; wat kunnen we doen?",
        experts=[ctx.jeugdarts.memberships.get()],
    )
    return {"question_uuid": question.uuid}


ROWS = {
    # Everyone signed in has the list; it holds only what they asked or were invited to.
    "cases:advice_list": Row(everyone(200)),
    # Only IB'ers ask.
    "cases:advice_new": Row(everyone(403) | {"ib": 200, "ib_other_school": 200}, changes=True),
    "cases:advice_detail": Row(
        everyone(404) | {"anonymous": SIGN_IN, "ib": 200, "partner_no_consent": 200},
        kwargs=_question,
        changes=True,
    ),
}
