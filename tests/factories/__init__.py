from .organizations import EnterpriseFactory, UserFactory, make_member, valid_credit_code

__all__ = ["EnterpriseFactory", "UserFactory", "make_member", "valid_credit_code"]
