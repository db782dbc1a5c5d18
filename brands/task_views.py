"""The two tasks of a round's flow: the stage's work and the lead's approval of the move on. Thin
forms, the services decide; the decide_* functions are shared by the task pages and the API
(workflows.task_actions)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflows.task_views import DecisionTaskView

from .actions import complete_stage, decide_stage
from .models import BrandRound, Recommendation, Stage, brand_day
from .selectors import recommendations_visible_to
from .services import MAX_STRENGTH
from .stages import stage_work


def comment_field() -> forms.CharField:
    return forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


def round_of(activation) -> BrandRound:
    return BrandRound.objects.select_related("organiser").get(pk=activation.process.artifact_object_id)


def _choices(recommendations) -> list[tuple[int, str]]:
    return [(r.pk, f"{r.product.name}（{r.province.name}）") for r in recommendations]


class StageWorkForm(forms.Form):
    """The fields of the round's current stage."""

    def __init__(self, *args, brand_round: BrandRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.brand_round = brand_round
        stage = brand_round.status
        admitted = list(
            brand_round.recommendations.filter(status=Recommendation.Status.ADMITTED)
            .select_related("product", "province")
            .order_by("province__code", "product__name")
        )
        self.admitted = admitted
        if stage in (Stage.SCREENING, Stage.EXPERT_REVIEW, Stage.SAMPLE_TESTING):
            pool = admitted
            if stage == Stage.SCREENING:
                pool = list(
                    brand_round.recommendations.filter(status=Recommendation.Status.RECOMMENDED)
                    .select_related("product", "province")
                    .order_by("province__code", "product__name")
                )
            name = "failed" if stage == Stage.SAMPLE_TESTING else "excluded"
            label = _("Products whose samples failed") if name == "failed" else _("Products to exclude")
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=label, choices=_choices(pool), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
            )
        elif stage == Stage.SCORING:
            for r in admitted:
                self.fields[f"score_{r.pk}"] = forms.DecimalField(
                    label=_("Brand strength of %(product)s") % {"product": r.product.name},
                    min_value=0,
                    max_value=MAX_STRENGTH,
                    decimal_places=1,
                    max_digits=6,
                )
        elif stage == Stage.VALUATION:
            for r in admitted:
                self.fields[f"value_{r.pk}"] = forms.DecimalField(
                    label=_("Brand value of %(product)s (¥100 million)") % {"product": r.product.name},
                    min_value=Decimal("0.01"),
                    decimal_places=2,
                    max_digits=10,
                )
        elif stage == Stage.APPROVAL:
            self.fields["approve"] = forms.TypedChoiceField(
                label=_("Decision"),
                widget=forms.RadioSelect,
                coerce=lambda value: value == "yes",
                choices=[("yes", _("Approve the results and the ranking")), ("no", _("Send back to scoring"))],
            )
        elif stage == Stage.PUBLICATION:
            self.fields["published_on"] = forms.DateField(
                label=_("Published on"),
                initial=max(brand_day(brand_round.year), timezone.localdate()),
                widget=forms.DateInput(attrs={"type": "date"}),
                help_text=_("China Brand Day is 10 May."),
            )
        self.fields["comment"] = comment_field()

    def clean(self):
        data = super().clean()
        for prefix, key in (("score_", "scores"), ("value_", "values")):
            given = {int(name[len(prefix) :]): value for name, value in data.items() if name.startswith(prefix)}
            if given:
                data[key] = given
                for name in [n for n in data if n.startswith(prefix)]:
                    del data[name]
        return data


class StageApprovalForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Approve: move on to the next stage")), ("no", _("Send the stage's work back"))],
    )
    comment = comment_field()


def decide_stage_work(*, actor: User, activation, data: dict) -> None:
    complete_stage(actor=actor, brand_round=round_of(activation), data=data)


def decide_stage_approval(*, actor: User, activation, data: dict) -> None:
    decide_stage(actor=actor, brand_round=round_of(activation), approve=data["approve"], comment=data["comment"])


class RoundTaskView(DecisionTaskView):
    template_name = "brands/task.html"

    @classmethod
    def form_kwargs_for(cls, process) -> dict:
        return {"brand_round": BrandRound.objects.select_related("organiser").get(pk=process.artifact_object_id)}

    def get_context_data(self, **kwargs):
        brand_round = round_of(self.request.activation)  # type: ignore[attr-defined]  # viewflow sets it
        return super().get_context_data(
            brand_round=brand_round,
            stage_title=stage_work(brand_round).title,
            recommendations=recommendations_visible_to(self.request.user)
            .filter(round=brand_round)
            .order_by("rank", "province__code", "product__name"),
            **kwargs,
        )


class StageWorkView(RoundTaskView):
    form_class = StageWorkForm
    decision = staticmethod(decide_stage_work)


class StageApprovalView(RoundTaskView):
    form_class = StageApprovalForm
    decision = staticmethod(decide_stage_approval)

    @classmethod
    def form_kwargs_for(cls, process) -> dict:
        return {}
