"""The base of every decision task view: a thin form; the service decides, the activation completes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import generic
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.views import FormLayoutMixin
from viewflow.workflow.flow.views import mixins

from deadlines.services import deadlines_meet_for_task


def add_validation_error(form, error: ValidationError) -> None:
    """Field errors go to their field when the form has it, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DecisionTaskView(
    FormLayoutMixin,
    mixins.SuccessMessageMixin,
    mixins.TaskSuccessUrlMixin,
    mixins.TaskViewTemplateNames,
    generic.FormView,
):
    """Subclasses implement decide(form); a refusal shows its message and completes nothing."""

    template_filename = "task.html"

    def decide(self, form) -> None:
        raise NotImplementedError

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
        return HttpResponseRedirect(self.get_success_url())
