from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import lockout


class ThrottledLoginMixin:
    """Refuses an attempt before its password is read while the account is locked or while the
    account or the address must wait after repeated failures (docs/adr/0040).

    The refusal is the same whether the account exists or not: the counts are kept for the name
    typed, so a lock tells nothing a wrong password would not. `refusal` is kept for the API.
    """

    locked_message = _("Too many failed logins for this account. Try again after %(time)s, or ask your administrator.")
    refusal: lockout.Refusal | None = None
    request: HttpRequest | None  # AuthenticationForm's

    def clean(self):
        # Without a request there is no address to count: only the pages and the API log in.
        username = self.cleaned_data.get("username") if self.request is not None else None
        if username:
            self._refuse(username)
        try:
            return super().clean()
        except forms.ValidationError as wrong:
            # This failure may have just locked the account or started a wait: say so now.
            if username and (refusal := lockout.login_refusal(self.request, username)) is not None:
                self.refusal = refusal
                raise forms.ValidationError([*wrong.error_list, self.refusal_error(refusal)]) from None
            raise

    def _refuse(self, username: str) -> None:
        refusal = lockout.login_refusal(self.request, username)
        if refusal is not None:
            self.refusal = refusal
            raise self.refusal_error(refusal)

    def refusal_error(self, refusal: lockout.Refusal) -> forms.ValidationError:
        if refusal.locked:
            until = timezone.localtime(lockout.to_the_minute(refusal.until))
            time = formats.date_format(until, "DATETIME_FORMAT")
            return forms.ValidationError(self.locked_message % {"time": time}, code="locked")
        seconds = refusal.seconds()
        message = ngettext(
            "Too many failed logins. Wait %(seconds)d second before trying again.",
            "Too many failed logins. Wait %(seconds)d seconds before trying again.",
            seconds,
        )
        return forms.ValidationError(message % {"seconds": seconds}, code="wait")


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
