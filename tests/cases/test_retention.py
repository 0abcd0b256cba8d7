"""Data that does not grow forever (docs/security.md targets 8 and 19, docs/domain.md
"Retention"): a closed case past its period is purged with every copy of it, its access-log
rows stay pseudonymised, and the log's monthly partitions are created ahead and dropped whole
after five years. Run on PostgreSQL as the owner of the tables, as the retention job runs."""

import datetime
import re
import uuid
from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from psycopg import sql

from cases import audit
from cases import services as case_services
from cases.access import Actor, case_access_for
from cases.constants import Status
from cases.models import AccessLogEntry, Case, CaseRetention
from cases.retention import retention_run
from cases.retention.pseudonym import pseudonym
from cases.signals import case_purging
from gezinsplan import evaluations as plan_evaluations
from gezinsplan import services as plan_services
from meetings.constants import ReminderKind
from meetings.models import Attendee, Invitation, Reminder
from tests.conftest import CANARY
from tests.gezinsplan.conftest import plan, seal  # noqa: F401  (fixtures)
from tests.meetings.builders import planned_meeting
from tests.tlv.builders import dossier_in
from tests.tlv.conftest import tlv  # noqa: F401  (fixture)
from tlv.access import opp_access_for
from tlv.constants import State
from tlv.models import Attachment, private_storage
from tlv.opp_services import opp_evaluate

pytestmark = pytest.mark.django_db


def years_later(years: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=366 * years)


def _foreign_keys_to(model: type[models.Model], found: dict) -> list[tuple[models.Field, set]]:
    keys = []
    for field in model._meta.fields:
        target = getattr(field.remote_field, "model", None)
        if isinstance(field, models.ForeignKey) and target in found:
            keys.append((field, found[target]))
    history_of = getattr(model, "instance_type", None)
    if history_of in found:
        # A history row names its object by a plain `id`, not a foreign key.
        keys.append((model._meta.get_field("id"), found[history_of]))
    return keys


def copies_of(case: Case) -> Counter[str]:
    """Rows in every table that refer to the case or to anything under it: found by following
    foreign keys down from the case (history and many-to-many tables included, whose keys have
    no database constraint), then by searching every table's text for the UUIDs met on the way
    (a reminder's key, a log row)."""
    found: dict[type[models.Model], set] = {Case: {case.pk}}
    everything = apps.get_models(include_auto_created=True)
    grew = True
    while grew:
        grew = False
        for model in everything:
            for field, ids in _foreign_keys_to(model, found):
                pks = set(
                    model._base_manager.filter(**{f"{field.attname}__in": ids}).values_list(
                        "pk", flat=True
                    )
                )
                if not pks <= found.setdefault(model, set()):
                    found[model] |= pks
                    grew = True
    # The walk starts from the case's id even once it is gone; count only rows that exist.
    counts = +Counter(
        {m._meta.label: m._base_manager.filter(pk__in=pks).count() for m, pks in found.items()}
    )
    uuids = {str(case.uuid)}
    for model, pks in found.items():
        if any(f.name == "uuid" for f in model._meta.fields):
            uuids |= {
                str(u)
                for u in model._base_manager.filter(pk__in=pks).values_list("uuid", flat=True)
            }
    pattern = "|".join(re.escape(u) for u in uuids)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(
                sql.SQL("SELECT count(*) FROM {} AS t WHERE t::text ~ %s").format(
                    sql.Identifier(table)
                ),
                [pattern],
            )
            if count := cursor.fetchone()[0]:
                counts[f"text in {table}"] += count
    return counts


@pytest.fixture
def full_case(ctx, tlv, plan, seal, django_capture_on_commit_callbacks):  # noqa: F811
    """The test case with something in every app: a werkafspraak, a meeting with the mother
    invited for this case alone, a decided TLV request with an attachment and an evaluated OPP,
    a signed and evaluated gezinsplan with its sealed PDF, reminders about it and log rows;
    then closed."""
    case = ctx.case
    werkafspraak = case_services.werkafspraak_add(
        case=case,
        author=ctx.ib,
        assignee_organisation=ctx.smw,
        what=f"Afspraak {CANARY}",
        due_date=datetime.date(2027, 1, 4),
    )
    meeting = planned_meeting(ctx)
    with django_capture_on_commit_callbacks(execute=True):
        for guardian in (ctx.mother, ctx.father):
            plan_services.plan_sign(
                plan=plan,
                expected_version=plan.version,
                user=ctx.ib,
                ip="192.0.2.7",
                guardian=guardian,
            )
    plan_evaluations.evaluation_record(
        plan=plan,
        recorded_by=ctx.partner,
        date=datetime.date(2026, 12, 1),
        text=f"Evaluatie {CANARY}",
        outcomes={plan.goals.get(): f"Uitkomst {CANARY}"},
    )
    dossier = dossier_in(ctx, State.DECIDED)
    opp_evaluate(
        access=opp_access_for(Actor.of(ctx.ib), dossier.uuid),
        held_on=timezone.localdate(),
        achieved=f"Bereikt {CANARY}",
        next_step="Verder",
    )
    Reminder.objects.create(
        kind=ReminderKind.EVALUATION_DUE,
        key=f"werkafspraak:{werkafspraak.uuid}:2027-01-04",
        email=ctx.ib.email,
        link="/casussen/",
    )
    Reminder.objects.create(
        kind=ReminderKind.TLV_DEADLINE,
        key=f"tlv:{dossier.uuid}:2027-01-04",
        email=ctx.trajectbegeleider.email,
        link="/tlv/",
    )
    audit.content_viewed(case_access_for(Actor.of(ctx.ib), case.uuid), "overzicht")
    audit.content_viewed(case_access_for(Actor.of(ctx.partner), case.uuid), "overzicht")
    case = Case.objects.get(pk=case.pk)
    case_services.case_transition(
        case=case, to=Status.AFGESLOTEN, changed_by=ctx.ib, reason="Klaar"
    )
    return Case.objects.get(pk=case.pk), meeting, dossier


def test_a_purge_leaves_no_copy_of_the_case_and_keeps_its_log_pseudonymised(
    full_case, ctx, django_capture_on_commit_callbacks
):
    case, meeting, dossier = full_case
    mother = Attendee.objects.get(meeting=meeting, guardian=ctx.mother)
    files = list(Attachment.objects.filter(dossier=dossier).values_list("file", flat=True))
    assert files and all(private_storage.exists(name) for name in files)
    before = copies_of(case)
    for table in (
        "cases.HistoricalCase",
        "cases.CaseUserObjectPermission",
        "cases.HistoricalWerkafspraak",
        "meetings.HistoricalAgendaItem",
        "meetings.HistoricalAttendee_items",
        "tlv.HistoricalAttachment",
        "gezinsplan.Signature",
        "gezinsplan.ArchivedPlan",
        "gezinsplan.SignedRendering",
        "gezinsplan.HistoricalPlanGoal_members",
        "gezinsplan.GoalEvaluation",
        "tlv.OppEvaluation",
        "tlv.HistoricalDecision",
        "text in meetings_reminder",
        "text in cases_accesslogentry",
    ):
        assert before[table] > 0, table
    logged = AccessLogEntry.objects.filter(case_uuid=case.uuid).count()

    with django_capture_on_commit_callbacks(execute=True):
        report = retention_run(now=years_later(3))

    assert report.cases_purged == 1
    assert copies_of(case) == Counter()
    # Invited for this case alone: the mother goes with her invitations; the partner, also on
    # the general item, stays.
    assert not Attendee.objects.filter(pk=mother.pk).exists()
    assert not Invitation.objects.filter(attendee_id=mother.pk).exists()
    assert Attendee.objects.filter(meeting=meeting, user=ctx.partner).exists()
    assert not any(private_storage.exists(name) for name in files)
    # The log keeps every row, with pupil and case replaced by their keyed pseudonyms.
    kept = AccessLogEntry.objects.filter(case_uuid=pseudonym(case.uuid))
    assert kept.count() == logged
    assert set(kept.values_list("pupil_uuid", "pseudonymised")) == {
        (pseudonym(ctx.pupil.uuid), True)
    }
    assert report.rows_removed["cases.AccessLogEntry (gepseudonimiseerd)"] == logged


def test_each_samenwerkingsverband_keeps_closed_cases_for_its_own_period(ctx):
    case_services.case_transition(
        case=ctx.case, to=Status.AFGESLOTEN, changed_by=ctx.ib, reason="Klaar"
    )
    CaseRetention.objects.create(
        samenwerkingsverband=ctx.school.samenwerkingsverband, years_after_closing=5
    )
    assert settings.CASE_RETENTION_YEARS < 5
    assert retention_run(now=years_later(3)).cases_purged == 0
    assert retention_run(now=years_later(6)).cases_purged == 1
    assert not Case.objects.filter(pk=ctx.case.pk).exists()


def test_an_open_case_is_never_purged(ctx):
    assert retention_run(now=years_later(30)).cases_purged == 0
    assert Case.objects.filter(pk=ctx.case.pk).exists()


def test_the_job_logs_counts_and_a_pseudonym_never_a_name_or_content(ctx, caplog):
    case_services.case_transition(
        case=ctx.case, to=Status.AFGESLOTEN, changed_by=ctx.ib, reason="Klaar"
    )
    with caplog.at_level("INFO", logger="cases.retention"):
        retention_run(now=years_later(3))
    (line,) = [r.getMessage() for r in caplog.records if "case purged" in r.getMessage()]
    assert str(pseudonym(ctx.case.uuid)) in line and "cases.HistoricalCase" in line
    assert str(ctx.case.uuid) not in line
    assert not {"Sam", "Testkind", CANARY} & set(re.findall(r"[\w-]+", line))


def partition_of(entry_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM cases_accesslogentry WHERE id = %s", [entry_id]
        )
        return cursor.fetchone()[0]


def insert_at(moment: datetime.datetime) -> int:
    """A log row at a past moment, as the owner writes it (the app's rows take the time now)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_accesslogentry (at, event, user_name, on_behalf_of, organisation,"
            " role, what, legal_basis, pseudonymised, case_uuid)"
            " VALUES (%s, 'inzien', 'Test', '', '', '', 'casuspagina', '', false, %s) RETURNING id",
            [moment, uuid.uuid4()],
        )
        return cursor.fetchone()[0]


def add_month(month: datetime.date) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cases_accesslog_add_month(%s)", [month])


def test_rows_land_in_the_partition_of_their_utc_month():
    entry = AccessLogEntry.objects.create(event="inzien", user_name="Test", what="casuspagina")
    now = timezone.now().astimezone(datetime.UTC)
    assert partition_of(entry.pk) == f"cases_accesslogentry_y{now:%Y}m{now:%m}"
    add_month(datetime.date(2021, 3, 1))
    # Midnight on 1 April in Amsterdam is still March in UTC.
    moment = datetime.datetime(2021, 3, 31, 22, 30, tzinfo=datetime.UTC)
    assert partition_of(insert_at(moment)) == "cases_accesslogentry_y2021m03"


def test_the_job_creates_months_ahead_and_drops_only_months_past_five_years():
    today = timezone.now().astimezone(datetime.UTC).date()
    too_old = datetime.date(today.year - 6, today.month, 1)
    kept = datetime.date(today.year - 4, today.month, 1)
    next_year = datetime.date(today.year + 1, today.month, 1)
    for month in (too_old, kept):
        add_month(month)
        insert_at(datetime.datetime(month.year, month.month, 2, tzinfo=datetime.UTC))
    report = retention_run()
    assert report.partitions_dropped == {f"cases_accesslogentry_y{too_old:%Y}m{too_old:%m}": 1}
    names = [f"cases_accesslogentry_y{m:%Y}m{m:%m}" for m in (too_old, kept, next_year)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s), to_regclass(%s), to_regclass(%s)", names)
        assert cursor.fetchone() == (None, names[1], names[2])


def test_no_task_results_are_stored():
    # Tasks take ids and their results are never kept: no copy of a case in a result backend.
    assert settings.CELERY_TASK_IGNORE_RESULT
    assert not getattr(settings, "CELERY_RESULT_BACKEND", None)


def test_a_case_that_cannot_go_is_left_whole_and_the_others_still_go(ctx, world):
    # Without the meetings' part of the purge, the agenda item protects its case.
    from meetings.receivers import purge_case

    planned_meeting(ctx)
    other = case_services.case_open(
        pupil=ctx.pupil,
        opened_by=world.ib,
        level=2,
        leervraag=True,
        complexity="enkelvoudig",
        question="Andere vraag",
    )
    for case in (ctx.case, other):
        case_services.case_transition(
            case=case, to=Status.AFGESLOTEN, changed_by=ctx.ib, reason="Klaar"
        )
    case_purging.disconnect(dispatch_uid="meetings_purge_case")
    try:
        report = retention_run(now=years_later(3))
    finally:
        case_purging.connect(purge_case, dispatch_uid="meetings_purge_case")
    assert (report.cases_purged, report.cases_failed) == (1, 1)
    assert Case.objects.get(pk=ctx.case.pk).involvements.exists()
    assert not Case.objects.filter(pk=other.pk).exists()
