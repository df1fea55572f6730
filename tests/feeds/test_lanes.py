"""Per-host lanes against two real servers: a slow host does not hold up the other."""
from __future__ import annotations

import time

from werkzeug import Response

from eventwire.feeds.fetch import host_of
from eventwire.feeds.lanes import Lanes


def test_a_slow_host_does_not_block_the_others(site, other_site, fetcher):
    finished = []

    def slow(_request):
        # the slow host answers only once the client has every fast page back (or after 10 s): with lanes
        # that let a slow host hold up the other, the fast pages would wait and come back after it
        deadline = time.monotonic() + 10
        while sum(1 for u, _ in finished if u in fast_urls) < len(fast_urls) and time.monotonic() < deadline:
            time.sleep(0.02)
        return Response("slow")

    site.expect_request("/p").respond_with_handler(slow)
    other_site.expect_request("/p").respond_with_data("fast")
    slow_urls = [site.url_for(f"/p?n={i}") for i in range(4)]
    fast_urls = [other_site.url_for(f"/p?n={i}") for i in range(20)]
    lanes = Lanes(fetcher.get, host_of=host_of, workers=8, per_host=2)
    started = time.monotonic()
    for url, result in lanes.run(slow_urls + fast_urls):
        assert result.ok
        finished.append((url, time.monotonic() - started))
    fast_done = max(t for u, t in finished if u in fast_urls)
    slow_first = min(t for u, t in finished if u in slow_urls)
    assert len(finished) == 24
    assert fast_done < slow_first  # every fast page is back before the first slow one
    assert sum(1 for r, _ in site.log if r.path == "/p") == 4


def test_per_host_limit_and_delay():
    import threading

    running, peak, lock, starts = {}, {}, threading.Lock(), []

    def work(item):
        host = item[0]
        with lock:
            running[host] = running.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), running[host])
            starts.append((item, time.monotonic()))
        time.sleep(0.02)
        with lock:
            running[host] -= 1
        return item

    items = [("a", i) for i in range(6)] + [("b", i) for i in range(6)]
    done = list(Lanes(work, host_of=lambda it: it[0], workers=8, per_host=2).run(items))
    assert sorted(i for i, _ in done) == sorted(items) and peak == {"a": 2, "b": 2}
    starts.clear()
    list(Lanes(work, host_of=lambda it: it[0], workers=8, per_host=1, delay_of=lambda h: 0.05).run(items[:3]))
    gaps = [b[1] - a[1] for a, b in zip(starts, starts[1:])]
    assert all(g >= 0.045 for g in gaps)


def test_an_exception_in_a_call_is_handed_back_and_stop_ends_early():
    def work(n):
        if n == 3:
            raise ValueError("bad item")
        return n * 2

    results = dict(Lanes(work, host_of=lambda n: "h", workers=2, per_host=2).run(range(6)))
    assert isinstance(results.pop(3), ValueError) and results == {0: 0, 1: 2, 2: 4, 4: 8, 5: 10}
    lanes = Lanes(lambda n: n, host_of=lambda n: "h", workers=1, per_host=1)
    got = []
    for n, _ in lanes.run(range(100)):
        got.append(n)
        lanes.stop()
    # results the fast worker already queued are dropped too: exactly one was read (it failed once when the
    # worker had queued all 100 before the first stop)
    assert len(got) == 1
