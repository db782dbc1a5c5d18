"""The staff drawer's links to the casework pages that live outside viewflow's task lists."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.models import Role
from organizations.selectors import departments_of, is_staff_member

register = template.Library()


def staff_menu_links(user) -> list[dict]:
    """Each page a member of a body may open, by its title; the expert reviews only for experts."""
    if not (user.is_authenticated and is_staff_member(user)):
        return []
    links = [
        # Back to Terroir's own landing page from viewflow's pages.
        {"title": _("My work"), "url": reverse("my_work:list"), "icon": "work"},
        {"title": _("Protection applications"), "url": reverse("applications:list"), "icon": "description"},
        {"title": _("Enforcement cases"), "url": reverse("enforcement:list"), "icon": "gavel"},
        {"title": _("Supervision campaigns"), "url": reverse("supervision:list"), "icon": "fact_check"},
        {"title": _("Statistics reports"), "url": reverse("reports:list"), "icon": "bar_chart"},
        {"title": _("Notifications"), "url": reverse("notifications:list"), "icon": "notifications"},
        {"title": _("Public register"), "url": reverse("register:home"), "icon": "public"},
    ]
    if departments_of(user, Role.EXPERT).exists():
        links.insert(
            2, {"title": _("Your technical reviews"), "url": reverse("applications:reviews"), "icon": "rate_review"}
        )
    return links


@register.inclusion_tag("workflows/includes/staff_menu.html", takes_context=True)
def staff_menu(context):
    return {"staff_menu_links": staff_menu_links(context["request"].user)}
