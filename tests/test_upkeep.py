"""Each rule of a turn's upkeep, pinned by its amount and its message, on the tiny scenario.

A rule here was once broken without any other test noticing: the pay extras (bonus,
stock), debt (interest, repayment, a program's loan), full-time study and layoffs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerquest.engine.game import Game
from careerquest.engine.verdict import verdict
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario

TINY = Path(__file__).parent / "data" / "tiny.toml"


def tiny(tmp_path: Path, *edits: tuple[str, str]) -> Scenario:
    text = TINY.read_text(encoding="utf-8").replace("#:schema ../../schema", "#:schema ../schema")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "tiny.toml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def value(game: Game, stat: str) -> int:
    return game.stat_value(stat)


def messages(game: Game, *choices: str) -> list[str]:
    """Make the choices, each followed by the turn's event if one comes (answered with its
    first open option), and return every message the game said on the way."""
    said: list[str] = []

    def choose(option: str) -> None:
        outcome = game.choose(option)
        said.extend(outcome.messages + (outcome.upkeep.messages if outcome.upkeep else []))

    for choice in choices:
        choose(choice)
        while game.decision is not None and game.decision.kind == "event":
            choose(game.decision.open_options()[0].id)
    return said


def play_out(game: Game, choice: str) -> None:
    """Take ``choice`` whenever it is open, else the first open option, to the end."""
    while (decision := game.decision) is not None:
        wanted = decision.option(choice)
        game.choose(choice if wanted and wanted.available else decision.open_options()[0].id)


CLERK = 'pay = { hourly = 15, hours = 40, benefits = ["Paid leave"] }'


def test_a_layoff_ends_the_job_the_turn_began_with_not_one_just_taken(tmp_path: Path) -> None:
    sc = tiny(
        tmp_path,
        (CLERK, CLERK + "\nloss_chance = 1.0"),
        (
            'credential = "certificate"',
            'credential = "certificate"\non_complete = { take_role = "lead" }',
        ),
    )
    game = Game(sc, seed=1)
    said = messages(game, "enroll:course", "apply:clerk")
    assert game.state.role == "lead"  # the course's completion promoted the clerk
    assert not any("your job as Clerk has ended" in m for m in said)


def test_a_risky_job_is_lost_at_upkeep_and_the_message_names_the_risk(tmp_path: Path) -> None:
    sc = tiny(tmp_path, (CLERK, CLERK + "\nloss_chance = 1.0"))
    game = Game(sc, seed=1)
    said = messages(game, "apply:clerk")
    assert game.state.role == ""
    # Worded for any work that ends (a freelancer's too), not only a layoff.
    assert (
        "Bad news: your job as Clerk has ended. Work like this can stop at any time: a 100% "
        "chance each quarter of losing it." in said
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [("bonus = 1000", "Year-end bonus: +$1,000."), ("stock = 3000", "Stock vested: +$3,000.")],
)
def test_a_yearly_pay_extra_is_paid_once_a_year(tmp_path: Path, extra: str, message: str) -> None:
    sc = tiny(tmp_path, (CLERK, CLERK.replace("hours = 40", f"hours = 40, {extra}")))
    game = Game(sc, seed=1)
    said = messages(game, "apply:clerk", *["rest"] * 5)
    # Six quarters: the bonus comes at the year's end (turn 4), the stock after four
    # quarters in the job; each once.
    assert said.count(message) == 1


def test_debt_grows_by_its_interest_and_shrinks_by_the_repayment(tmp_path: Path) -> None:
    sc = tiny(
        tmp_path,
        ('debt = "debt"\n', 'debt = "debt"\ndebt_interest = 0.08\ndebt_payment = 0.1\n'),
        ('kind = "money"\nmin = 0\n', 'kind = "money"\nmin = 0\nstart = 10000\n'),
    )
    game = Game(sc, seed=1)
    said = game.opening.messages  # the first turn's upkeep
    # A quarter's interest at 8% a year is $200; then a tenth of $10,200 is due, but only
    # the $1,000 that the living costs left in savings can be paid.
    assert "Interest added to your debt: $200." in said
    assert "Loan repayment: $1,000 off your debt." in said
    assert value(game, "debt") == 10000 + 200 - 1000
    assert value(game, "savings") == 0


def test_a_program_on_a_loan_adds_its_cost_to_the_debt(tmp_path: Path) -> None:
    sc = tiny(tmp_path, ("cost = 500\n", "cost = 500\nloan = true\n"))
    game = Game(sc, seed=1)
    debt = value(game, "debt")
    messages(game, "enroll:course")
    assert value(game, "debt") >= debt + 500 - 50  # the cost, less at most one repayment


def test_a_full_time_program_ends_the_job(tmp_path: Path) -> None:
    sc = tiny(tmp_path, ("part_time = true", "part_time = false"))
    game = Game(sc, seed=1)
    messages(game, "apply:clerk")
    assert game.state.role == "clerk"
    messages(game, "enroll:course")
    assert game.state.role == ""


def test_leaving_a_job_is_on_the_role_path(tmp_path: Path) -> None:
    """The ending's path of roles says when and why a job was left, not only when it began."""
    sc = tiny(tmp_path, ("part_time = true", "part_time = false"))
    game = Game(sc, seed=1)
    messages(game, "apply:clerk", "enroll:course")
    assert [m.text for m in game.milestones if m.kind == "left"] == [
        "Left the job as Clerk to study full-time"
    ]
    while game.decision is not None:
        game.choose(game.decision.open_options()[0].id)
    path = verdict(game).path
    assert path[0].endswith(": Hired as Clerk")
    assert path[1].endswith(": Left the job as Clerk to study full-time")


def test_an_effect_that_ends_the_job_is_told_and_follows_its_cause(tmp_path: Path) -> None:
    """A leave_role effect is said, and is a turning point after the event that caused it."""
    sc = tiny(
        tmp_path,
        ('effects = { "flag.mentor" = true', 'effects = { leave_role = true, "flag.mentor" = true'),
        ("once = true", "once = true\nmilestone = true"),
    )
    game = Game(sc, seed=1)
    said = messages(game, "apply:clerk")
    assert game.state.role == ""
    assert "Your job as Clerk has ended." in said
    assert [(m.kind, m.text) for m in game.milestones] == [
        ("hired", "Hired as Clerk"),
        ("event", "Something happens: Accept"),
        ("left", "The job as Clerk ended"),
    ]


NO_INTEREST = ('debt = "debt"\n', 'debt = "debt"\ndebt_interest = 0.0\ndebt_payment = 0.0\n')
LOAN = ("cost = 500\n", "cost = 5000\nloan = true\n")


def test_the_ending_puts_pay_next_to_debt_and_the_loan_among_the_turning_points(
    tmp_path: Path,
) -> None:
    game = Game(tiny(tmp_path, NO_INTEREST, LOAN), seed=1)
    messages(game, "apply:clerk", "enroll:course")
    play_out(game, "work")
    result = verdict(game)
    # The clerk earns $15 × 40 hours × 52 weeks a year: $7,800 a quarter; the $5,000 loan,
    # with no interest and no repayment, is 0.6 of that.
    assert result.money[0] == "Pay: $7,800 a quarter as Clerk."
    assert result.money[1].startswith("Savings: $1,000 → $")  # after the first upkeep
    assert result.money[2] == "Debt: $0 → $5,000 (0.6 quarters of pay)."
    assert "Enrolled in Night course, borrowing $5,000" in [p.text for p in result.turning_points]


def test_a_loan_paid_off_still_shows_its_peak(tmp_path: Path) -> None:
    repaid = ('debt = "debt"\n', 'debt = "debt"\ndebt_interest = 0.0\ndebt_payment = 1.0\n')
    game = Game(tiny(tmp_path, repaid, LOAN), seed=1)
    messages(game, "apply:clerk", "enroll:course")
    play_out(game, "work")
    assert verdict(game).money[2] == "Debt: $0 → $0; it peaked at $5,000."


def test_an_ending_without_a_job_or_a_loan_says_so_and_names_the_red(tmp_path: Path) -> None:
    game = Game(tiny(tmp_path, ("living_cost = 1000", "living_cost = 3000")), seed=1)
    play_out(game, "study")
    # The first upkeep leaves -$1,000 of the $2,000; five more quarters cost $15,000.
    assert verdict(game).money == (
        "Pay: none, with no job at the end.",
        "Savings: -$1,000 → -$16,000 (in the red).",
        "Debt: none.",
    )


def test_an_offer_states_its_pay_as_the_role_does_and_for_one_turn(tmp_path: Path) -> None:
    """The header shows pay a turn: the offer gives that figure too, beside its own terms."""
    sc = tiny(tmp_path, ("pay = { salary = 40000 }", "pay = { salary = 40000, bonus = 2000 }"))
    game = Game(sc, seed=1)
    clerk = game.decision.option("apply:clerk") if game.decision else None
    assert clerk is not None
    # $15 × 40 hours × 52 weeks ÷ 4 quarters.
    assert clerk.description == "$15/hour, 40h a week: $7,800 a quarter; Paid leave"
    messages(game, "apply:clerk")
    lead = game.decision.option("promote:lead") if game.decision else None
    assert lead is not None  # offered, if locked until the clerk has the tenure and skill
    assert lead.description == "$40,000/year: $10,000 a quarter; bonus $2,000 a year"


def test_tax_is_withheld_from_every_payment_and_said(tmp_path: Path) -> None:
    taxed = (CLERK, 'pay = { hourly = 15, hours = 40, tax = 0.1, benefits = ["Paid leave"] }')
    game = Game(tiny(tmp_path, taxed), seed=1)
    clerk = game.decision.option("apply:clerk") if game.decision else None
    assert clerk is not None
    assert clerk.description == "$15/hour, 40h a week: $7,800 a quarter before 10% tax; Paid leave"
    messages(game, "apply:clerk")
    before = value(game, "savings")
    said = messages(game, "study")  # a turn of the job, with nothing else on the wallet
    assert "Pay from Clerk: +$7,800." in said
    assert "Tax withheld (10%): $780." in said
    assert value(game, "savings") == before + 7800 - 780 - 1000  # and the living costs


def test_a_goal_met_and_then_lost_says_so_at_the_end(tmp_path: Path) -> None:
    """'Cover expenses' met with a job's first pay, then lost with the job: the ending must
    not show it met beside a savings account in the red."""
    sc = tiny(
        tmp_path,
        (CLERK, CLERK + "\nloss_chance = 1.0"),
        ("living_cost = 1000", "living_cost = 3000"),
    )
    game = Game(sc, seed=1)
    messages(game, "apply:clerk")
    play_out(game, "study")
    cover = next(g for g in verdict(game).goals if g.id == "cover")
    assert cover.met
    assert not cover.kept
    assert cover.status == f"met in {cover.date}, but lost by the end"


def test_an_enrolment_that_commits_the_player_says_to_what(tmp_path: Path) -> None:
    """A loan and a job given up are what a UI asks about first; a part-time course paid
    for in cash commits to nothing lasting."""
    game = Game(tiny(tmp_path), seed=1)
    course = game.decision.option("enroll:course") if game.decision else None
    assert course is not None
    assert course.commitment == ""
    full_time = tiny(tmp_path, LOAN, ("part_time = true", "part_time = false"))
    game = Game(full_time, seed=1)
    messages(game, "apply:clerk")
    course = game.decision.option("enroll:course") if game.decision else None
    assert course is not None
    assert course.commitment == (
        "Night course, 2 quarters: you borrow $5,000 and leave your job as Clerk."
    )
    # Paid for in cash, a full-time program says its fee beside the job it ends.
    game = Game(tiny(tmp_path, ("part_time = true", "part_time = false")), seed=1)
    messages(game, "apply:clerk")
    course = game.decision.option("enroll:course") if game.decision else None
    assert course is not None
    assert course.commitment == (
        "Night course, 2 quarters: you pay $500 and leave your job as Clerk."
    )


def test_a_job_from_the_background_is_not_lost_before_the_first_choice(tmp_path: Path) -> None:
    hired = (
        'text = "You held a job."',
        'text = "You held a job."\n\n[backgrounds.clerk]\nlabel = "Clerk"\n'
        'effects = { take_role = "clerk" }',
    )
    game = Game(tiny(tmp_path, (CLERK, CLERK + "\nloss_chance = 1.0"), hired), seed=1)
    assert game.state.role == "clerk"  # the first upkeep rolled, and did not take it
    said = messages(game, "study")
    assert game.state.role == ""  # the second did
    assert any(line.startswith("Bad news: your job as Clerk has ended.") for line in said)


def test_an_offer_of_stock_alone_still_says_its_tax(tmp_path: Path) -> None:
    stock = ("pay = { salary = 40000 }", "pay = { stock = 4000, tax = 0.2 }")
    game = Game(tiny(tmp_path, stock), seed=1)
    messages(game, "apply:clerk")
    lead = game.decision.option("promote:lead") if game.decision else None
    assert lead is not None
    assert lead.description == "stock $4,000/year; 20% tax withheld"


def test_an_answer_that_adds_debt_asks_first(tmp_path: Path) -> None:
    """A consolidation loan in an event took on debt without the question a loan for a
    program asks; a sure rise of the debt is a commitment too, a check's outcome is not."""
    card = (
        "[actions.work]",
        '[actions.card]\nlabel = "Put it on the card"\ncategory = "rest"\n'
        'effects = { debt = "+300", savings = "+300" }\n\n'
        '[actions.gamble]\nlabel = "Gamble"\ncategory = "rest"\n'
        'check = { stat = "skill", difficulty = 50, failure = { debt = "+900" } }\n\n'
        "[actions.work]",
    )
    game = Game(tiny(tmp_path, card), seed=1)
    assert game.decision is not None
    options = {o.id: o for o in game.decision.options}
    assert options["card"].commitment == "You take on $300 of debt."
    assert options["gamble"].commitment == ""
    assert options["work"].commitment == ""
