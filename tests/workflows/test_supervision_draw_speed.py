"""A draw is recorded in a fixed number of statements; the worker opens each check exactly once (ADR 0021)."""

import random

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_fsm import TransitionNotAllowed
from guardian.shortcuts import get_users_with_perms
from hypothesis import given, settings
from hypothesis import strategies as st
from viewflow.workflow.models import Task

from audit.models import AuditEvent
from audit.verification import verify_audit_chain
from cases.models import Declaration, SupervisionCheck
from cases.supervision.draw import Candidate, DrawnCheck, draw, draw_by_ids
from deadlines.models import Deadline
from notifications.models import Notification
from organizations.models import Role
from tests.factories import make_member
from tests.factories.supervision import provincial_campaign, published_declarations
from workflows.jobs import job_named
from workflows.supervision.actions import draw_campaign, open_drawn_checks
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = pytest.mark.django_db


# The statements of one draw, whatever its size: lock the campaign (with its organiser), the lead's permission (2),
# the regions (2) and products, the candidates' ids, the inspectors, their conflicts, lock the
# drawn declarations, the campaign, the declarations' update, the checks' insert, the audit events
# (one INSERT, signed at insert and sealed later by the worker: ADR 0059) and the savepoint pair.
DRAW_QUERIES = 16


@pytest.mark.parametrize("sample_size", [10, 20])
def test_a_draw_costs_the_same_statements_for_10_and_20_checks(sample_size):
    published_declarations(sample_size + 2)
    lead, _inspectors, campaign = provincial_campaign(inspector_count=4, sample_size=sample_size)
    with CaptureQueriesContext(connection) as queries:
        checks = draw_campaign(actor=lead, campaign=campaign, seed=f"pin-{sample_size}")
    assert len(checks) == sample_size
    assert len(queries) == DRAW_QUERIES, "\n".join(query["sql"][:120] for query in queries)


@pytest.fixture
def recorded():
    """A draw of 3 among 5 declarations, as the lead's request leaves it: not yet opened."""
    published_declarations(5)
    lead, inspectors, campaign = provincial_campaign(inspector_count=4, sample_size=3)
    checks = draw_campaign(actor=lead, campaign=campaign, seed="recorded")
    return lead, inspectors, campaign, checks


def processes_of(check):
    return SupervisionCheckFlow.process_class.objects.filter(
        flow_class=SupervisionCheckFlow, artifact_object_id=check.pk
    )


def test_the_draw_records_every_declaration_under_check_with_its_audit_event(recorded):
    lead, _inspectors, campaign, checks = recorded
    for check in checks:
        declaration = Declaration.objects.get(pk=check.declaration_id)
        assert declaration.status == Declaration.Status.UNDER_CHECK
        [event] = AuditEvent.objects.filter(action="declaration.start_check", target_id=str(declaration.pk))
        assert (event.actor, event.from_state, event.to_state) == (lead, "published", "under_check")
        assert event.data == {"campaign": campaign.reference}
    untouched = Declaration.objects.exclude(pk__in=[c.declaration_id for c in checks])
    assert set(untouched.values_list("status", flat=True)) == {"published"}
    draw_event = AuditEvent.objects.get(action="campaign.draw")
    assert draw_event.sequence == AuditEvent.objects.latest("sequence").sequence
    assert len(draw_event.data["drawn"]) == 3 and draw_event.data["seed"] == "recorded"
    assert verify_audit_chain().ok


def test_checks_wait_to_be_opened_and_nobody_is_told_before(recorded):
    _lead, _inspectors, _campaign, checks = recorded
    for check in checks:
        assert SupervisionCheck.objects.get(pk=check.pk).is_being_opened
        assert not processes_of(check).exists()
        assert not get_users_with_perms(check, only_with_perms_in=["perform_check"]).exists()
    assert not Notification.objects.filter(
        kind__in=["supervision.check_assigned", "declaration.selected_for_check"]
    ).exists()


def assert_opened_once(check):
    check = SupervisionCheck.objects.select_related("declaration__enterprise").get(pk=check.pk)
    assert check.opened_at is not None
    [process] = processes_of(check)
    [task] = Task.objects.filter(process=process, flow_task_type="HUMAN")
    assert task.flow_task.name == "inspect"
    assert Deadline.objects.filter(task=task).count() == 1
    holders = set(get_users_with_perms(check, only_with_perms_in=["perform_check"]))
    assert holders == {check.inspector_a, check.inspector_b}
    for inspector in (check.inspector_a, check.inspector_b):
        assert (
            Notification.objects.filter(
                recipient=inspector, kind="supervision.check_assigned", target_id=check.pk
            ).count()
            == 1
        )
    producer_notices = Notification.objects.filter(
        kind="declaration.selected_for_check", target_id=check.declaration_id
    )
    assert producer_notices.count() == check.declaration.enterprise.accounts.filter(is_active=True).count() >= 1


def test_the_worker_opens_each_check_exactly_once_even_run_twice(recorded):
    _lead, _inspectors, _campaign, checks = recorded
    job = job_named("open_drawn_checks")
    assert job.run() == 3
    assert job.run() == 0
    assert open_drawn_checks() == 0
    for check in checks:
        assert_opened_once(check)


def test_a_check_that_fails_to_open_is_left_for_the_next_run_and_the_others_open(recorded, monkeypatch):
    _lead, _inspectors, _campaign, checks = recorded
    broken = checks[0]
    original = SupervisionCheckFlow.start.run

    def failing_for_one(*, check):
        if check.pk == broken.pk:
            raise RuntimeError("the mail template is broken")
        return original(check=check)

    monkeypatch.setattr(SupervisionCheckFlow.start, "run", failing_for_one)
    assert open_drawn_checks() == 2
    broken = SupervisionCheck.objects.get(pk=broken.pk)
    assert broken.is_being_opened and not processes_of(broken).exists()
    # Nothing of the failed opening stays behind: no permission, no notification.
    assert not get_users_with_perms(broken, only_with_perms_in=["perform_check"]).exists()
    assert not Notification.objects.filter(kind="supervision.check_assigned", target_id=broken.pk).exists()
    monkeypatch.undo()
    assert open_drawn_checks() == 1
    for check in checks:
        assert_opened_once(check)


def test_a_draw_rolled_back_leaves_nothing_to_open():
    published_declarations(3)
    lead, _inspectors, campaign = provincial_campaign(sample_size=2)
    with transaction.atomic():
        draw_campaign(actor=lead, campaign=campaign, seed="undone")
        transaction.set_rollback(True)
    assert open_drawn_checks() == 0
    assert set(Declaration.objects.values_list("status", flat=True)) == {"published"}


def test_the_campaign_page_shows_checks_being_opened_then_their_status(client, recorded):
    lead, _inspectors, campaign, _checks = recorded
    client.force_login(lead)
    client.cookies["terroir_language"] = "en"
    with translation.override("en"):
        page = client.get(f"/supervision/{campaign.pk}/").content.decode()
        assert page.count("being opened") == 3 + 1  # each row, and the line above the table
        assert 'http-equiv="refresh"' in page
        open_drawn_checks()
        page = client.get(f"/supervision/{campaign.pk}/").content.decode()
    assert "being opened" not in page and 'http-equiv="refresh"' not in page
    assert page.count("to be checked") == 3


def test_the_draw_button_tells_the_lead_the_tasks_follow(client):
    published_declarations(2)
    lead, _inspectors, campaign = provincial_campaign(sample_size=2)
    client.force_login(lead)
    client.cookies["terroir_language"] = "zh-hans"
    response = client.post(f"/supervision/{campaign.pk}/draw/", follow=True)
    page = response.content.decode()
    assert "已抽取 2 项声明" in page


@settings(max_examples=60, deadline=None)
@given(
    seed=st.text(min_size=1, max_size=12),
    count=st.integers(min_value=0, max_value=40),
    ids=st.sets(st.integers(min_value=1, max_value=10_000), max_size=60),
)
def test_drawing_from_ids_replays_the_draws_made_from_whole_candidates(seed, count, ids):
    """Stored seeds stay valid: the reference below is the draw as written before ADR 0021."""
    candidates = [Candidate(declaration_id=i, enterprise_id=100 + i % 5) for i in ids]
    inspectors = [1, 2, 3, 4]

    def reference() -> list[DrawnCheck]:
        rng = random.Random(seed)
        ordered = sorted(candidates, key=lambda c: c.declaration_id)
        chosen = rng.sample(ordered, k=min(count, len(ordered)))
        drawn = []
        for position, candidate in enumerate(chosen, start=1):
            first, second = rng.sample(inspectors, 2)
            drawn.append(DrawnCheck(position, candidate.declaration_id, candidate.enterprise_id, first, second))
        return drawn

    asked = []

    def enterprises_of(chosen):
        asked.append(list(chosen))
        return {i: 100 + i % 5 for i in chosen}

    shuffled = list(ids)
    random.Random(0).shuffle(shuffled)
    by_ids = draw_by_ids(
        declaration_ids=shuffled,
        enterprises_of=enterprises_of,
        inspectors=inspectors,
        conflicts=set(),
        count=count,
        seed=seed,
    )
    assert by_ids == reference()
    assert by_ids == draw(candidates=candidates, inspectors=inspectors, conflicts=set(), count=count, seed=seed)
    assert len(asked) == 1 and len(asked[0]) == min(count, len(ids))


def test_a_second_lead_drawing_the_same_campaign_gets_no_second_draw():
    published_declarations(3)
    lead, _inspectors, campaign = provincial_campaign(sample_size=2)
    other_lead = make_member("AMR-330000", Role.LEAD)
    draw_campaign(actor=lead, campaign=campaign, seed="first")
    with pytest.raises(TransitionNotAllowed):
        draw_campaign(actor=other_lead, campaign=campaign, seed="second")
    assert SupervisionCheck.objects.count() == 2
    assert AuditEvent.objects.filter(action="campaign.draw").count() == 1


def test_a_national_campaign_reads_its_candidates_without_a_region_filter():
    from cases.supervision.services import campaign_candidates
    from organizations.models import Region

    declarations = published_declarations(3)  # in 西湖区, Hangzhou, Zhejiang
    _lead, _inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=2)
    in_hangzhou = campaign_candidates(campaign)
    assert "production_region_id" in str(in_hangzhou.values("pk").query)
    assert set(in_hangzhou) == set(declarations)
    campaign.regions.set(Region.objects.filter(code="320000"))  # 江苏: none of them
    assert list(campaign_candidates(campaign)) == []
    # Every province: the whole country, where the 3,000 region ids would filter nothing.
    campaign.regions.set(Region.objects.filter(level=Region.Level.PROVINCE))
    national = campaign_candidates(campaign)
    assert "production_region_id" not in str(national.values("pk").query)
    assert set(national) == set(declarations)
