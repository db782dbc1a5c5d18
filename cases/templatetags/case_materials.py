"""{% case_materials case %} or {% case_materials process=process %}: the materials panel of a case
(templates/includes/materials.html) for the signed-in user, on any page that shows the case."""

from django import template

from ..materials import materials_of

register = template.Library()


@register.inclusion_tag("includes/materials.html", takes_context=True)
def case_materials(context, case=None, process=None):
    """A case of any kind, or a viewflow process (its case is the process's artifact)."""
    if process is not None:
        case = process.artifact
    request = context.get("request")
    return {"materials": materials_of(request.user, case) if request is not None else []}
