"""The page benchmark's SMS backend: production settings need one that is not the development outbox.

The benchmark only reads pages, so nothing is ever sent; a text would be a bug in the benchmark.
"""


class RefusingSmsBackend:
    def send(self, phone: str, body: str, *, member: object = None) -> None:
        raise RuntimeError("The page benchmark sends no text messages.")
