"""Balance warnings: what a simulation suggests an author should look at.

A simulation samples; it proves nothing. "Never reached" means "not in these runs", which is
why every warning says how many runs it rests on. The kinds, which ``--fail-on`` names:

``unreachable-ending``
    An ending no run of any policy reached.
``dominant-ending``
    One ending closes more than 80% of the games that finished, all policies together (a
    persona that always reaches one ending is doing its job; every policy doing so is not).
``dominant-policy``
    With two policies or more, one policy is better than all the others on the game's
    point, or on every number: either it ends in a ``career``-class ending in more than 90%
    of its games while every other policy does so in less than 10%, or its median at the
    end is strictly the best of all policies on every shown stat (two at least; lowest for a
    stat that is ``better = "lower"``, such as debt, highest for the others). Either way the
    scenario has one right way to play and no trade-off.
``never-fired-event``
    An event that fired in no run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerquest.engine.words import counted
from careerquest.scenario.runtime import Scenario

if TYPE_CHECKING:
    from careerquest.authoring.sim_report import Coverage, PolicyReport

KINDS = ("unreachable-ending", "dominant-ending", "dominant-policy", "never-fired-event")
DOMINANT_ENDING = 0.8
DOMINANT_CAREER = 0.9
RARE_CAREER = 0.1


@dataclass(frozen=True, slots=True)
class SimWarning:
    kind: str
    message: str


def find_warnings(
    sc: Scenario, policies: Sequence[PolicyReport], coverage: Coverage
) -> list[SimWarning]:
    runs = sum(p.runs for p in policies)
    finished = sum(p.completed for p in policies)
    within = f"in {counted(runs, 'game')}"
    if len(policies) > 1:
        within += f" of {len(policies)} policies"
    warnings = []
    for index, ending in enumerate(sc.endings):
        count = sum(p.endings[index].count for p in policies)
        if not count:
            message = f"ending '{ending.id}' ({ending.title}) was never reached {within}"
            warnings.append(SimWarning("unreachable-ending", message))
        elif count > DOMINANT_ENDING * finished:
            message = (
                f"ending '{ending.id}' ({ending.title}) closes {count / finished:.0%} of the "
                f"{counted(finished, 'finished game')} (more than {DOMINANT_ENDING:.0%})"
            )
            warnings.append(SimWarning("dominant-ending", message))
    warnings.extend(_dominant_policies(sc, policies))
    for event in coverage.never_fired:
        warnings.append(SimWarning("never-fired-event", f"event '{event}' never fired {within}"))
    return warnings


def _dominant_policies(sc: Scenario, policies: Sequence[PolicyReport]) -> list[SimWarning]:
    if len(policies) < 2:
        return []
    warnings = []
    for policy in policies:
        others = [p for p in policies if p is not policy]
        career = policy.classes.get("career", 0.0)
        if career > DOMINANT_CAREER and all(
            p.classes.get("career", 0.0) < RARE_CAREER for p in others
        ):
            message = (
                f"policy {policy.policy} reaches a career ending in {career:.0%} of its games, "
                f"every other policy in less than {RARE_CAREER:.0%}"
            )
            warnings.append(SimWarning("dominant-policy", message))
        elif _best_everywhere(sc, policy, others):
            message = (
                f"policy {policy.policy} ends with the best median on every shown stat: "
                "no trade-off between them"
            )
            warnings.append(SimWarning("dominant-policy", message))
    return warnings


def _best_everywhere(sc: Scenario, policy: PolicyReport, others: list[PolicyReport]) -> bool:
    if len(policy.stats) < 2:
        return False
    for index, row in enumerate(policy.stats):
        if not row.points:
            return False
        sign = sc.stat(row.id).sign
        mine = sign * row.points[-1].p50
        for other in others:
            points = other.stats[index].points
            if points and sign * points[-1].p50 >= mine:
                return False
    return True
