"""The game's own vocabulary, shown in the glossary next to each scenario's terms.

These are the ideas every scenario plays with (the distinctions drawn in the seed article on
jobs and careers), worded for a player in the middle of a game rather than for an essay.
"""

from __future__ import annotations

GAME_TERMS: tuple[tuple[str, str], ...] = (
    (
        "Job",
        "A paid position that meets today's needs: rent, bills, groceries. It may be "
        "full-time, part-time or temporary, and it need not lead anywhere.",
    ),
    (
        "Career",
        "A connected series of roles that builds skill, reputation and purpose over years. "
        "A job can become a career when you invest in where it leads.",
    ),
    (
        "Short-term goal",
        "What you need now, such as earning enough to cover your expenses.",
    ),
    (
        "Long-term goal",
        "Where you want to be in years, such as becoming a senior designer within five.",
    ),
    (
        "Promotion",
        "A step up inside the same employer: more authority or pay, usually earned by "
        "performance and time in the role.",
    ),
    (
        "Career advancement",
        "Growth beyond one employer: new skills, credentials, or a move to another company "
        "or industry that opens a better path.",
    ),
    (
        "Career move",
        "How the game counts career advancement: moving from your job to one it leads to at "
        "another employer or in another field. The ending counts them beside promotions.",
    ),
    (
        "Formal education",
        "A degree or diploma. Often optional for entry-level jobs; often expected for "
        "specialist and senior roles.",
    ),
    (
        "Vocational training",
        "Training for a trade or a specific kind of work, such as an apprenticeship. It can "
        "grow into a professional trade career.",
    ),
    (
        "Certification",
        "A credential that proves a specific skill. It helps you get hired now and makes you "
        "credible and mobile later.",
    ),
    (
        "Continuous learning",
        "Keeping your skills current through courses, reading, practice and mentors. Rarely "
        "required for a job; vital for a career.",
    ),
    (
        "Soft skills",
        "Communication, teamwork and leadership: they open the doors to management.",
    ),
    (
        "Technical skills",
        "Know-how such as coding, design, data analysis or accounting: they decide which "
        "jobs you can do today.",
    ),
    ("Salary", "A fixed yearly income, paid in equal parts. Predictable and stable."),
    (
        "Hourly wage",
        "Pay for each hour worked. Flexible, but your income moves with your hours.",
    ),
    ("Bonus", "Extra pay for performance, usually once a year. Motivating but not guaranteed."),
    (
        "Stock options",
        "A share in the company that vests over time: a reward for staying and for the "
        "company doing well.",
    ),
    (
        "Benefits",
        "What an employer provides beyond pay: health insurance, paid leave, a pension.",
    ),
    (
        "Retirement plan",
        "Savings for later life, such as a pension scheme, often part of a career package.",
    ),
    (
        "Tenure",
        "How many turns you have held your current role. Promotions often ask for some: "
        "employers promote people who have proved themselves in the job.",
    ),
    (
        "Networking",
        "Building relationships with people in your field; many opportunities come through them.",
    ),
    (
        "Wellbeing",
        "How rested and healthy you are. Push it to zero and you burn out.",
    ),
    (
        "Fulfilment",
        "The sense that your work means something to you: the hallmark of a career.",
    ),
    (
        "Check",
        "A moment where a stat is tested against a difficulty. The game shows your chance "
        "before you commit, as a word and a percentage.",
    ),
    (
        "Turn",
        "One step of the calendar: a month, a quarter or a year, depending on the scenario.",
    ),
)
