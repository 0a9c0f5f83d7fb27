"""Keep the cached pop-ups and anti-fraud patterns in step with what staff change in admin."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from interactions.fraud import forget_patterns
from interactions.marketing import forget_popups
from interactions.models import FraudPattern, MarketingPopup


@receiver([post_save, post_delete], sender=MarketingPopup, dispatch_uid="interactions.forget_popups")
def _popup_changed(sender, **kwargs) -> None:
    forget_popups()


@receiver([post_save, post_delete], sender=FraudPattern, dispatch_uid="interactions.forget_fraud_patterns")
def _fraud_pattern_changed(sender, **kwargs) -> None:
    forget_patterns()
