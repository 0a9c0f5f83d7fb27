"""Every consent of clauses.md section (b) exists, is off by default and is granted or withdrawn on its own."""

import pytest

from privacy import consent
from privacy.purposes import PURPOSES, Purpose

pytestmark = pytest.mark.django_db

# clause: POL-03, BRW-06, BRW-09, BRW-10, PERM-02, PERM-03, PERM-04, PERM-05, PERM-07, PERM-09, INT-02, INT-03,
# INT-05, INT-08, INT-09, INT-11, MEM-06, STO-04, VER-02, VER-05, VER-06, TRX-05, SHR-15, MIN-02
OPTIONAL = [
    pytest.param(purpose, id=f"{purpose.value}[{','.join(info.clauses)}]")
    for purpose, info in PURPOSES.items()
    if not info.is_necessary
]
NECESSARY = [
    pytest.param(purpose, id=f"{purpose.value}[{','.join(info.clauses)}]")
    for purpose, info in PURPOSES.items()
    if info.is_necessary
]


def _scope(purpose):
    return "example" if PURPOSES[purpose].is_scoped else ""


@pytest.mark.parametrize("purpose", OPTIONAL)
def test_each_optional_purpose_is_off_by_default_and_changes_alone(purpose, member, web):
    """POL-03: off until granted; granting or withdrawing it leaves every other purpose as it was."""
    scope = _scope(purpose)
    assert not consent.has_consent(member, purpose, scope=scope)

    consent.grant(member, purpose, scope=scope, context=web)
    granted = {p for p in PURPOSES if not PURPOSES[p].is_necessary and consent.has_consent(member, p, scope=_scope(p))}
    assert granted == {purpose}

    consent.withdraw(member, purpose, scope=scope, context=web)
    assert not consent.has_consent(member, purpose, scope=scope)
    assert [e.is_granted for e in consent.history(member, purpose)] == [False, True]


@pytest.mark.parametrize("purpose", NECESSARY)
def test_each_necessary_purpose_explains_itself_and_cannot_be_withdrawn(purpose, member, web):
    """RGT-10: necessary purposes are explained and point to account closure instead."""
    assert PURPOSES[purpose].explanation
    with pytest.raises(consent.ValidationError, match="close your account"):
        consent.withdraw(member, purpose, context=web)


def test_every_purpose_names_its_clauses_and_explains_itself_in_plain_words():
    for purpose, info in PURPOSES.items():
        assert info.clauses, purpose
        assert len(str(info.explanation)) > 20, purpose
    assert set(PURPOSES) == set(Purpose)
