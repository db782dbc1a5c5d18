"""The door of brand evaluation rounds (docs/architecture.md): pages, task views, the API and the
demo change a round only through these functions; each runs in one transaction with the
service's audit event, and starts the round's flow where the change calls for it."""

import datetime

from django.db import transaction

from accounts.models import User
from cases.models import ProtectedProduct
from organizations.models import Department

# The module, not the class: flows imports the task views, which import these actions.
from . import flows
from .models import BrandRound, Recommendation
from .services import recommendation_add, round_open, stage_complete, stage_decide


@transaction.atomic
def open_round(*, actor: User, year: int, organiser: Department, recommendations_due: datetime.date) -> BrandRound:
    """Open the year's round and put the closing of its call in the organiser's staff's inbox."""
    brand_round = round_open(actor=actor, year=year, organiser=organiser, recommendations_due=recommendations_due)
    flows.BrandRoundFlow.start.run(brand_round=brand_round)
    return brand_round


def recommend(
    *, actor: User, brand_round: BrandRound, product: ProtectedProduct, has_plan: bool, reason: str, files: list
) -> Recommendation:
    return recommendation_add(
        actor=actor, brand_round=brand_round, product=product, has_plan=has_plan, reason=reason, files=files
    )


def complete_stage(*, actor: User, brand_round: BrandRound, data: dict) -> BrandRound:
    return stage_complete(actor=actor, brand_round=brand_round, **data)


def decide_stage(*, actor: User, brand_round: BrandRound, approve: bool, comment: str = "") -> BrandRound:
    return stage_decide(actor=actor, brand_round=brand_round, approve=approve, comment=comment)
