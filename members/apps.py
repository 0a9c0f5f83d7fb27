from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from members import signals  # noqa: F401 - connects the receivers
        from members.roles import sync_staff_groups

        post_migrate.connect(sync_staff_groups, dispatch_uid="members.sync_staff_groups")
