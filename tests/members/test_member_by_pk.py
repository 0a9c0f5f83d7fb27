"""Member.objects.get(pk=...) runs its SELECT compiled once (issue 14): the member it loads is the one
QuerySet.get loads, a missing one raises DoesNotExist, and related managers still filter."""

import pytest
from django.contrib.auth.models import Group

from members.models import Member

pytestmark = pytest.mark.django_db


def test_the_compiled_lookup_loads_the_same_member(member, django_assert_num_queries):
    expected = Member.objects.filter(pk=member.pk).get()

    with django_assert_num_queries(1):
        loaded = Member.objects.get(pk=member.pk)

    assert type(loaded) is Member and not loaded._state.adding and loaded._state.db == "default"
    assert {field.attname: getattr(loaded, field.attname) for field in Member._meta.concrete_fields} == {
        field.attname: getattr(expected, field.attname) for field in Member._meta.concrete_fields
    }
    assert loaded.check_password("correct horse battery")


def test_a_missing_member_raises_does_not_exist(member):
    with pytest.raises(Member.DoesNotExist):
        Member.objects.get(pk=member.pk + 1000)


def test_other_lookups_and_related_managers_keep_their_filters(member, other_member):
    group = Group.objects.create(name="buyers")
    member.groups.add(group)

    assert group.user_set.get(pk=member.pk) == member
    with pytest.raises(Member.DoesNotExist):
        group.user_set.get(pk=other_member.pk)
    assert Member.objects.get(pk=str(member.pk)) == member
    assert Member.objects.get(member_name="bob") == other_member
