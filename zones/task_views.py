"""The decisions of the zone's flow: thin forms, the services decide; the decide_* functions are
shared by the task pages and the API (workflows.task_actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.task_views import DecisionTaskView, service_decision

from . import actions
from .models import Zone


def _decision(yes, no) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", yes), ("no", no)],
    )


def _comment(required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=required, max_length=4000
    )


class RecommendForm(forms.Form):
    approve = _decision(_("Recommend it (within the province's quota)"), _("Do not recommend it"))
    comment = _comment()


class LeadRecommendForm(forms.Form):
    approve = _decision(_("Approve the recommendation"), _("Refuse the recommendation"))
    comment = _comment()


class ReviewForm(forms.Form):
    approve = _decision(_("Propose it for the draft list"), _("Propose not to approve it"))
    comment = _comment()


class PublishForm(forms.Form):
    approve = _decision(_("Publish it on the draft list for 30 working days"), _("Do not approve the zone"))
    comment = _comment()


class PreparationForm(forms.Form):
    approve = _decision(_("Approve the preparation (筹建)"), _("Do not approve the zone"))
    comment = _comment()


class SiteVisitForm(forms.Form):
    approve = _decision(_("Ready for the national assessment"), _("Not ready: preparation continues"))
    experts = forms.CharField(label=_("Experts of the site visit"), max_length=300)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


class AssessForm(forms.Form):
    approve = _decision(_("Passed: publish the naming notice"), _("Not passed: preparation continues"))
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


class NameForm(forms.Form):
    approve = _decision(_("Name the zone"), _("Do not name the zone"))
    comment = _comment()


def zone_of(activation) -> Zone:
    return Zone.objects.select_related("region", "province", "bureau").get(pk=activation.process.artifact_object_id)


class ZoneTaskView(DecisionTaskView):
    template_name = "zones/task.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(zone=zone_of(self.request.activation), **kwargs)  # type: ignore[attr-defined]


def _task_view(form_class: type[forms.Form], action) -> type[ZoneTaskView]:
    """A task page: the form, and the decision that hands its data to the action with the zone."""
    return type(
        form_class.__name__.replace("Form", "View"),
        (ZoneTaskView,),
        {"form_class": form_class, "decision": staticmethod(service_decision(action, zone=zone_of))},
    )


RecommendView = _task_view(RecommendForm, actions.decide_recommendation)
ApproveRecommendationView = _task_view(LeadRecommendForm, actions.decide_recommendation_approval)
ReviewView = _task_view(ReviewForm, actions.decide_review)
PublishView = _task_view(PublishForm, actions.decide_publication)
PreparationView = _task_view(PreparationForm, actions.decide_preparation)
SiteVisitView = _task_view(SiteVisitForm, actions.decide_site_visit)
AssessView = _task_view(AssessForm, actions.decide_assessment)
NameView = _task_view(NameForm, actions.decide_naming)
