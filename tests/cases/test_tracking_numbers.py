"""Tracking numbers (办件查询编号): readable, unguessable, unique, given to every objection and every
report from the public (and to the rows that existed before, by migration 0017); the contact
compared the way people write it."""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.common.tracking import (
    TRACKING_ALPHABET,
    canonical_tracking_number,
    contact_matches,
    new_tracking_number,
    normalised_contact,
)
from cases.models import EnforcementCase
from tests.factories.applications import Cast
from tests.factories.enforcement import received_case
from tests.factories.tracking import application_open_to_objections, objection_to, reported_case

SHAPE = re.compile(rf"^(JB|YY)-[{TRACKING_ALPHABET}]{{5}}-[{TRACKING_ALPHABET}]{{5}}$")


def test_a_number_is_read_over_the_phone_without_look_alikes():
    numbers = {new_tracking_number("JB") for _ in range(2000)}
    assert len(numbers) == 2000 and all(SHAPE.match(number) for number in numbers)
    assert not set("0O1IL") & set(TRACKING_ALPHABET) and len(TRACKING_ALPHABET) == 31


@pytest.mark.parametrize(
    "typed",
    ["JB-7KQ9M-4XT2R", "jb7kq9m4xt2r", " JB 7KQ9M 4XT2R ", "ＪＢ－７ＫＱ９Ｍ－４ＸＴ２Ｒ", "jb-7kq9m4xt2r"],
)
def test_a_number_is_found_however_it_is_typed(typed):
    assert canonical_tracking_number(typed) == "JB-7KQ9M-4XT2R"


@pytest.mark.parametrize(
    "typed",
    ["", "JB-7KQ9M-4XT2", "JB-7KQ9M-4XT2RR", "XX-7KQ9M-4XT2R", "JB-0KQ9M-4XT2R", "JB-7KQ9M\x00-4XT2R", "J" * 10_000],
)
def test_input_of_no_shape_is_no_number(typed):
    assert canonical_tracking_number(typed) is None


def test_a_contact_is_compared_as_people_write_it():
    assert normalised_contact("138 0013-8000") == normalised_contact("+86 13800138000") == "13800138000"
    assert normalised_contact("(0571) 8888-8888") == "057188888888"
    assert contact_matches("objector@example.COM", "Objector@Example.com")
    assert not contact_matches("13800138001", "13800138000")
    # A case without a contact is looked up by nobody, not by an empty contact.
    assert not contact_matches("", "") and not contact_matches(" - ", "")


@pytest.mark.django_db
def test_reports_and_objections_get_their_numbers_other_cases_none():
    report = reported_case()
    inspection = received_case()
    objection = objection_to(application_open_to_objections(Cast()))
    assert report.tracking_number.startswith("JB-") and SHAPE.match(report.tracking_number)
    assert inspection.tracking_number is None
    assert objection.tracking_number.startswith("YY-") and SHAPE.match(objection.tracking_number)


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_the_rows_that_existed_before(reference_data):
    report, inspection = reported_case(), received_case()
    cast = Cast()
    objections = [
        objection_to(application_open_to_objections(cast, product_name=name)) for name in ("西湖藕粉", "西湖莼菜")
    ]
    executor = MigrationExecutor(connection)
    executor.migrate([("cases", "0016_declaration_routing_on_case")])
    executor.loader.build_graph()
    executor.migrate([("cases", "0017_public_tracking_numbers")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # the later migrations back for the next tests

    report, inspection = (EnforcementCase.objects.get(pk=case.pk) for case in (report, inspection))
    assert SHAPE.match(report.tracking_number) and inspection.tracking_number is None
    numbers = [type(objection).objects.get(pk=objection.pk).tracking_number for objection in objections]
    assert all(number.startswith("YY-") and SHAPE.match(number) for number in numbers)
    assert len(set(numbers)) == 2
