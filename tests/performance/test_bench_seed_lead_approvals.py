"""The volume seed gives the lead persona the same approvals at every size (bench/seeding/volume.py,
FOCUS_LEAD_APPROVALS), so 我的工作's 10k / 1M ratio compares the same list on tables of two sizes."""

import pytest
from django.test import Client

from accounts.models import User
from bench.seed_volume import Seeder, Volume
from bench.seeding.volume import FOCUS_LEAD_APPROVALS

pytestmark = pytest.mark.django_db


def test_the_lead_has_the_approvals_of_the_large_seed_in_a_small_one():
    Seeder(Volume(tasks=10_000), seed=7).run()
    client = Client()
    client.force_login(User.objects.get(username="bench.lead"))
    response = client.get("/work/?show=approvals")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == FOCUS_LEAD_APPROVALS
    assert all(row.approval for row in rows)
