"""The poverty row of the statistics form (地理标志精准扶贫情况), counted from this app's records:
the measures held in the period in the province, and the effects its regions reported."""

from django.utils.translation import gettext_lazy as _

from reports.figures import Figure, register_figures

from .models import EffectReport, Measure


def _measures(province, start, end):
    return Measure.objects.filter(
        held_on__gte=start, held_on__lte=end, regions__code__startswith=province.prefix
    ).select_related("organiser")


def _effects(province, start, end):
    # A report counts in the period its own period ends in; a region's periods do not overlap.
    return EffectReport.objects.filter(
        period_end__gte=start, period_end__lte=end, region__code__startswith=province.prefix
    ).select_related("region")


EFFECTS_METHOD = _("The sum over the effect reports of the province's regions whose period ends in the period.")

FIGURES = (
    Figure(
        "rural_measures",
        _("measures held"),
        _("Measures held in the period in a region of the province (a measure in several regions counts once)."),
        "项",
        _measures,
    ),
    Figure("rural_people", _("people reached"), EFFECTS_METHOD, "人", _effects, total="people_reached"),
    Figure("rural_households", _("households reached"), EFFECTS_METHOD, "户", _effects, total="households_reached"),
    Figure("rural_poor_employed", _("poor people employed"), EFFECTS_METHOD, "人", _effects, total="poor_employed"),
    Figure(
        "rural_output", _("output of GI products (10,000 yuan)"), EFFECTS_METHOD, "万元", _effects, total="gi_output"
    ),
    Figure(
        "rural_online_sales",
        _("online sales of GI products (10,000 yuan)"),
        EFFECTS_METHOD,
        "万元",
        _effects,
        total="online_sales",
    ),
)

register_figures(*FIGURES)
