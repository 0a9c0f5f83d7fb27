"""Keep the cached pop-ups in step with what staff change in admin."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from interactions.marketing import forget_popups
from interactions.models import MarketingPopup


@receiver([post_save, post_delete], sender=MarketingPopup, dispatch_uid="interactions.forget_popups")
def _popup_changed(sender, **kwargs) -> None:
    forget_popups()
