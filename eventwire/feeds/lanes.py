"""Politeness and overlap: run a function over items on a thread pool, per host in lanes.

At most ``per_host`` calls run at once for one host, and two calls for one host
start at least ``delay_of(host)`` seconds apart; hosts take turns, so one slow
host holds its own lane only and the others keep going.  A dispatcher thread
feeds the pool (never more than ``workers`` calls at once, so nothing queues
inside it) while the caller reads results as they finish: fetching overlaps
whatever the caller does with them (coding).  Results wait in a bounded queue,
so a slow reader slows fetching down instead of filling memory.
"""
from __future__ import annotations

import queue
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

_DONE = object()


class Lanes:
    def __init__(self, fn: Callable[[Any], Any], *, host_of: Callable[[Any], str], workers: int, per_host: int,
                 delay_of: Callable[[str], float] = lambda host: 0.0, buffer: int = 256):
        self.fn, self.host_of, self.delay_of = fn, host_of, delay_of
        self.workers, self.per_host, self.buffer = workers, per_host, buffer
        self._stop = threading.Event()

    def stop(self) -> None:
        """Start nothing more; calls in flight finish, and their results and any not yet read are dropped."""
        self._stop.set()

    def run(self, items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """``(item, result)`` pairs in the order calls finish; a call that raised gives its exception."""
        waiting: OrderedDict[str, deque] = OrderedDict()
        for item in items:
            waiting.setdefault(self.host_of(item), deque()).append(item)
        results: queue.Queue = queue.Queue(maxsize=self.buffer)
        cond = threading.Condition()
        running: dict[str, int] = {}
        next_start: dict[str, float] = {}
        inflight = [0]

        def call(host: str, item: Any) -> None:
            try:
                result = self.fn(item)
            except Exception as exc:  # handed to the reader, never lost in a thread
                result = exc
            with cond:
                next_start[host] = max(next_start.get(host, 0.0), time.monotonic() + self.delay_of(host))
            if not self._stop.is_set():
                results.put((item, result))
            with cond:
                running[host] -= 1
                inflight[0] -= 1
                cond.notify()

        def dispatch() -> None:
            with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="eventwire-fetch") as pool:
                with cond:
                    while not self._stop.is_set():
                        now, wake = time.monotonic(), None
                        for host in list(waiting):
                            lane = waiting[host]
                            while lane and running.get(host, 0) < self.per_host and inflight[0] < self.workers:
                                if next_start.get(host, 0.0) > now:
                                    wake = min(wake or 1e9, next_start[host] - now)
                                    break
                                running[host] = running.get(host, 0) + 1
                                inflight[0] += 1
                                next_start[host] = now + self.delay_of(host)
                                pool.submit(call, host, lane.popleft())
                            if not lane:
                                del waiting[host]
                        if not waiting and inflight[0] == 0:
                            break
                        cond.wait(timeout=wake)
            results.put(_DONE)

        thread = threading.Thread(target=dispatch, name="eventwire-lanes", daemon=True)
        thread.start()
        try:
            while True:
                got = results.get()
                if got is _DONE or self._stop.is_set():
                    return  # after stop(), results already waiting in the queue are dropped too
                yield got
        finally:
            self.stop()
            with cond:
                cond.notify_all()
            while thread.is_alive():  # let calls in flight end; they drop their results
                try:
                    results.get(timeout=0.1)
                except queue.Empty:
                    pass
