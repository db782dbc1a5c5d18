"""The base of every decision task view: a thin form; the service decides, the activation completes.

A task's decision is a module-level function `decide_<task>(*, actor, activation, data)` named on
its view (`decision`): the page and the API (workflows.task_actions) run that one function with
the page's form, so the two can never decide differently.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import generic
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.flow.views import mixins

from accounts.types import Actor
from cases.common.staging import FileStaging, KeepsChosenFiles
from deadlines.services import deadlines_meet_for_task

from .what_follows import after_completion


def add_validation_error(form, error: ValidationError) -> None:
    """Field errors go to their field when the form has it, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_decision(service: Callable, **artifact: Callable) -> Callable:
    """A decision that hands the form's cleaned data to one service, with the task's case object:
    service_decision(services.case_close, case=case_of) calls case_close(actor=…, case=…, **data)."""
    ((keyword, load),) = artifact.items()

    def decide(*, actor: Actor, activation, data: dict) -> None:
        service(actor=actor, **{keyword: load(activation)}, **data)

    return decide


class DecisionTaskView(
    mixins.SuccessMessageMixin,
    mixins.TaskSuccessUrlMixin,
    mixins.TaskViewTemplateNames,
    generic.FormView,
):
    """Subclasses name their decision function; a refusal shows its message and completes nothing.

    The page is Terroir's own (templates/workflows/task_page.html, ADR 0030): the case's header and
    facts beside the form, drawn by Django in the browser's own controls."""

    template_filename = "task.html"
    template_name = "workflows/task_page.html"  # each kind's task.html adds its case's facts
    # decide_<task>(*, actor, activation, data): a staticmethod, shared with the API.
    decision: Callable | None = None

    @classmethod
    def form_kwargs_for(cls, process) -> dict:
        """What the form needs besides the data (e.g. the bureau whose officers it offers): the
        page and the API build the form alike."""
        return {}

    def get_context_data(self, **kwargs):
        activation = self.request.activation  # type: ignore[attr-defined]  # set by viewflow's task view
        process = activation.process
        return super().get_context_data(
            header=process.flow_class.instance.case_header(process),
            task_title=activation.flow_task.task_title,
            **kwargs,
        )

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), **self.form_kwargs_for(self.request.activation.process)}
        if issubclass(self.get_form_class(), KeepsChosenFiles):
            kwargs["staging"] = FileStaging(self.request.session)  # files survive a refusal (ADR 0026)
        return kwargs

    def decide(self, form) -> None:
        if self.decision is None:
            raise NotImplementedError(f"{type(self).__name__} names no decision")
        activation = self.request.activation  # type: ignore[attr-defined]  # set by viewflow's task view
        self.decision(actor=self.request.user, activation=activation, data=form.cleaned_data)

    def form_valid(self, form):
        try:
            self.decide(form)
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
            return self.form_invalid(form)
        except (TransitionNotAllowed, ConcurrentTransition):
            # Someone else moved the case since this page was opened: nothing was changed.
            form.add_error(None, _("The case has moved on since you opened this task; reload it."))
            return self.form_invalid(form)
        deadlines_meet_for_task(actor=self.request.user, task=self.request.activation.task)
        self.request.activation.execute()
        if isinstance(form, KeepsChosenFiles):
            form.release_staged_files()
        # What was done, what follows and who acts (ADR 0039), read after the flow has moved on.
        messages.success(self.request, after_completion(self.request.activation.task), fail_silently=True)
        return HttpResponseRedirect(self.get_success_url())
