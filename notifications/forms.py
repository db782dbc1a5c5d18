from django import forms


class EmailPreferencesForm(forms.Form):
    """One check box per kind of notification: send it by e-mail too?"""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, enabled in preferences:
            self.fields[kind.code] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=enabled,
            )

    def email_enabled(self) -> dict[str, bool]:
        return {code: bool(value) for code, value in self.cleaned_data.items()}
