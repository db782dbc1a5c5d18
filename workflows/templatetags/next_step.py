"""{% next_step case %}: who acts next on a case, on every case page (workflows.next_step)."""

from django import template

from ..next_step import next_steps

register = template.Library()


@register.inclusion_tag("workflows/includes/next_step.html")
def next_step(cases=None, process=None):
    """One case, several cases of one model (a product's revocations), or a viewflow process."""
    return {"steps": next_steps(cases, process=process)}
