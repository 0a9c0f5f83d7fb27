"""Registry entries of the catalog app."""

from catalog.models import Category, Commodity, Store
from privacy.registry import declare_no_personal_data

declare_no_personal_data(Category, reason="Names of commodity categories.")
declare_no_personal_data(Store, reason="Public store listings run by sellers, not members' data.")
declare_no_personal_data(Commodity, reason="Public commodity listings.")
