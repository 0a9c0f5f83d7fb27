"""Registry entries of the catalog app (section II(II), retention V(I))."""

from django.utils.translation import gettext_lazy as _

from catalog.models import (
    BrowsingHistory,
    Commodity,
    CommodityCategory,
    Favorite,
    Follow,
    OperationHistory,
    RecommendationBlock,
    SearchHistory,
    SearchTermStat,
    Store,
    StoreLoyaltyMembership,
    StoreMembership,
    StoreMembershipRules,
)
from privacy.registry import PI, DataCategory, Erasure, Retention, days, declare_no_personal_data, register

HISTORY_DAYS = 180

declare_no_personal_data(CommodityCategory, reason="Names of commodity categories.")
declare_no_personal_data(Store, reason="Public store listings run by sellers, not members' data.")
declare_no_personal_data(Commodity, reason="Public commodity listings.")
declare_no_personal_data(
    SearchTermStat,
    reason="BRW-05: counts per search term, with no member, session or IP address; a term alone identifies no one.",
)


def _history_retention(after: str) -> Retention:
    return Retention(
        after=after,
        keep=days(HISTORY_DAYS),
        then=Erasure.DELETE_ROW,
        basis=_("Section V(I): kept only as long as recommendations and your history pages need it."),
    )


register(
    Favorite,
    kept_while=_("Kept until you remove the favourite or close your account."),
    subject="member",
    row=PI(DataCategory.BROWSING, _("Keeps the goods you saved in Favorites."), erase=Erasure.DELETE_ROW),
)
register(
    Follow,
    kept_while=_("Kept until you unfollow or close your account."),
    subject="member",
    row=PI(DataCategory.BROWSING, _("Keeps the stores and creators you follow."), erase=Erasure.DELETE_ROW),
)
register(
    OperationHistory,
    subject="member",
    row=PI(
        DataCategory.BROWSING,
        _("Records your favourite, cart, follow, share and like actions for those functions."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_history_retention("occurred_at"),
)
register(
    BrowsingHistory,
    subject="member",
    row=PI(
        DataCategory.BROWSING,
        _("Shows you what you viewed, and with your consent personalises recommendations."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_history_retention("viewed_at"),
)
register(
    SearchHistory,
    subject="member",
    row=PI(
        DataCategory.SEARCH,
        _("Shows your recent searches back to you, and with your consent personalises results."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_history_retention("searched_at"),
)
register(
    RecommendationBlock,
    kept_while=_("Kept until you unblock the category or close your account."),
    subject="member",
    row=PI(
        DataCategory.BROWSING,
        _("Remembers the categories you asked us not to recommend."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
)
register(
    StoreMembership,
    kept_while=_("Kept while you are a member of the store, until you leave it or close your account."),
    subject="member",
    row=PI(
        DataCategory.ACCOUNT,
        _("Lets you see and handle your store's orders as its seller staff."),
        erase=Erasure.DELETE_ROW,
    ),
)
declare_no_personal_data(StoreMembershipRules, reason="A store's published membership rules; they name no member.")
register(
    StoreLoyaltyMembership,
    subject="member",
    row=PI(
        DataCategory.PROFILE,
        _("The stores whose membership programme you joined, under which version of their rules."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_(
        "Kept while you are a member of the store's programme; leaving it or closing your account deletes it."
    ),
)
