"""Loading a member by primary key, as every signed-in request does (issue 14): the same member as the ORM's
general path, one query, and Django's own errors for anything that is not a plain key."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_member(db) -> Member:
    """A member with every optional field filled, the encrypted birth date included."""
    member = Member.objects.create_user(
        "carol",
        "a long enough password",
        phone="+8613800138003",
        nickname="Carol C.",
        date_of_birth=datetime.date(1991, 2, 28),
        real_name="Carol Chen",
        landline="0571-88888888",
        other_contact="wechat: carol",
        position="Buyer",
        industry="Textiles",
        level=3,
        phone_verified_at=timezone.now(),
    )
    member.avatar.name = "avatars/carol.png"
    member.save(update_fields=["avatar"])
    return member


def outcome(lookup):
    """What a lookup gave: the member's pk, or the type of the exception it raised."""
    try:
        return lookup().pk
    except Exception as error:  # the type is the outcome compared
        return type(error)


def test_get_by_pk_loads_the_same_member_as_the_orm(full_member):
    loaded = Member.objects.get(pk=full_member.pk)
    expected = Member.objects.filter(pk=full_member.pk).get()

    for field in Member._meta.concrete_fields:
        assert field.value_from_object(loaded) == field.value_from_object(expected), field.name
    assert loaded.date_of_birth == datetime.date(1991, 2, 28)
    assert loaded.nickname == "Carol C."
    assert loaded.avatar.name == "avatars/carol.png"


def test_get_by_id_and_by_a_string_of_digits_load_the_member(full_member):
    assert Member.objects.get(id=full_member.pk).member_name == "carol"
    assert Member.objects.get(pk=str(full_member.pk)).member_name == "carol"


def test_a_missing_pk_raises_does_not_exist(full_member):
    with pytest.raises(Member.DoesNotExist, match=r"^Member matching query does not exist\.$"):
        Member.objects.get(pk=full_member.pk + 1000)
    with pytest.raises(Member.DoesNotExist):
        Member.objects.get(pk="123")


def test_a_string_pk_of_an_existing_member_works(db):
    member = Member.objects.create_user("dave", "a long enough password")
    Member.objects.filter(pk=member.pk).update(id=123)

    assert Member.objects.get(pk="123").member_name == "dave"


@pytest.mark.parametrize(
    "value",
    ["abc", "", " 12", "1.5", "-1", "١٢", -1, 0, "0", 2**63, str(2**63), "9" * 5000, True, False, None, 1.0],
    ids=lambda value: repr(value)[:24],
)
def test_values_that_are_not_plain_keys_behave_as_the_orm(full_member, value):
    assert outcome(lambda: Member.objects.get(pk=value)) == outcome(lambda: Member.objects.all().get(pk=value))


def test_other_forms_of_get_are_the_orms_own(full_member):
    assert Member.objects.get(pk=full_member.pk, nickname="Carol C.") == full_member
    assert Member.objects.get(member_name="carol") == full_member
    with pytest.raises(Member.DoesNotExist):
        Member.objects.get(pk=full_member.pk, nickname="someone else")


def test_it_executes_one_query(full_member, django_assert_num_queries):
    with django_assert_num_queries(1):
        Member.objects.get(pk=full_member.pk)


def test_execute_wrappers_see_the_query(full_member):
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(params)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        Member.objects.get(pk=full_member.pk)

    assert seen == [(full_member.pk,)]


def test_the_loaded_member_is_a_saved_row_of_the_default_database(full_member):
    loaded = Member.objects.get(pk=full_member.pk)

    assert loaded._state.adding is False
    assert loaded._state.db == "default"


def test_the_loaded_member_saves_back(full_member):
    loaded = Member.objects.get(pk=full_member.pk)
    loaded.nickname = "Caz"
    loaded.save()

    reloaded = Member.objects.filter(pk=full_member.pk).get()
    assert reloaded.nickname == "Caz"
    assert reloaded.date_of_birth == datetime.date(1991, 2, 28)
    assert reloaded.member_name == "carol"
    assert Member.objects.count() == 1


def test_a_signed_in_page_loads_the_member_with_one_query(client, full_member):
    client.force_login(full_member)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contact"))

    assert response.status_code == 200
    assert response.wsgi_request.user == full_member
    assert response.wsgi_request.user.is_authenticated
    member_loads = [query for query in queries if 'FROM "members_member"' in query["sql"]]
    assert len(member_loads) == 1
