"""The 办法's eligibility rule, on what the register knows and what the government states.

Years protected come from the register (protected_since, else the year of the announcement,
counted from its last day: the protection is at least that old); the authorised mark users are the
distinct enterprises holding an authorising declaration on the zone's products in its area. The
producers' count and the output share are typed: the register does not hold them."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from cases.models import Declaration, ProtectedProduct

from .models import MIN_YEARS_PROTECTED, THRESHOLD, Level, Zone


def protected_since(product: ProtectedProduct) -> datetime.date | None:
    if product.protected_since:
        return product.protected_since
    if product.announcement_year:
        return datetime.date(product.announcement_year, 12, 31)
    return None


def full_years_between(start: datetime.date, end: datetime.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def authorised_users(zone: Zone) -> int:
    return (
        Declaration.objects.filter(
            status__in=Declaration.AUTHORISED_STATES,
            product__in=zone.products.all(),
            production_region__code__startswith=zone.region.prefix,
        )
        .values("enterprise_id")
        .distinct()
        .count()
    )


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def eligibility_snapshot(zone: Zone, today: datetime.date) -> dict:
    """Every input of the rule with its source, and the verdict with the reasons it fails."""
    threshold = THRESHOLD[Level(zone.level)]
    products = []
    failures = []
    for product in zone.products.order_by("name"):
        since = protected_since(product)
        years = full_years_between(since, today) if since else None
        products.append({"name": product.name, "since": since.isoformat() if since else None, "years": years})
        if years is None or years < MIN_YEARS_PROTECTED or not product.is_protected:
            failures.append(
                _("%(product)s has not been protected for %(years)d years.")
                % {"product": product.name, "years": MIN_YEARS_PROTECTED}
            )
    if not products:
        failures.append(_("Link at least one protected GI product."))
    users = authorised_users(zone)
    producers = zone.producers_count
    users_share = _percent(users, producers) if producers else None
    if producers is None:
        failures.append(_("State the number of producers in the area."))
    elif users > producers:
        failures.append(_("The register counts more mark users than the producers stated."))
    elif users_share is None or users_share < threshold:
        failures.append(
            _("Mark users are %(share)s %% of the producers; at least %(threshold)s %% are required.")
            % {"share": users_share if users_share is not None else 0, "threshold": threshold}
        )
    if zone.output_share is None:
        failures.append(_("State the mark users' share of the area's output."))
    elif zone.output_share < threshold:
        failures.append(
            _("Mark users produce %(share)s %% of the output; at least %(threshold)s %% is required.")
            % {"share": zone.output_share, "threshold": threshold}
        )
    if not zone.no_quality_accident:
        failures.append(_("The government must state that no major quality accident happened in 3 years."))
    return {
        "on": today.isoformat(),
        "threshold": str(threshold),
        "products": products,
        "authorised_users": users,
        "producers": producers,
        "users_share": str(users_share) if users_share is not None else None,
        "output_share": str(zone.output_share) if zone.output_share is not None else None,
        "no_quality_accident": zone.no_quality_accident,
        "eligible": not failures,
        "failures": failures,
    }
