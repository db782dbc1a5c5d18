"""The promotion programme's entries share one group in the staff menu, 运用促进, so that the
header keeps to one line whoever has them all; a person with one of them sees it alone."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation

from organizations.models import Role
from tests.factories import make_member
from workflows import navigation
from workflows.navigation import staff_menu
from zones.navigation import zones_link

pytestmark = pytest.mark.django_db


def menu(user, path="/work/"):
    request = RequestFactory().get(path)
    request.user = user
    with translation.override("en"):
        return staff_menu(request)


def titles(items) -> list[str]:
    return [item.title for item in items]


def test_everything_of_the_programme_sits_in_one_group_single_links_first_then_headed_sections():
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    items = menu(admin)
    [programme] = [item for item in items if item.title == "GI promotion programme"]
    assert titles(programme.children) == [
        "EU–China agreement",
        "Demonstration zones",
        "Brand evaluation",
        "Special marks",
        "Publicity and the national site",
        "Rural revitalisation",
    ]
    assert programme.has_sections
    rural = programme.children[-1]
    assert titles(rural.children) == ["Projects", "Measures", "Effects", "Aid regions"]
    # None of them is a top-level entry of its own any more.
    assert not {"Demonstration zones", "Special marks", "Rural revitalisation"} & set(titles(items))


def test_the_page_being_shown_marks_its_link_its_section_and_the_group():
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    [programme] = [item for item in menu(admin, "/rural/measures/") if item.title == "GI promotion programme"]
    rural = programme.children[-1]
    assert programme.current and rural.current
    assert [leaf.title for leaf in rural.children if leaf.current] == ["Measures"]
    assert not any(child.current for child in programme.children[:-1])


def test_a_single_entry_of_the_programme_shows_without_a_group(monkeypatch):
    # Every staff member has the zones and the special marks today; a deployment without the other
    # apps (or a future rule narrowing them) leaves one: it is shown as it is, not as a group of one.
    monkeypatch.setattr(navigation, "PROGRAMME_LINKS", [zones_link])
    legal = make_member("FGS", Role.STAFF)
    items = menu(legal)
    assert "GI promotion programme" not in titles(items)
    [zones] = [item for item in items if item.title == "Demonstration zones"]
    assert zones.url == "/zones/" and not zones.children
