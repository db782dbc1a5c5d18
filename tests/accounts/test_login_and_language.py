import pytest
from django.urls import reverse

from organizations.models import Role
from tests.factories import EnterpriseFactory, UserFactory, make_member
from tests.factories.organizations import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})


@pytest.mark.parametrize(
    ("make_user", "landing"),
    [
        (lambda: make_member("AMR-330106", Role.STAFF), "/work/"),
        (lambda: make_member("KJS", Role.LEAD), "/work/"),
        (lambda: EnterpriseFactory().accounts.create(user=UserFactory()).user, "/portal/"),
        (lambda: UserFactory(), "/"),
    ],
    ids=["county-staff", "kjs-lead", "producer", "member-of-the-public"],
)
def test_each_persona_lands_where_it_works(client, make_user, landing):
    user = make_user()
    response = login(client, user)
    assert response.status_code == 302 and response["Location"] == reverse("landing")
    response = client.get(reverse("landing"))
    assert response["Location"] == landing
    assert client.get(landing).status_code == 200


def test_wrong_password_is_refused_with_a_message(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client):
    login(client, UserFactory())
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session
    assert client.get("/portal/")["Location"].startswith(reverse("login"))


def test_staff_frontend_needs_login_and_membership(client):
    assert client.get("/staff/workflow/inbox/")["Location"].startswith(reverse("login"))
    client.force_login(UserFactory())
    assert client.get("/staff/workflow/inbox/").status_code == 403


def test_the_staff_frontends_front_doors_lead_to_my_work(client):
    """viewflow's site, its casework app and its flows menu (ADR 0037): 我的工作."""
    client.force_login(make_member("KJS", Role.STAFF))
    for url in ("/staff/", "/staff/workflow/", "/staff/workflow/flows/"):
        assert client.get(url)["Location"] == reverse("my_work:list"), url


def test_chinese_is_the_default_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert "受保护的地理标志产品" in response.content.decode()


def test_language_choice_is_remembered_by_cookie_and_on_the_user(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/portal/"})
    assert response["Location"] == "/portal/"
    user.refresh_from_db()
    assert user.language == "en"
    assert "Producer and applicant portal" in client.get("/portal/").content.decode()
    # A new browser (no cookie) still gets the user's language after login.
    client.cookies.clear()
    client.force_login(user)
    assert "Producer and applicant portal" in client.get("/portal/").content.decode()


def test_language_switch_ignores_unknown_language_and_foreign_redirects(client):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "terroir_language" not in response.cookies


def test_set_language_refuses_get(client):
    assert client.get(reverse("set_language")).status_code == 405
