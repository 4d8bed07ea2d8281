"""The versions of the game's rules, apart from the engine so that the CLI and the title
screen can name them without loading it.

A change to the rules (what is drawn when, what counts when) would make old saves replay
into other games; so the rules carry a version, a save records the one it was played by,
and the engine keeps every version it has had.
"""

from __future__ import annotations

#: The rules new games are played by. Rules 1 are those of saves made before rules 2.
RULES = 2
KNOWN_RULES = (1, 2)
