"""TRX-03: cross-border customs ID numbers are stored encrypted (privacy.encryption) and shown masked."""

from privacy.encryption import seal, unseal

__all__ = ["masked", "seal", "unseal"]


def masked(token: str | None) -> str:
    number = unseal(token)
    return f"{'•' * max(len(number) - 4, 0)}{number[-4:]}" if number else ""
