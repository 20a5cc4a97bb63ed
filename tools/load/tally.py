"""What each client saw: one entry per operation, kept by the client itself.

An entry holds the operation's name, its outcome (``ok``, ``refused`` for a translated
UserError/ValidationError/AccessError, ``error`` for anything else), what the seed expects
of it (``ok``, ``refused`` or ``None`` when either is right), its latency, the marker put
into every record it creates, the ids it created or touched, and the facts the checker
needs to judge it from the database afterwards (``facts``). Tallies are written as JSON
lines, so that the checker can run on a saved run too (``python -m load check``).
"""

import json
import time
from dataclasses import asdict, dataclass, field

from .api import Failed, Refused

OK, REFUSED, ERROR = "ok", "refused", "error"


@dataclass
class Entry:
    client: str
    op: str
    seq: int
    started: float
    seconds: float = 0.0
    outcome: str = OK
    expected: str | None = None
    marker: str = ""
    ids: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    message: str = ""
    kind: str = ""


class Tally:
    def __init__(self, client):
        self.client = client
        self.entries = []

    def run(self, op, expected, body, marker="", **facts):
        """Run ``body(entry)`` as operation ``op``; record its outcome and latency.

        ``body`` fills ``entry.ids`` (and may add facts) as it goes, so that an operation
        that fails half way still tells the checker what it had already done.
        """
        entry = Entry(
            client=self.client,
            op=op,
            seq=len(self.entries),
            started=time.time(),
            expected=expected,
            marker=marker,
            facts=dict(facts),
        )
        start = time.perf_counter()
        try:
            body(entry)
        except Refused as refusal:
            entry.outcome, entry.kind, entry.message = REFUSED, refusal.kind, refusal.message
        except Failed as failure:
            entry.outcome, entry.kind, entry.message = ERROR, failure.kind, failure.message
        entry.seconds = time.perf_counter() - start
        self.entries.append(entry)
        return entry


def dump(entries, path):
    with open(path, "w", encoding="utf-8") as out:
        for entry in entries:
            out.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")


def load(path):
    with open(path, encoding="utf-8") as source:
        return [Entry(**json.loads(line)) for line in source if line.strip()]
