"""Team work on the case pages: {% reassign_form step %} in the next-step panel (for a lead of the
responsible body) and {% case_notes case %} (for the staff who see the case). Both render nothing
for anyone else, so the portal's pages that share the panel never show them."""

from django import template
from django.template.loader import render_to_string

from teamwork.selectors import notes_thread

from ..team.forms import NoteForm
from ..team.kinds import noted_kind_of
from ..team.pages import take_draft
from ..team.selectors import reassign_offer

register = template.Library()


def _request(context):
    # The panel is an inclusion tag: its context keeps the page's request, not its variables.
    return getattr(context, "request", None) or context.get("request")


@register.simple_tag(takes_context=True)
def reassign_form(context, step) -> str:
    request = _request(context)
    if request is None or getattr(step, "in_portal", False):
        return ""
    offer = reassign_offer(request.user, getattr(step, "task", None))
    if offer is None:
        return ""
    return render_to_string("workflows/team/reassign_form.html", {"offer": offer}, request=request)


@register.simple_tag(takes_context=True)
def case_notes(context, case) -> str:
    request = _request(context)
    kind = noted_kind_of(case)
    if request is None or kind is None or not kind.sees(request.user, case):
        return ""
    notes, total = notes_thread(case)
    draft = take_draft(request, kind.slug, case.pk)
    return render_to_string(
        "workflows/team/notes.html",
        {"case": case, "kind": kind, "notes": notes, "total": total, "form": NoteForm(initial={"body": draft})},
        request=request,
    )
