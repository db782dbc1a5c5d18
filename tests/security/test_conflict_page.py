"""The 409 page for a lost race (any database): the conflicts the middleware knows, and only those."""

import django_fsm
import pytest
from viewflow.workflow.exceptions import FlowLockFailed

from organizations.models import Role
from tests.factories import make_member
from workflows.conflicts import ConflictMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "exception",
    [
        django_fsm.ConcurrentTransition("changed meanwhile"),
        django_fsm.TransitionNotAllowed("moved on"),
        FlowLockFailed("busy"),
    ],
)
def test_a_lost_race_answers_409_with_a_page(rf, exception):
    request = rf.post("/portal/declarations/1/withdraw/")
    request.user = make_member("AMR-330106", Role.STAFF)
    response = ConflictMiddleware(lambda request: None).process_exception(request, exception)
    assert response.status_code == 409
    assert "already handled" in response.content.decode()


def test_other_errors_still_reach_the_500_page(rf):
    request = rf.post("/portal/declarations/1/withdraw/")
    request.user = make_member("AMR-330106", Role.STAFF)
    assert ConflictMiddleware(lambda request: None).process_exception(request, ValueError("a bug")) is None
