from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import services


class ThrottledLoginMixin:
    """Refuses every attempt, right password included, while the account is locked."""

    locked_message = _("Too many failed logins for this account. Try again after %(time)s, or ask your administrator.")

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            locked_until = services.login_locked_until(username=username)
            if locked_until is not None:
                raise forms.ValidationError(
                    self.locked_message
                    % {"time": formats.date_format(timezone.localtime(locked_until), "DATETIME_FORMAT")},
                    code="locked",
                )
        return super().clean()


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
