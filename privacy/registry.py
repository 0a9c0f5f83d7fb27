"""The privacy registry: what personal information each model holds, and what may be done with it.

Every app declares its models in its own `privacy.py` (imported when Django
starts). The data page, export, erasure, retention sweeps, admin masking and
the public collected-information page (POL-10) all read from here, so a model
that is not declared cannot be forgotten by any of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from privacy.categories import CATEGORY_INFO, DataCategory, DeviceUse, is_device_field_name
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.contenttypes.fields import GenericForeignKey
    from django.db.models import ForeignObjectRel
    from django_stubs_ext import StrOrPromise

__all__ = [
    "PI",
    "DataCategory",
    "DeviceUse",
    "Erasure",
    "LinkedRows",
    "Registration",
    "RegistryError",
    "Retention",
    "days",
    "declare_no_personal_data",
    "delete_linked_rows",
    "register",
    "registry",
    "years",
]


class RegistryError(ImproperlyConfigured):
    """A registry declaration that does not match the model it describes."""


class Erasure(models.TextChoices):
    """How one value (or one row) is erased."""

    DELETE_ROW = "delete_row", _("delete the record")
    NULL = "null", _("remove the value")
    BLANK = "blank", _("clear the text")
    MASK = "mask", _("mask all but a few characters")
    HASH = "hash", _("replace with a keyed hash")
    PSEUDONYM = "pseudonym", _("replace with a pseudonym")
    ANONYMIZE = "anonymize", _("anonymize every personal field")


# Strategies that rewrite a value in place need a field that can hold the result.
TEXT_FIELDS = (models.CharField, models.TextField)
VALUE_STRATEGIES: dict[Erasure, tuple[type[models.Field[Any, Any]], ...]] = {
    Erasure.NULL: (models.Field,),
    Erasure.BLANK: TEXT_FIELDS,
    Erasure.MASK: TEXT_FIELDS,
    Erasure.HASH: TEXT_FIELDS,
    Erasure.PSEUDONYM: TEXT_FIELDS,
}


@dataclass(frozen=True)
class PI:
    """One piece of personal information: a field, or (as `row=`) the existence of the record itself."""

    category: DataCategory
    purpose: StrOrPromise
    erase: Erasure = Erasure.NULL
    is_sensitive: bool = False
    is_necessary: bool = True
    # DEF-03: for device information, what it is used for; only DeviceUse values are accepted.
    uses: tuple[str, ...] = ()
    # DEF-02: for sensitive information, the separate consent its collection view records, and (for a row)
    # the encrypted columns that hold the sensitive values; () when the row holds none itself.
    consent: Purpose | None = None
    sealed: tuple[str, ...] | None = None

    @property
    def sensitive(self) -> bool:
        return self.is_sensitive or CATEGORY_INFO[self.category].always_sensitive


def days(n: int) -> timedelta:
    return timedelta(days=n)


def years(n: int) -> timedelta:
    # Calendar years are not a fixed length; 366 days per year never ends a
    # legal minimum early (STO-02: "not less than three years").
    return timedelta(days=366 * n)


@dataclass(frozen=True)
class Retention:
    """How long rows are kept: `keep` after the time in field `after`, then `then`, for the legal `basis`.

    A rule is a ceiling ("kept at most ...") unless `is_legal_minimum`: only a law
    that makes us keep the rows keeps them after the account is closed (STO-02).
    """

    after: str
    keep: timedelta
    then: Erasure
    basis: StrOrPromise
    is_legal_minimum: bool = False

    @property
    def period(self) -> str:
        if self.keep.days % 366 == 0:
            return ngettext("%(count)d year", "%(count)d years", self.keep.days // 366) % {
                "count": self.keep.days // 366
            }
        return ngettext("%(count)d day", "%(count)d days", self.keep.days) % {"count": self.keep.days}

    def describe(self) -> str:
        return _("Kept %(period)s after %(event)s, then %(action)s.") % {
            "period": self.period,
            "event": self.after.replace(LOOKUP_SEP, " ").replace("_", " "),
            "action": self.then.label,
        }


@dataclass(frozen=True)
class Registration:
    """Everything the registry knows about one model."""

    model: type[models.Model]
    subject: str
    fields: dict[str, PI]
    row: PI | None
    retention: Retention | None
    not_personal: frozenset[str]
    # STO-01: without a retention rule, the written reason the data is kept as long as it is.
    kept_while: StrOrPromise = ""

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def rule(self) -> Retention:
        """The retention rule, for code that handles only registrations that have one."""
        if self.retention is None:
            raise LookupError(f"{self.label} has no retention rule.")
        return self.retention

    def entries(self) -> list[tuple[str, PI]]:
        """(name, PI) for each declared field, and for the row itself when the row is personal."""
        items = list(self.fields.items())
        if self.row is not None:
            items.insert(0, ("", self.row))
        return items

    def field_label(self, name: str) -> str:
        if not name:
            return str(self.model._meta.verbose_name)
        # A declared name is a concrete field: _check_field refuses relations and anything else.
        return str(cast("models.Field[Any, Any]", self.model._meta.get_field(name)).verbose_name)

    def undeclared_fields(self) -> list[str]:
        """Concrete fields that are neither declared personal, declared not personal, nor the key or subject link.

        A model whose row is personal is covered whole: erasing it deletes every field.
        """
        if self.row is not None:
            return []
        subject_root = self.subject.split(LOOKUP_SEP, 1)[0]
        known = set(self.fields) | self.not_personal | {self.model._meta.pk.name, subject_root}
        return [f.name for f in self.model._meta.concrete_fields if f.name not in known]


@dataclass(frozen=True)
class LinkedRows:
    """Rows of a registered model that name the member through `link` rather than through its subject.

    They belong to other members (a friend's "friend" row, a request waiting for the member's answer), yet
    mean nothing once the member is erased: the erasure deletes those matching `only` in a step of its own.
    """

    model: type[models.Model]
    link: str
    only: models.Q
    description: StrOrPromise

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}:{self.link}"


@dataclass
class Registry:
    _registrations: dict[type[models.Model], Registration] = field(default_factory=dict)
    _no_personal_data: dict[type[models.Model], str] = field(default_factory=dict)
    _linked: dict[str, LinkedRows] = field(default_factory=dict)

    def register(
        self,
        model: type[models.Model],
        *,
        subject: str,
        fields: dict[str, PI] | None = None,
        row: PI | None = None,
        retention: Retention | None = None,
        not_personal: Iterable[str] = (),
        kept_while: StrOrPromise = "",
    ) -> Registration:
        """Declare the personal information `model` holds; `subject` is the lookup from it to the member's pk.

        Give a `retention` rule, or say in `kept_while` why the data has none (STO-01: for example data the
        member keeps and deletes themselves, erased at account closure).
        """
        if model in self._registrations or model in self._no_personal_data:
            raise RegistryError(f"{model._meta.label} is declared twice in the privacy registry.")
        fields = dict(fields or {})
        if not fields and row is None:
            raise RegistryError(
                f"{model._meta.label}: declare its personal fields, its row, or declare_no_personal_data()."
            )
        _check_subject(model, subject)
        for name, pi in fields.items():
            _check_field(model, name, pi)
        if row is not None and row.erase is not Erasure.DELETE_ROW:
            raise RegistryError(f"{model._meta.label}: a personal row can only be erased by deleting it.")
        _check_device_information(model, fields, row)
        if retention is not None:
            _check_retention(model, retention)
        for name in not_personal:
            _field(model, name)
        registration = Registration(model, subject, fields, row, retention, frozenset(not_personal), kept_while)
        self._registrations[model] = registration
        return registration

    def delete_linked_rows(
        self, model: type[models.Model], *, link: str, description: StrOrPromise, only: models.Q | None = None
    ) -> LinkedRows:
        """Erasing a member also deletes the rows of `model` whose `link` names them (and that match `only`)."""
        registration = self._registrations.get(model)
        if registration is None or registration.row is None:
            raise RegistryError(f"{model._meta.label}: register its personal row before its linked rows.")
        _check_subject(model, link)
        if link == registration.subject:
            raise RegistryError(f"{model._meta.label}: {link!r} is its subject; its rows are erased already.")
        linked = LinkedRows(model, link, only or models.Q(), description)
        if linked.label in self._linked:
            raise RegistryError(f"{linked.label} is declared twice in the privacy registry.")
        self._linked[linked.label] = linked
        return linked

    def linked_rows(self) -> list[LinkedRows]:
        return sorted(self._linked.values(), key=lambda linked: linked.label)

    def declare_no_personal_data(self, model: type[models.Model], *, reason: str) -> None:
        """State that `model` holds no personal information, and why."""
        if model in self._registrations or model in self._no_personal_data:
            raise RegistryError(f"{model._meta.label} is declared twice in the privacy registry.")
        if not reason.strip():
            raise RegistryError(f"{model._meta.label}: say why it holds no personal information.")
        self._no_personal_data[model] = reason

    def get(self, model: type[models.Model]) -> Registration | None:
        return self._registrations.get(model)

    def __iter__(self) -> Iterator[Registration]:
        return iter(sorted(self._registrations.values(), key=lambda r: r.label))

    def __contains__(self, model: type[models.Model]) -> bool:
        return model in self._registrations

    def holds_no_personal_data(self, model: type[models.Model]) -> bool:
        return model in self._no_personal_data

    def unaccounted_models(self, candidates: Iterable[type[models.Model]] | None = None) -> list[str]:
        """Labels of concrete models neither registered nor declared free of personal information."""
        candidates = project_models() if candidates is None else candidates
        return sorted(
            model._meta.label
            for model in candidates
            if model not in self._registrations and model not in self._no_personal_data
        )

    def without_retention(self) -> list[str]:
        """STO-01: labels of registered models with neither a retention rule nor a written reason for having none."""
        return [r.label for r in self if r.retention is None and not str(r.kept_while).strip()]

    def by_category(self) -> dict[DataCategory, list[tuple[Registration, str, PI]]]:
        """Every declared item, grouped by category in the order of the policy's list."""
        grouped: dict[DataCategory, list[tuple[Registration, str, PI]]] = defaultdict(list)
        for registration in self:
            for name, pi in registration.entries():
                grouped[pi.category].append((registration, name, pi))
        return {category: grouped[category] for category in DataCategory if category in grouped}


def project_models() -> list[type[models.Model]]:
    """Concrete, non-proxy models of the apps that live in this repository."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for app_config in apps.get_app_configs():
        if not Path(app_config.path).resolve().is_relative_to(base) or ".venv" in Path(app_config.path).parts:
            continue
        for model in app_config.get_models():
            if not model._meta.proxy:
                found.append(model)
    return found


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any] | ForeignObjectRel | GenericForeignKey:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        raise RegistryError(f"{model._meta.label} has no field {name!r}.") from None


def _follow(model: type[models.Model], path: str) -> models.Field[Any, Any] | ForeignObjectRel | GenericForeignKey:
    """The field a lookup path such as "order__buyer" ends on, following relations."""
    current = model
    parts = path.split(LOOKUP_SEP)
    for i, part in enumerate(parts):
        found = _field(current, part)
        if i < len(parts) - 1:
            if not found.is_relation or found.related_model is None:
                raise RegistryError(f"{model._meta.label}: {path!r} goes through {part!r}, which is not a relation.")
            current = found.related_model  # type: ignore[assignment]  # stubs keep "self"; Django resolved it
    return found


def _check_subject(model: type[models.Model], subject: str) -> None:
    member_model = apps.get_model(settings.AUTH_USER_MODEL)
    if subject == "pk":
        if model is not member_model:
            raise RegistryError(f"{model._meta.label}: only the member model itself has subject 'pk'.")
        return
    end = _follow(model, subject)
    if not (end.is_relation and end.related_model is member_model):
        raise RegistryError(f"{model._meta.label}: subject {subject!r} does not lead to {member_model._meta.label}.")


def _check_field(model: type[models.Model], name: str, pi: PI) -> None:
    if LOOKUP_SEP in name:
        raise RegistryError(f"{model._meta.label}: declare {name!r} on the model that owns it.")
    model_field = _field(model, name)
    if pi.erase is Erasure.DELETE_ROW or pi.erase is Erasure.ANONYMIZE:
        raise RegistryError(
            f"{model._meta.label}.{name}: {pi.erase.label!r} applies to rows, not fields; use row= or retention."
        )
    if not isinstance(model_field, VALUE_STRATEGIES[pi.erase]):
        raise RegistryError(
            f"{model._meta.label}.{name}: a {type(model_field).__name__} cannot be erased by {pi.erase.value!r}."
        )
    if pi.erase is Erasure.NULL and not model_field.null:
        raise RegistryError(f"{model._meta.label}.{name}: erasure 'null' needs null=True on the field.")
    if model_field.unique and pi.erase in (Erasure.BLANK, Erasure.MASK):
        raise RegistryError(
            f"{model._meta.label}.{name}: a unique field cannot be erased by {pi.erase.value!r}; use null, hash or pseudonym."
        )


def _check_device_information(model: type[models.Model], fields: dict[str, PI], row: PI | None) -> None:
    """DEF-03: device information is declared in the device category, for security, payment security or stability only."""
    for f in model._meta.concrete_fields:
        if is_device_field_name(f.name) and (
            f.name not in fields or fields[f.name].category is not DataCategory.DEVICE
        ):
            raise RegistryError(f"{model._meta.label}.{f.name}: device information is declared in the device category.")
    entries = list(fields.items()) + ([("", row)] if row is not None else [])
    for name, pi in entries:
        if pi.category is not DataCategory.DEVICE:
            continue
        where = f"{model._meta.label}.{name}" if name else model._meta.label
        if not pi.uses:
            raise RegistryError(f"{where}: device information must list what it is used for.")
        unknown = [use for use in pi.uses if use not in DeviceUse.values]
        if unknown:
            raise RegistryError(
                f"{where}: device information may only be used for {', '.join(DeviceUse.values)}, not {unknown}."
            )


def _check_retention(model: type[models.Model], retention: Retention) -> None:
    end = _follow(model, retention.after)
    if not isinstance(end, models.DateTimeField):
        raise RegistryError(
            f"{model._meta.label}: retention starts at {retention.after!r}, which is not a date and time."
        )
    if retention.then not in (Erasure.DELETE_ROW, Erasure.ANONYMIZE):
        raise RegistryError(f"{model._meta.label}: when retention ends, rows are deleted or anonymized.")
    if not retention.basis.strip():
        raise RegistryError(f"{model._meta.label}: a retention rule needs its legal basis.")


registry = Registry()
register = registry.register
declare_no_personal_data = registry.declare_no_personal_data
delete_linked_rows = registry.delete_linked_rows


def keeps_rows_after_closure(registration: Registration) -> bool:
    """Whether closure keeps this model's rows until their retention period ends: only for a legal minimum."""
    return registration.retention is not None and registration.retention.is_legal_minimum
