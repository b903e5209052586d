"""EventBridge rule schedules: `rate(...)` and `cron(...)` expressions, parsed, validated
and turned into fire times ("Rate expressions reference", "Cron expressions reference").

Schedules run in UTC on the simulated calendar, whose time 0 is `SIM_EPOCH`
(2026-01-01T00:00:00Z, a Thursday). A rule exists from time 0 and fires at the first
scheduled instant strictly after it: `rate(5 minutes)` at 300 s, 600 s, ... ("a rate
expression starts when you create the scheduled event rule"); `cron(0/5 * * * ? *)` at
every minute divisible by five after 00:00, the first at 00:05.

Cron has AWS's six fields (minutes, hours, day-of-month, month, day-of-week, year) with
`, - * / ?` everywhere AWS allows them, plus `L` and `W` in day-of-month and `L` and `#`
in day-of-week; day-of-week runs 1-7 from Sunday (SUN-SAT), months 1-12 (JAN-DEC).
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from engine.core.errors import Problem
from engine.runtime.templates import SIM_EPOCH

RATE = re.compile(r"rate\((\d+)\s+([a-z]+)\)")
CRON = re.compile(r"cron\((.*)\)")
RATE_UNITS = {"minute": 60, "hour": 3600, "day": 86400}
MONTHS = {m.upper(): i for i, m in enumerate(calendar.month_abbr) if m}
WEEKDAYS = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
# (name, lowest, highest, names, wildcards beyond digits , - *): "Cron expressions reference".
FIELDS = (
    ("minutes", 0, 59, {}, "/"),
    ("hours", 0, 23, {}, "/"),
    ("day-of-month", 1, 31, {}, "/?LW"),
    ("month", 1, 12, MONTHS, "/"),
    ("day-of-week", 1, 7, WEEKDAYS, "?L#"),
    ("year", 1970, 2199, {}, "/"),
)
MAX_EXPRESSION = 256  # "PutRule": ScheduleExpression is at most 256 characters


class ScheduleError(ValueError):
    """A schedule expression AWS would refuse; the message says what is wrong."""


@dataclass(frozen=True)
class Rate:
    """`rate(value unit)`: every `period` seconds, the first one period after creation."""

    period: float

    def next_after(self, t: float) -> float | None:
        return (math.floor(t / self.period) + 1) * self.period


@dataclass(frozen=True)
class DaysOfMonth:
    days: frozenset[int]
    last: bool = False  # L
    last_weekday: bool = False  # LW
    nearest: frozenset[int] = frozenset()  # nW: the weekday nearest to day n

    def matches(self, year: int, month: int, day: int) -> bool:
        length = calendar.monthrange(year, month)[1]
        if day in self.days or (self.last and day == length):
            return True
        if self.last_weekday and day == _nearest_weekday(year, month, length, length):
            return True
        return any(
            n <= length and day == _nearest_weekday(year, month, n, length) for n in self.nearest
        )


@dataclass(frozen=True)
class DaysOfWeek:
    days: frozenset[int]
    last_of: frozenset[int] = frozenset()  # nL: the last such weekday of the month
    nth: tuple[int, int] | None = None  # d#n: the nth such weekday of the month

    def matches(self, year: int, month: int, day: int) -> bool:
        weekday = _weekday(year, month, day)
        if weekday in self.days:
            return True
        if weekday in self.last_of and day + 7 > calendar.monthrange(year, month)[1]:
            return True
        return self.nth is not None and self.nth == (weekday, (day - 1) // 7 + 1)


@dataclass(frozen=True)
class Cron:
    """A parsed `cron(...)`: one set per numeric field, and one of the two day fields
    (the other is `?`)."""

    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: frozenset[int]
    years: tuple[int, ...]
    days: DaysOfMonth | DaysOfWeek

    def next_after(self, t: float) -> float | None:
        """The first matching minute strictly after simulated time `t`, or None."""
        start = SIM_EPOCH + timedelta(minutes=math.floor(t / 60) + 1)
        for year in (y for y in self.years if y >= start.year):
            for month in sorted(self.months):
                if (year, month) < (start.year, start.month):
                    continue
                found = self._in_month(year, month, start)
                if found is not None:
                    return (found - SIM_EPOCH).total_seconds()
        return None

    def _in_month(self, year: int, month: int, start: datetime) -> datetime | None:
        this_month = (year, month) == (start.year, start.month)
        first = start.day if this_month else 1
        for day in range(first, calendar.monthrange(year, month)[1] + 1):
            if not self.days.matches(year, month, day):
                continue
            today = this_month and day == start.day
            clock = self._first_time(start.hour, start.minute) if today else self._first_time()
            if clock is not None:
                return datetime(year, month, day, *clock, tzinfo=SIM_EPOCH.tzinfo)
        return None

    def _first_time(self, hour: int = 0, minute: int = 0) -> tuple[int, int] | None:
        for h in (h for h in self.hours if h >= hour):
            for m in self.minutes:
                if h > hour or m >= minute:
                    return h, m
        return None


def _weekday(year: int, month: int, day: int) -> int:
    """AWS's day-of-week: 1 is Sunday, 7 is Saturday."""
    return (calendar.weekday(year, month, day) + 1) % 7 + 1


def _nearest_weekday(year: int, month: int, day: int, length: int) -> int:
    """`nW`: the weekday (Monday to Friday) nearest to `day`, within the same month."""
    weekday = _weekday(year, month, day)
    if weekday == 7:  # Saturday: the Friday before, or the Monday after on the 1st
        return day - 1 if day > 1 else day + 2
    if weekday == 1:  # Sunday: the Monday after, or the Friday before on the last day
        return day + 1 if day < length else day - 2
    return day


# --- parsing -------------------------------------------------------------------------
def parse_schedule(expression: str) -> Rate | Cron:
    """A `Rate` or `Cron` for a ScheduleExpression; raises ScheduleError saying why not."""
    if len(expression) > MAX_EXPRESSION:
        raise ScheduleError(f"is longer than {MAX_EXPRESSION} characters")
    rate = RATE.fullmatch(expression)
    if rate:
        return _parse_rate(int(rate.group(1)), rate.group(2))
    cron = CRON.fullmatch(expression)
    if cron:
        return _parse_cron(cron.group(1))
    raise ScheduleError(
        f"{expression!r} is not a schedule; use rate(value unit), e.g. rate(5 minutes), "
        "or cron(minutes hours day-of-month month day-of-week year), e.g. cron(0/5 * * * ? *)"
    )


def _parse_rate(value: int, unit: str) -> Rate:
    # "Rate expressions reference": a value of 1 takes the singular unit, others the plural.
    if value < 1:
        raise ScheduleError(f"rate value {value} is not a positive whole number")
    base = unit[:-1] if unit.endswith("s") else unit
    if base not in RATE_UNITS:
        raise ScheduleError(f"'{unit}' is not a unit; use minute(s), hour(s) or day(s)")
    want = base if value == 1 else base + "s"
    if unit != want:
        raise ScheduleError(f"rate({value} {unit}) must be written rate({value} {want})")
    return Rate(float(value * RATE_UNITS[base]))


def _parse_cron(body: str) -> Cron:
    fields = body.split()
    if len(fields) != len(FIELDS):
        raise ScheduleError(
            f"cron takes 6 fields (minutes hours day-of-month month day-of-week year); "
            f"got {len(fields)}"
        )
    dom, dow = fields[2], fields[4]
    # "You can't specify the Day-of-month and Day-of-week fields in the same cron
    # expression": exactly one of them is '?'.
    if (dom == "?") == (dow == "?"):
        raise ScheduleError("one of day-of-month and day-of-week must be '?', and only one")
    sets = [_parse_field(text, spec) for text, spec in zip(fields, FIELDS, strict=True)]
    days = sets[2] if dow == "?" else sets[4]
    return Cron(
        minutes=tuple(sorted(sets[0])),
        hours=tuple(sorted(sets[1])),
        months=frozenset(sets[3]),
        years=tuple(sorted(sets[5])),
        days=days,
    )


def _parse_field(text: str, spec: tuple) -> Any:
    name, low, high, names, extra = spec
    if text == "?":
        return None  # the other day field decides (checked by the caller)
    bad = sorted(set(text) - set("0123456789,-*" + extra) - _letters(names, extra))
    if bad:
        raise ScheduleError(f"{name}: '{bad[0]}' is not allowed in {text!r}")
    if name == "day-of-month":
        return _parse_days_of_month(text, low, high)
    if name == "day-of-week":
        return _parse_days_of_week(text, low, high, names)
    return _parse_values(text, name, low, high, names)


def _letters(names: dict, extra: str) -> set[str]:
    return {c for n in names for c in n + n.lower()} | {c for c in extra if c.isalpha()}


def _parse_values(text: str, name: str, low: int, high: int, names: dict) -> set[int]:
    values: set[int] = set()
    for item in text.split(","):
        base, slash, step_text = item.partition("/")
        step = 1
        if slash:
            step = _number(step_text, name, 1, high)
        if base == "*":
            start, end = low, high
        elif "-" in base:
            first, _, last = base.partition("-")
            start, end = _value(first, name, low, high, names), _value(last, name, low, high, names)
            if start > end:
                raise ScheduleError(f"{name}: the range {base!r} runs backwards")
        else:
            start = _value(base, name, low, high, names)
            end = high if slash else start
        values.update(range(start, end + 1, step))
    return values


def _parse_days_of_month(text: str, low: int, high: int) -> DaysOfMonth:
    plain, nearest = [], set()
    last = last_weekday = False
    for item in text.split(","):
        if item == "L":
            last = True
        elif item == "LW":
            last_weekday = True
        elif item.endswith("W"):
            nearest.add(_number(item[:-1], "day-of-month", low, high))
        else:
            plain.append(item)
    days = _parse_values(",".join(plain), "day-of-month", low, high, {}) if plain else set()
    return DaysOfMonth(frozenset(days), last, last_weekday, frozenset(nearest))


def _parse_days_of_week(text: str, low: int, high: int, names: dict) -> DaysOfWeek:
    items = text.split(",")
    if "#" in text:
        # "If you use the '#' character, you can define only one expression in the
        # day-of-week field."
        if len(items) > 1:
            raise ScheduleError("day-of-week: '#' must be the only expression in the field")
        day, _, nth = text.partition("#")
        weekday = _value(day, "day-of-week", low, high, names)
        return DaysOfWeek(frozenset(), nth=(weekday, _number(nth, "day-of-week #", 1, 5)))
    plain, last_of = [], set()
    for item in items:
        if item == "L":
            plain.append(str(high))  # L alone: the last day of the week, Saturday
        elif item.upper().endswith("L"):
            last_of.add(_value(item[:-1], "day-of-week", low, high, names))
        else:
            plain.append(item)
    days = _parse_values(",".join(plain), "day-of-week", low, high, names) if plain else set()
    return DaysOfWeek(frozenset(days), frozenset(last_of))


def _value(token: str, name: str, low: int, high: int, names: dict) -> int:
    if token.upper() in names:
        return names[token.upper()]
    return _number(token, name, low, high)


def _number(token: str, name: str, low: int, high: int) -> int:
    if not token.isdigit():
        raise ScheduleError(f"{name}: {token!r} is not a number")
    value = int(token)
    if not low <= value <= high:
        raise ScheduleError(f"{name}: {value} is not in {low}..{high}")
    return value


def check_schedule_expression(value: Any, path: str) -> list[Problem]:
    """The named check `schedule_expression`: problems with a rule's ScheduleExpression."""
    if not isinstance(value, str):
        return [Problem(path, "invalid_type", "must be a string: rate(...) or cron(...)")]
    try:
        parse_schedule(value)
    except ScheduleError as err:
        return [Problem(path, "invalid_schedule", f"{value!r}: {err}")]
    return []
