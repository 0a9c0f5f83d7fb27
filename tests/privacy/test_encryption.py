"""Encryption at rest of sensitive personal information, its key rotation, and keyed pseudonyms (DEF-02, DEF-05)."""

import hashlib
import importlib

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection, models

from members.models import ChildrenRulesVersion, GuardianConsent, IdentityVerification, Member
from orders.models import AlipayAccount, AlipayChangeRequest
from privacy.deidentify import deidentify, pseudonym
from privacy.encryption import KeyedDigestField, SealedTextField, seal, unseal
from privacy.registry import registry

# Columns of sensitive rows that stay readable, and why: each is a keyed hash, a mask or a fixed-list value.
CLEAR_COLUMNS = {
    "members.IdentityVerification.id_number_hmac": "keyed hash for matching numbers",
    "members.IdentityVerification.id_number_hint": "masked: all but a few characters hidden",
    "rights.RequestEvidence.file_name": "a name the server chooses, not the uploaded one",
    "rights.RequestEvidence.content_type": "one of the accepted document types",
    "orders.AlipayChangeRequest.decision_reason": "customer service's reason, shown to the member; no account in it",
}


def _free_text_columns(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.DateField))
        and not isinstance(f, (models.DateTimeField, KeyedDigestField))
        and not f.choices
    ]


def test_every_field_flagged_sensitive_is_encrypted_at_rest():
    """Sensitive information (DEF-02): each flagged field, and each free-text value of a flagged record, is sealed."""
    clear = []
    for registration in registry:
        for name, pi in registration.entries():
            if not pi.sensitive:
                continue
            fields = [registration.model._meta.get_field(name)] if name else _free_text_columns(registration.model)
            clear += [
                f"{registration.label}.{f.name}"
                for f in fields
                if not isinstance(f, SealedTextField) and f"{registration.label}.{f.name}" not in CLEAR_COLUMNS
            ]

    assert clear == []


def raw(model: type[models.Model], column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{model._meta.db_table}" WHERE id = %s', [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_alipay_accounts_are_stored_encrypted_and_found_by_their_keyed_digest(member):
    account = AlipayAccount.objects.create(member=member, account="alice.pay@example.com")
    change = AlipayChangeRequest.objects.create(member=member, new_account="+8613800135678")

    stored = raw(AlipayAccount, "account", account.pk)
    digest = AlipayAccount._meta.get_field("account_digest")

    assert "alice" not in stored and unseal(stored) == "alice.pay@example.com"
    assert "5678" not in raw(AlipayChangeRequest, "new_account", change.pk)
    assert AlipayAccount.objects.get(pk=account.pk).account == "alice.pay@example.com"
    assert AlipayAccount.objects.filter(account_digest=digest.digest("alice.pay@example.com")).get() == account
    assert not AlipayAccount.objects.filter(account_digest=digest.digest("bob.pay@example.com")).exists()
    assert AlipayChangeRequest.objects.get().new_account_digest == digest.digest("+8613800135678")


@pytest.mark.django_db
def test_birth_dates_guardians_and_real_names_are_stored_encrypted(member):
    import datetime

    Member.objects.filter(pk=member.pk).update(date_of_birth=datetime.date(2013, 5, 1))
    rules = ChildrenRulesVersion.objects.create(label="t-1", text="Text", effective_on=datetime.date(2026, 1, 1))
    guardian = GuardianConsent.objects.create(
        child=member,
        rules_version=rules,
        guardian_name="Wang Li",
        guardian_phone="+8613900139000",
        relationship="parent",
    )
    identity = IdentityVerification.objects.create(
        member=member, real_name="Wang Fang", id_number_encrypted=seal("11010519491231002X"), provider="alipay"
    )

    member.refresh_from_db()
    assert member.date_of_birth == datetime.date(2013, 5, 1)
    assert "2013" not in raw(Member, "date_of_birth", member.pk)
    assert "Wang" not in raw(IdentityVerification, "real_name", identity.pk)
    assert "139" not in raw(GuardianConsent, "guardian_phone", guardian.pk)
    assert GuardianConsent.objects.get().guardian_name == "Wang Li"
    assert IdentityVerification.objects.get().real_name == "Wang Fang"


@pytest.mark.django_db
def test_the_data_migration_encrypts_values_written_in_plain_text_and_can_run_twice(member):
    account = AlipayAccount.objects.create(member=member, account="placeholder")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE orders_alipayaccount SET account = %s, account_digest = '' WHERE id = %s",
            ["plain@x.cn", account.pk],
        )
    migration = importlib.import_module("orders.migrations.0010_seal_existing_payment_accounts")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.seal_existing(None, editor)
    once = raw(AlipayAccount, "account", account.pk)
    migration.seal_existing(None, editor)

    assert unseal(once) == "plain@x.cn"
    assert raw(AlipayAccount, "account", account.pk) == once
    digest = AlipayAccount._meta.get_field("account_digest").digest("plain@x.cn")
    assert AlipayAccount.objects.get(account_digest=digest).pk == account.pk


@pytest.mark.django_db
def test_key_rotation_re_encrypts_every_sealed_column_in_batches_and_resumes(member, settings):
    old_key = settings.IDENTITY_ENCRYPTION_KEY
    accounts = [
        AlipayAccount.objects.create(
            member=Member.objects.create_user(f"payer{i}", "pw-member-123"), account=f"p{i}@x.cn"
        )
        for i in range(5)
    ]
    identity = IdentityVerification.objects.create(
        member=member, real_name="Wang Fang", id_number_encrypted=seal("11010519491231002X"), provider="alipay"
    )
    digest_before = AlipayAccount.objects.get(pk=accounts[0].pk).account_digest
    settings.IDENTITY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.IDENTITY_ENCRYPTION_OLD_KEYS = [old_key]
    settings.IDENTITY_LOOKUP_KEY = old_key  # lookups keep the key they were made with

    call_command("rotate_encryption_key", "--batch-size", "2", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = raw(AlipayAccount, "account", accounts[0].pk)
    call_command("rotate_encryption_key", "--batch-size", "2", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.IDENTITY_ENCRYPTION_OLD_KEYS = []  # the old key is gone: everything must open with the new one

    assert raw(AlipayAccount, "account", accounts[0].pk) == first  # the rerun had nothing left to do
    assert [a.account for a in AlipayAccount.objects.order_by("pk")] == [f"p{i}@x.cn" for i in range(5)]
    assert unseal(raw(IdentityVerification, "id_number_encrypted", identity.pk)) == "11010519491231002X"
    assert IdentityVerification.objects.get().real_name == "Wang Fang"
    assert AlipayAccount.objects.get(account_digest=digest_before).pk == accounts[0].pk


@pytest.mark.django_db
def test_rotation_refuses_to_run_without_an_old_key_or_a_stable_lookup_key(settings):
    settings.IDENTITY_ENCRYPTION_OLD_KEYS = []
    with pytest.raises(CommandError, match="no old key"):
        call_command("rotate_encryption_key")
    settings.IDENTITY_ENCRYPTION_OLD_KEYS = [Fernet.generate_key().decode()]
    settings.IDENTITY_LOOKUP_KEY = settings.IDENTITY_ENCRYPTION_KEY
    with pytest.raises(CommandError, match="IDENTITY_LOOKUP_KEY"):
        call_command("rotate_encryption_key")


def test_pseudonymised_exports_cannot_be_linked_to_member_ids_without_the_key(settings):
    """DEF-05: without the key no guess maps a pseudonym back to a member id; with the key every one maps back."""
    member_ids = list(range(1, 2001))
    exported = deidentify([{"member_id": pk, "member_name": f"m{pk}", "amount": 3} for pk in member_ids])
    pseudonyms = [row["member_id"] for row in exported]

    unkeyed = {
        f(str(pk).encode()).hexdigest()[:16] for pk in member_ids for f in (hashlib.sha256, hashlib.md5, hashlib.sha1)
    }
    real_key = settings.IDENTITY_LOOKUP_KEY
    settings.IDENTITY_LOOKUP_KEY = Fernet.generate_key().decode()  # someone holding a different key
    wrong_key = {pseudonym(pk) for pk in member_ids}
    settings.IDENTITY_LOOKUP_KEY = real_key
    with_key = {pseudonym(pk): pk for pk in member_ids}

    assert all("member_name" not in row for row in exported)
    assert not {p.split("-", 1)[1] for p in pseudonyms} & unkeyed
    assert not set(pseudonyms) & wrong_key
    assert [with_key[p] for p in pseudonyms] == member_ids
