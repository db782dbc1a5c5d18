"""The pages' forms as the API's input check (ADR 0048, 0057): bound to the JSON or form body,
their errors become the 400 of ADR 0014 with a message per field."""

from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError

F = TypeVar("F", bound=forms.BaseForm)


def form_data(request):
    """The body as a form's data: a JSON object or the form fields; anything else is empty."""
    return request.data if hasattr(request.data, "get") else {}


def checked(form: F) -> F:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form
