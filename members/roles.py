"""Staff roles: the groups customer-service staff, privacy officers and auditors belong to.

Groups are kept in step with this table after every migrate, so a model added
later gets its permissions here and nowhere else.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ROLES: dict[str, list[str]] = {
    # Works members' requests and tickets; sees members and orders, changes tickets.
    "customer_service": [
        "members.view_member",
        "members.view_personal_data",
        "orders.view_order",
        "orders.view_orderitem",
        "orders.view_payment",
        "orders.view_shipment",
        "orders.view_alipayaccount",
        "orders.view_alipaychangerequest",
        "orders.change_alipaychangerequest",
        "support.view_ticket",
        "support.change_ticket",
        "interactions.view_message",
        "interactions.add_message",
        "members.view_guardianconsent",
        "members.view_accountretrievalrequest",
        "members.change_accountretrievalrequest",
        "members.view_identityverification",
        "members.view_securityevent",
        "members.view_riskdecision",
        "privacy.view_consentevent",
        "privacy.add_consentevent",
    ],
    # Keeps policy versions and schedules.
    "privacy_officer": [
        "members.view_member",
        # STO-09..11: the security-incident register, its notices and announcements.
        "rights.view_securityincident",
        "rights.add_securityincident",
        "rights.change_securityincident",
        "rights.view_incidenttimelineentry",
        "rights.add_incidenttimelineentry",
        "rights.view_affectedmember",
        "rights.add_affectedmember",
        # SEC-10: staff training records and who is overdue.
        "rights.view_trainingrecord",
        "rights.add_trainingrecord",
        "rights.change_trainingrecord",
        "members.view_personal_data",
        "privacy.view_consentevent",
        "privacy.view_partner",
        "privacy.add_partner",
        "privacy.change_partner",
        "privacy.view_overseasrecipient",
        "privacy.add_overseasrecipient",
        "privacy.change_overseasrecipient",
        "privacy.view_disclosure",
        "privacy.add_disclosure",
        "privacy.view_authorityrequest",
        "privacy.add_authorityrequest",
        "privacy.change_authorityrequest",
        "privacy.view_researchapproval",
        "privacy.view_thirdpartyscript",
        "privacy.add_thirdpartyscript",
        "privacy.change_thirdpartyscript",
        "privacy.add_researchapproval",
        "rights.view_transfernotice",
        "rights.add_transfernotice",
        "rights.change_transfernotice",
        "privacy.view_sharingrecord",
        "privacy.view_staffaccesslog",
        "privacy.view_policyversion",
        "privacy.add_policyversion",
        "members.view_levelrule",
        "members.add_levelrule",
        "members.change_levelrule",
        "members.view_childrenrulesversion",
        "members.add_childrenrulesversion",
        "members.change_childrenrulesversion",
        "members.view_guardianconsent",
        "members.change_guardianconsent",
        "members.view_identityverification",
        "members.view_identity",
        "members.view_identityreveal",
        "privacy.change_policyversion",
        "privacy.view_scopedpolicyversion",
        "privacy.add_scopedpolicyversion",
        "privacy.change_scopedpolicyversion",
        "rights.view_legalhold",
        "rights.add_legalhold",
        "rights.change_legalhold",
        "rights.view_retentionrun",
        "rights.view_retentionchunk",
        "rights.view_erasurerun",
        "rights.view_erasurestep",
        "rights.view_tombstone",
        "rights.view_ceasedservice",
        "django_celery_beat.view_periodictask",
        "django_celery_beat.change_periodictask",
        "django_celery_beat.view_crontabschedule",
        "django_celery_beat.view_intervalschedule",
        "portal.view_heartbeat",
    ],
    # SEC-10: the PI protection working group (rights.models.WORKING_GROUP_STAFF); complaints and children's data
    # are assigned only to its members.
    "pipwg": [
        "members.view_member",
        "rights.view_workinggrouprequest",
        "rights.change_workinggrouprequest",
        "rights.view_request_evidence",
        "rights.view_trainingrecord",
    ],
    # Reads, never writes.
    "auditor": [
        "privacy.view_policyversion",
        "privacy.view_scopedpolicyversion",
        "privacy.view_consentevent",
        "privacy.view_sharingrecord",
        "privacy.view_staffaccesslog",
        "django_celery_beat.view_periodictask",
        "portal.view_heartbeat",
    ],
}


def sync_staff_groups(*, app_config, using="default", **kwargs) -> None:
    """Create the role groups and give each exactly the permissions ROLES lists.

    Runs once per migrate: post_migrate is sent once per app that has models,
    and only after the last of them do all permissions exist.
    """
    if app_config is not [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
        return
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for code in codes:
            app_label, codename = code.split(".", 1)
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
