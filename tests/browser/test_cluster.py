"""Past one machine: deploy/local_cluster.sh's replicas behind HAProxy, driven by the
classroom benchmark's simulated students (Streamlit's websocket protocol, as Chromium
sends it) and by a real browser. Every session stays on its replica; when a replica
stops, its students and browsers go on, on another, with the same view."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.classroom import PAGES, Recording, Student, arrive, record_page
from devtools.browser import DRAWN, wait_idle
from devtools.cluster import REPLICA_COOKIE, local_cluster

STUDENTS = 9
CONNECTS = 'session_events_total{type="connect"}'


@pytest.fixture
def cluster():
    with local_cluster(3) as running:
        yield running


def _recording(browser, url):
    """The regression page's load and interactions, as Chromium sent them through the proxy."""
    notes = []
    page, _ = record_page(browser, url, PAGES[0], notes, [], [])
    assert not notes
    return Recording([page], {}, {}, [], notes)


async def _interact(students, rounds):
    """Each student makes each interaction of its page ``rounds`` times; every result."""

    async def one(student):
        for k in range(rounds):
            for control in student.page.controls:
                deadline = time.monotonic() + 30
                await student.rerun(control.kind, control.messages[k % 2], deadline, control.slider)

    await asyncio.gather(*(one(s) for s in students))
    return [r for s in students for r in s.results]


def test_students_stay_on_their_replica_and_go_on_when_it_stops(cluster, browser):
    recording = _recording(browser, cluster.url)
    before = {name: cluster.metric(name, CONNECTS) for name in cluster.replica_urls}

    async def run():
        students = [Student(i, recording, cluster.url, seed=7) for i in range(STUDENTS)]
        arrivals = await asyncio.gather(*(arrive(s, time.monotonic() + 60) for s in students))
        assert all(result.seconds is not None for result, _ in arrivals), arrivals
        results = await _interact(students, 2)
        assert all(r.seconds is not None and r.error is None for r in results), results
        placed = {}
        for s in students:
            placed.setdefault(s.cookies[REPLICA_COOKIE], []).append(s)
        # every replica has students, and each replica holds exactly its students'
        # sessions: none connected twice or elsewhere
        assert set(placed) == set(cluster.replica_urls)
        for name, ours in placed.items():
            assert cluster.metric(name, CONNECTS) - before[name] == len(ours)
            assert cluster.metric(name, "active_sessions") == len(ours)

        stopped = "replica-1"
        cluster.stop(stopped)
        moved = placed[stopped]
        for s in moved:  # their connection is gone: an interaction fails, as in a browser
            assert (await s.rerun("slider", s.page.controls[0].messages[0], time.monotonic() + 10)).error
            await s.close()
            s.results.clear()
        # they reconnect through the proxy with the cookie they have, as a browser does
        arrivals = await asyncio.gather(*(arrive(s, time.monotonic() + 60) for s in moved))
        assert all(result.seconds is not None and result.error is None for result, _ in arrivals), arrivals
        assert all(s.cookies[REPLICA_COOKIE] in set(cluster.replica_urls) - {stopped} for s in moved)
        results = await _interact(moved, 1)
        assert all(r.seconds is not None and r.error is None for r in results), results
        await asyncio.gather(*(s.close() for s in students))

    # in a thread of its own: Playwright's sync API keeps an event loop in this one
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, run()).result()


def _replica_of(page, url):
    return next(c["value"] for c in page.context.cookies(url) if c["name"] == REPLICA_COOKIE)


def test_a_browser_whose_replica_stops_shows_the_same_view_on_another(cluster, browser):
    page = browser.new_page()
    try:
        link = f"{cluster.url}/regression-losses?reg_show_huber=true&reg_r_max=3&reg_huber_delta=0.5"
        page.goto(link)
        wait_idle(page)
        drawn, view = page.evaluate(DRAWN, 0), page.url
        first = _replica_of(page, cluster.url)
        cluster.stop(first)
        # Streamlit's page reconnects by itself; the proxy sends it to a replica that is up
        deadline = time.monotonic() + 60
        while _replica_of(page, cluster.url) == first:
            assert time.monotonic() < deadline, "the page never reached another replica"
            page.wait_for_timeout(250)
        page.wait_for_function(
            "() => document.querySelector('[data-test-connection-state]')?.dataset.testConnectionState"
            " === 'CONNECTED'",
            timeout=60_000,
        )
        wait_idle(page, timeout=60_000)
        page.wait_for_timeout(1000)
        wait_idle(page)
        assert page.url == view
        assert page.evaluate(DRAWN, 0) == drawn
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
