"""The simulation report as text an author reads top to bottom in a terminal.

The order answers an author's questions in turn: how do games end, how do the numbers
spread, are the goals reachable, does every event, choice and option get used, how do I see
an ending for myself, what broke, what should I look at. Tables stay within 100 columns for
a handful of policies; every number is also in ``--format json``.
"""

from __future__ import annotations

from collections.abc import Sequence

from careerquest.authoring.sim_report import PolicyReport, Report, StatRow
from careerquest.engine.money import short_money
from careerquest.engine.words import counted

Row = Sequence[str]


def render(report: Report, currency: str = "$") -> str:
    lines = _header(report)
    policies = report.policies
    if len(policies) == 1:
        lines += _single(policies[0], currency)
    else:
        lines += _compared(policies, currency)
    lines += _coverage(report)
    lines += _witnesses(report)
    lines += _errors(report)
    lines += _warnings(report)
    return "\n".join(lines) + "\n"


def table(rows: Sequence[Row], indent: str = "  ", right: Sequence[int] = ()) -> list[str]:
    """Rows of cells in aligned columns; the columns in ``right`` are right-aligned."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _value(value: int, kind: str, currency: str) -> str:
    """A stat value, with money shortened (``$12k``) so that tables stay narrow."""
    return short_money(value, currency) if kind == "money" else str(value)


def _header(report: Report) -> list[str]:
    config, scenario = report.config, report.scenario
    policies = config["policies"]
    who = f"policy {policies[0]}" if len(policies) == 1 else f"{len(policies)} policies"
    setups = len(config["setups"])
    if config["setup"] == "fixed":
        setup = "one fixed setup"
    elif setups == 1:
        setup = "the only setup"
    else:
        setup = f"cycling through {setups} setups (background × goals)"
    runs = sum(p.runs for p in report.policies)
    errors = sum(p.errors for p in report.policies)
    timing = report.timing
    return [
        f"Simulation of {scenario['title']} ({scenario['id']}), seed {config['seed']}: "
        f"{counted(config['runs'], 'game')} per policy, {who}, {setup}.",
        f"{counted(runs, 'game')} played, {errors:,} with errors, "
        f"in {timing.get('seconds', 0):.2f} s "
        f"({timing.get('runs_per_second', 0):,.0f} games/s, "
        f"{timing.get('decisions_per_second', 0):,.0f} decisions/s).",
    ]


def _single(policy: PolicyReport, currency: str) -> list[str]:
    lines = ["", f"Endings ({counted(policy.completed, 'game')} finished)"]
    lines += table(
        [
            (e.id, e.title, e.cls, f"{e.count:,}", _pct(e.share), "" if e.count else "never")
            for e in policy.endings
        ],
        right=(3, 4),
    )
    if policy.stats and policy.stats[0].points:
        lines += [
            "",
            "Stats: median (10th–90th percentile); games that ended early keep their final values",
        ]
        head = [f"{p.point} (turn {p.turn})" for p in policy.stats[0].points]
        rows = [("", *head)] + [(s.label, *_cells(s, currency)) for s in policy.stats]
        lines += table(rows, right=range(1, len(head) + 1))
    if policy.goals:
        lines += ["", "Goals (met share of the games that chose it)"]
        lines += table(
            [
                (g.label, g.term, f"chosen {g.chosen:,}", f"met {g.met:,}", _pct(g.share))
                for g in policy.goals
            ],
            right=(3, 4),
        )
    return lines


def _cells(stat: StatRow, currency: str) -> list[str]:
    def value(v: int) -> str:
        return _value(v, stat.kind, currency)

    return [f"{value(p.p50)} ({value(p.p10)}–{value(p.p90)})" for p in stat.points]


def _compared(policies: Sequence[PolicyReport], currency: str) -> list[str]:
    first = policies[0]
    lines = ["", "Endings: share of finished games per policy"]
    head = ("policy", *(e.id for e in first.endings), "errors")
    rows = [head] + [
        (p.policy, *(_pct(e.share) for e in p.endings), f"{p.errors:,}") for p in policies
    ]
    lines += table(rows, right=range(1, len(head)))
    if first.stats and first.stats[0].points:
        lines += ["", "Stats at the end: median per policy"]
        head = ("policy", *(s.id for s in first.stats))
        rows = [head] + [
            (p.policy, *(_value(s.points[-1].p50, s.kind, currency) for s in p.stats))
            for p in policies
        ]
        lines += table(rows, right=range(1, len(head)))
    if first.goals:
        lines += ["", "Goals: share met of the games that chose it, per policy"]
        head = ("policy", *(g.id for g in first.goals))
        rows = [head] + [(p.policy, *(_pct(g.share) for g in p.goals)) for p in policies]
        lines += table(rows, right=range(1, len(head)))
    lines.append("  (percentiles at 25%, 50% and 75% of the game: see --format json)")
    return lines


def _coverage(report: Report) -> list[str]:
    cov = report.coverage
    runs = sum(p.runs for p in report.policies)

    def games(count: int) -> str:
        return _pct(count / runs if runs else 0.0)

    lines = ["", f"Events, all policies together ({counted(runs, 'game')})"]
    rows: list[Row] = [("event", "fired", "in games")]
    rows += [(e.id, f"{e.fired:,}", _pct(e.share)) for e in cov.events]
    lines += table(rows, right=(1, 2))
    if cov.choices:
        lines += ["", "Event choices: how often open when the event fired, and taken"]
        rows = [("choice", "label", "offered", "open", "taken")]
        rows += [
            (f"{c.event}/{c.id}", c.label, f"{c.offered:,}", f"{c.available:,}", f"{c.taken:,}")
            for c in cov.choices
        ]
        lines += table(rows, right=(2, 3, 4))
    lines += ["", "Turn options: share of games in which each was ever open, times taken"]
    rows = [("option", "label", "open in", "taken")]
    rows += [(o.id, o.label, games(o.open_runs), f"{o.taken:,}") for o in cov.options]
    lines += table(rows, right=(2, 3))
    held = [*cov.roles_held, *cov.programs_done]
    if held:
        lines += ["", "Roles held and programs completed: share of games"]
        lines += table([(r.id, r.label, games(r.runs)) for r in held], right=(2,))
    lines.append("")
    for title, items in (
        ("Never fired", cov.never_fired),
        ("Never available", cov.never_available),
        ("Never taken", cov.never_taken),
    ):
        lines.append(f"{title}: {', '.join(items) if items else 'none'}")
    return lines


def _witnesses(report: Report) -> list[str]:
    lines = ["", "Witnesses: one game per ending reached, to replay and see it"]
    if not report.witnesses:
        lines.append("  none: no game finished")
    for w in report.witnesses:
        lines.append(f"  {w.ending} ({w.title}):")
        lines.append(f"    {w.witness.command}")
    return lines


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return ["", "Errors: none"]
    total = sum(e.count for e in report.errors)
    lines = ["", f"Errors: {counted(total, 'game')} raised an exception"]
    for error in report.errors:
        lines.append(f"  {error.type}: {error.message}")
        lines.append(f"    {counted(error.count, 'game')}; raised at {error.where}; replay:")
        lines.append(f"    {error.witness.command}")
    return lines


def _warnings(report: Report) -> list[str]:
    if not report.warnings:
        return ["", "Warnings: none"]
    lines = ["", "Warnings"]
    lines += [f"  {w.kind}: {w.message}" for w in report.warnings]
    return lines
