"""The two decisions of the national site page's flow: thin forms, the services decide; the
decide_* functions are shared by the task pages and the API (workflows.task_actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflows.task_views import DecisionTaskView

from .actions import decide_publication, decide_review
from .models import SitePage
from .selectors import current_mark_users


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("The page is correct: send it for publication")), ("no", _("Return it to the province"))],
    )
    comment = forms.CharField(
        label=_("Comment (the reason, when returned)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class PublicationForm(ReviewForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Publish it on the national site")), ("no", _("Return it to the province"))],
    )


def page_of(activation) -> SitePage:
    return SitePage.objects.select_related("product", "province", "bureau").get(
        pk=activation.process.artifact_object_id
    )


def decide_site_review(*, actor: User, activation, data: dict) -> None:
    decide_review(actor=actor, page=page_of(activation), approve=data["approve"], comment=data["comment"])


def decide_site_publication(*, actor: User, activation, data: dict) -> None:
    decide_publication(actor=actor, page=page_of(activation), approve=data["approve"], comment=data["comment"])


class SitePageTaskView(DecisionTaskView):
    template_name = "promotion/task.html"

    def get_context_data(self, **kwargs):
        page = page_of(self.request.activation)  # type: ignore[attr-defined]  # viewflow sets it
        return super().get_context_data(page=page, mark_users=current_mark_users(page)[:20], **kwargs)


class ReviewView(SitePageTaskView):
    form_class = ReviewForm
    decision = staticmethod(decide_site_review)


class PublicationView(SitePageTaskView):
    form_class = PublicationForm
    decision = staticmethod(decide_site_publication)
