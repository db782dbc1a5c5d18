"""{% case_header process as header %}: what heads the staff pages of the process's case
(workflows/case_header.py), for viewflow's task pages that Terroir draws in its own skin."""

from django import template

from ..case_header import CaseHeader

register = template.Library()


@register.simple_tag
def case_header(process) -> CaseHeader:
    return process.flow_class.instance.case_header(process)
