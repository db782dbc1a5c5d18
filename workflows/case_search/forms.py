from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KIND_BY_CODE, KINDS


def _kind_choices():
    return [("", _("All kinds")), *((kind.code, kind.label) for kind in KINDS)]


def _status_choices():
    # Grouped by kind, in words; the value says the kind and the status ("application:protected").
    return [
        ("", _("Any status")),
        *((kind.label, [(f"{kind.code}:{value}", label) for value, label in kind.status_choices()]) for kind in KINDS),
    ]


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Case number, party, credit code or product"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True}),
    )
    kind = forms.ChoiceField(label=_("Kind of case"), required=False, choices=_kind_choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_status_choices)
    open = forms.BooleanField(label=_("Open cases only"), required=False)

    def clean(self):
        data = super().clean()
        status = data.get("status") or ""
        kind, _colon, value = status.partition(":")
        if status and data.get("kind") and data["kind"] != kind:
            raise forms.ValidationError(
                _("The status %(status)s is not one of %(kind)s."),
                params={"status": self._status_label(status), "kind": KIND_BY_CODE[data["kind"]].label},
            )
        if status:
            data["kind"], data["status"] = kind, value
        return data

    def _status_label(self, status: str) -> str:
        kind, _colon, value = status.partition(":")
        return str(dict(KIND_BY_CODE[kind].status_choices()).get(value, ""))

    def asks_something(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q") or data.get("kind") or data.get("status") or data.get("open"))
