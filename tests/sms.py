"""The suite's SMS backend: the development outbox, plus the full texts for tests to read codes from."""

from dataclasses import dataclass

from interactions.channels import DatabaseSmsBackend


@dataclass(frozen=True)
class SentText:
    phone: str
    body: str
    member: object | None


# Emptied before every test by tests/conftest.py.
outbox: list[SentText] = []


class RecordingSmsBackend(DatabaseSmsBackend):
    def send(self, phone: str, body: str, *, member=None) -> None:
        outbox.append(SentText(phone, body, member))
        super().send(phone, body, member=member)


def texts_to(phone: str) -> list[str]:
    return [text.body for text in outbox if text.phone == phone]
