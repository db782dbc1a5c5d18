"""The volume seed starts its deadlines on the Beijing day of the task, as deadline_start does, so the
dashboard's days per stage read on a seeded database are the real ones (issue 22)."""

import datetime

import pytest
from django.utils import timezone

from bench.seed_volume import Seeder, Volume
from deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def test_seeded_deadlines_start_on_the_beijing_day_they_were_met_an_hour_after():
    Seeder(Volume(tasks=2_000), seed=7).run()
    met = Deadline.objects.filter(state=Deadline.State.MET).values_list("started_on", "closed_at")
    assert met
    mismatched = [(s, c) for s, c in met if s != timezone.localdate(c - datetime.timedelta(hours=1))]
    assert not mismatched
