"""Masking personal values for display: enough to recognise, not enough to use."""

MASK = "•"


def mask(value: object) -> str:
    """Keep the first and last characters (fewer for short values) and hide the rest: "+8613800138001" → "+8•••••••••01"."""
    if value is None or value == "":
        return ""
    text = str(value)
    if len(text) <= 2:
        return MASK * len(text)
    if len(text) <= 6:
        return text[0] + MASK * (len(text) - 1)
    keep_end = 2 if len(text) < 12 else 4
    return text[:2] + MASK * (len(text) - 2 - keep_end) + text[-keep_end:]
