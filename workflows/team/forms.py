"""The two small forms of team work on the case pages; the door checks what they carry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teamwork.models import NOTE_MAX_LENGTH


class ReassignForm(forms.Form):
    to = forms.IntegerField(label=_("Reassign to"), min_value=1)
    # The holder the lead saw (empty: the queue), so a change made meanwhile is noticed.
    owner = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("New note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": _("Write the note first.")},
    )
