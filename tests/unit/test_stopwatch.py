"""The --timings stopwatch: phases summed, costliest first, shares adding up."""

from __future__ import annotations

import time

import pytest

from cxcheck.crawl.stopwatch import Stopwatch


def test_phases_are_summed_and_the_costliest_comes_first() -> None:
    watch = Stopwatch()
    for _ in range(2):
        with watch.timing("navigation"):
            time.sleep(0.02)
    with watch.timing("checks"):
        pass
    navigation, checks = watch.phases()
    assert (navigation.phase, navigation.runs) == ("navigation", 2)
    assert navigation.seconds >= 0.04
    assert checks.runs == 1 and checks.seconds < navigation.seconds
    assert navigation.share + checks.share == pytest.approx(1.0)


def test_a_phase_that_raises_is_still_timed() -> None:
    watch = Stopwatch()
    with pytest.raises(ValueError), watch.timing("capture"):
        raise ValueError
    assert watch.runs["capture"] == 1
