"""The two actions of team work, posted from the case pages: each answers with the case page and a
message saying what happened (or why nothing did)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from accounts.types import AuthenticatedHttpRequest

from ..visibility import staff_or_404
from ..what_follows import joined, what_follows
from . import actions
from .forms import NoteForm, ReassignForm
from .kinds import case_page_url, noted_kind
from .selectors import writing_department

# What a refused note said, kept for the form once (the page redirects).
NOTE_DRAFTS = "teamwork_note_drafts"


def _refusal(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


@require_POST
def task_reassign(request: AuthenticatedHttpRequest, task_pk: int) -> HttpResponse:
    staff_or_404(request.user)
    task = Task.objects.select_related("process").filter(pk=task_pk).first()
    if task is None or not task.flow_task.flow_class.instance.process_visible_to(request.user, task.process):
        raise Http404
    case_page = case_page_url(task.process.artifact) or "/"
    form = ReassignForm(request.POST)
    person = None
    if form.is_valid():
        person = get_user_model().objects.filter(pk=form.cleaned_data["to"], is_active=True).first()
    if person is None:
        messages.error(request, _("Choose the colleague to hand the task to."))
        return redirect(case_page)
    try:
        actions.task_reassign(actor=request.user, task=task, to=person, expected_owner_id=form.cleaned_data["owner"])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
    else:
        body = writing_department(person)
        said = (
            _("“%(task)s” is now with %(name)s (%(body)s), who was notified; %(name)s acts next.")
            if body
            else _("“%(task)s” is now with %(name)s, who was notified; %(name)s acts next.")
        )
        messages.success(request, said % {"task": task.flow_task.task_title, "name": person, "body": body})
    return redirect(case_page)


@require_POST
def note_add(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    noted = noted_kind(kind)
    case = noted.visible_cases(request.user).filter(pk=pk).first() if noted is not None else None
    if noted is None or case is None:
        raise Http404
    back = f"{noted.page_url(case) or '/'}#notes"
    form = NoteForm(request.POST)
    if not form.is_valid():
        _keep_draft(request, kind, pk, request.POST.get("body", ""))
        messages.error(request, " ".join(str(message) for errors in form.errors.values() for message in errors))
        return redirect(back)
    try:
        outcome = actions.case_note_add(actor=request.user, case=case, body=form.cleaned_data["body"])
    except (ValidationError, PermissionDenied) as error:
        _keep_draft(request, kind, pk, form.cleaned_data["body"])
        messages.error(request, _refusal(error))
        return redirect(back)
    said = [_("Note added.")]
    if outcome.notified:
        said.append(_("Notified: %(names)s.") % {"names": "、".join(str(person) for person in outcome.notified)})
    if outcome.not_notified:
        said.append(
            _("Not notified (not a colleague who may see this case): %(mentions)s.")
            % {"mentions": "、".join(outcome.not_notified)}
        )
    # A note changes nothing on the case: what follows is the case's own next step (ADR 0039).
    messages.success(request, joined(" ".join(said), what_follows(case=case)))
    return redirect(back)


def _keep_draft(request: AuthenticatedHttpRequest, kind: str, pk: int, body: str) -> None:
    drafts = request.session.get(NOTE_DRAFTS, {})
    drafts[f"{kind}-{pk}"] = body[:10_000]
    request.session[NOTE_DRAFTS] = drafts


def take_draft(request, kind: str, pk: int) -> str:
    """The text of a refused note, once, for the form shown again."""
    drafts = request.session.get(NOTE_DRAFTS)
    if not drafts or f"{kind}-{pk}" not in drafts:
        return ""
    body = drafts.pop(f"{kind}-{pk}")
    request.session[NOTE_DRAFTS] = drafts
    return body
