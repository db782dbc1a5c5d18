import factory
from django.contrib.auth import get_user_model

from organizations.credit_code import credit_code_check_character
from organizations.models import Department, Enterprise, Region
from organizations.services import membership_grant

TEST_PASSWORD = "correct-horse-battery-staple"


def valid_credit_code(n: int, division: str = "330106") -> str:
    stem = f"91{division}MA{n:07d}"
    return stem + credit_code_check_character(stem)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试茶业有限公司{n}")
    credit_code = factory.Sequence(lambda n: valid_credit_code(n))
    kind = Enterprise.Kind.PRODUCER
    region = factory.LazyFunction(lambda: Region.objects.get(code="330106"))


def make_member(department_code: str, role: str, user=None, **user_fields):
    """A user with a role in a department, granted through the service (guardian grant included)."""
    user = user or UserFactory(**user_fields)
    membership_grant(actor=None, user=user, department=Department.objects.get(code=department_code), role=role)
    return user
