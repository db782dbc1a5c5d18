"""The filters of 我的工作, in the query string: which tasks, of which kind, at which step, overdue."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import APPROVALS, ASSIGNED, DONE, OFFERED, WorkFilter


def _flow_key(flow_class) -> str:
    # "declaration", "enforcementcase": readable in the address, as in the staff pages' own addresses.
    return flow_class.__name__.removesuffix("Flow").lower()


def _human_nodes(flow_class):
    return [node for node in flow_class.instance.nodes() if node.task_type == "HUMAN"]


class MyWorkFilterForm(forms.Form):
    show = forms.ChoiceField(required=False, widget=forms.HiddenInput)  # chosen by the tabs above the list
    kind = forms.ChoiceField(label=_("Kind of casework"), required=False)
    step = forms.ChoiceField(label=_("Step"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, data=None, *, flow_classes, leads: bool):
        super().__init__(data)
        self.flows = {_flow_key(flow_class): flow_class for flow_class in flow_classes}
        self.nodes = {
            f"{key}.{node.name}": node for key, flow_class in self.flows.items() for node in _human_nodes(flow_class)
        }
        shows = [ASSIGNED, OFFERED, *([APPROVALS] if leads else []), DONE]
        cast(forms.ChoiceField, self.fields["show"]).choices = [("", ""), *((show, show) for show in shows)]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", _("All kinds")),
            *((key, flow_class.process_title) for key, flow_class in self.flows.items()),
        ]
        cast(forms.ChoiceField, self.fields["step"]).choices = [
            ("", _("All steps")),
            *(
                (
                    flow_class.process_title,
                    [(f"{key}.{node.name}", node.task_title or node.name) for node in _human_nodes(flow_class)],
                )
                for key, flow_class in self.flows.items()
            ),
        ]

    def work_filter(self) -> WorkFilter:
        """The filter the valid form asks for (everything when it is not valid)."""
        if not self.is_bound or not self.is_valid():
            return WorkFilter()
        data = self.cleaned_data
        return WorkFilter(
            show=data["show"],
            flow_class=self.flows.get(data["kind"]),
            node=self.nodes.get(data["step"]),
            overdue=data["overdue"],
        )
