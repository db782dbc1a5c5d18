from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of a body, a producer, an applicant body's contact.

    Users are deactivated, never deleted: the audit trail refers to them.
    """

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the interface and of the notifications sent to this user."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        # django-stubs types the inherited Meta's names as str; a lazy translation is what Django takes.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def _viewflow_per_object_perm_cache(self):
        """The user's object permissions as viewflow's task queue matches them ("app.codename_pk").

        viewflow uses this attribute when present; without it, it loads each of the user's
        guardian rows, then each row's content type and permission, one query at a time (an
        inspector with 200 cases made 400 queries per page). Here it is a subquery: no query
        of its own, and a permission granted a moment ago is never missed.
        """
        from guardian.models import GroupObjectPermission, UserObjectPermission

        def keys(model, **owner):
            app, codename, pk = F("content_type__app_label"), F("permission__codename"), F("object_pk")
            key = Concat(app, Value("."), codename, Value("_"), pk)
            return model.objects.filter(**owner).annotate(key=key).values_list("key", flat=True)

        return keys(UserObjectPermission, user=self).union(keys(GroupObjectPermission, group__user=self))


class UserSession(AbstractBaseSession):
    """A database session that knows its user, so that all of a user's sessions can be ended.

    Django's own session table cannot be searched by user without decoding every row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, related_name="+", db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")  # type: ignore[assignment]  # as User.Meta
        verbose_name_plural = _("sessions")  # type: ignore[assignment]

    @classmethod
    def get_session_store_class(cls):
        from .session_store import SessionStore

        return SessionStore
