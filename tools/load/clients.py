"""N salesperson clients and the team leader, each in its own thread, for a bounded time.

The clients only wait on HTTP, so threads load the server as processes would; each keeps
its own :class:`~load.tally.Tally`. ``burst`` adds short-lived extra clients (the
connection-pool fault).
"""

import random
import threading
import time

from .api import Api
from .operations import Leader, Seller, Shared
from .tally import ERROR, Tally


def _loop(actor, deadline, stop, idle=0.0):
    while time.time() < deadline and not stop.is_set():
        entry = actor.step()
        if entry.outcome == ERROR:
            # a person retries after a moment, not thousands of times a second
            time.sleep(1.0)
        elif idle and not entry.facts.get("found", True):
            time.sleep(idle)


class Crowd:
    def __init__(self, url, db, setup, clients, run_tag, seed=1):
        self.url, self.db, self.setup = url, db, setup
        self.shared = Shared(setup["register_base"], run_tag)
        self.tallies = []
        self.threads = []
        self.stop = threading.Event()
        self.seed = seed
        self.sellers = setup["sellers"][:clients]

    def _seller(self, index, name, key):
        tally = Tally(name)
        self.tallies.append(tally)
        api = Api(self.url, self.db, key)
        return Seller(name, api, self.setup, self.shared, tally, self.seed * 1000 + index)

    def start(self, duration):
        deadline = time.time() + duration
        for index, seller in enumerate(self.sellers):
            actor = self._seller(index, f"c{index + 1}", seller["key"])
            self._spawn(actor, deadline)
        if self.setup["suite"]:
            tally = Tally("leader")
            self.tallies.append(tally)
            api = Api(self.url, self.db, self.setup["leader"]["key"])
            self._spawn(Leader(api, self.setup, tally, self.seed), deadline, idle=2.0)
        return deadline

    def burst(self, count, duration):
        """``count`` extra clients for ``duration`` seconds, reusing the sellers' keys."""
        deadline = time.time() + duration
        for n in range(count):
            seller = self.sellers[n % len(self.sellers)]
            actor = self._seller(100 + n, f"b{n + 1}", seller["key"])
            self._spawn(actor, deadline)

    def _spawn(self, actor, deadline, idle=0.0):
        thread = threading.Thread(
            target=_loop, args=(actor, deadline, self.stop, idle), daemon=True
        )
        thread.start()
        self.threads.append(thread)

    def join(self):
        for thread in self.threads:
            thread.join()

    def entries(self):
        return sorted(
            (entry for tally in self.tallies for entry in tally.entries),
            key=lambda entry: entry.started,
        )


def run_tag():
    return "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ", k=4))
