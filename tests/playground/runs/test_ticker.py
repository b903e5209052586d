"""`playground.runs.ticker` and the frame pacing of `config` and `workers`: a run watched by
a crowd ticks less often (fewer, fuller frames: each frame is one write per socket), and
both pacers ask for the interval before every tick."""

from __future__ import annotations

import asyncio

import pytest

from playground.runs import config
from playground.runs.ticker import WallPacer
from playground.runs.workers import AdaptivePacer


@pytest.mark.parametrize(
    ("viewers", "interval"),
    [(0, 0.05), (1, 0.05), (500, 0.05), (750, 0.075), (1000, 0.1), (20_000, 0.1)],
)
def test_the_frame_interval_grows_with_the_audience_up_to_ten_frames_a_second(viewers, interval):
    assert config.frame_interval(viewers) == pytest.approx(interval)


def test_a_workers_pacer_keeps_the_audiences_floor_and_backs_off_above_it():
    pacer = AdaptivePacer()
    pacer.adapt(0.0, viewers=1000)
    assert pacer.interval == pytest.approx(0.1)
    pacer.adapt(1.0, viewers=1000)  # frames written late: wider still
    assert pacer.interval == pytest.approx(0.15)
    pacer.adapt(0.0, viewers=1000)  # caught up: back to the crowd's floor, not below
    assert pacer.interval == pytest.approx(0.1)
    for _ in range(5):
        pacer.adapt(0.0, viewers=3)  # the crowd left: narrows back to 20 a second
    assert pacer.interval == pytest.approx(config.FRAME_INTERVAL)


def test_the_wall_pacer_asks_for_the_interval_before_each_tick():
    asked = []

    def interval() -> float:
        asked.append(len(asked))
        return 0.0  # no waiting in a test

    async def three_ticks() -> int:
        ticks = WallPacer().ticks(interval)
        count = 0
        async for _wall in ticks:
            count += 1
            if count == 3:
                break
        await ticks.aclose()
        return count

    assert asyncio.run(three_ticks()) == 3
    assert len(asked) == 3
