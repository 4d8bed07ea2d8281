"""The engine's one error, in a module of its own so that screens can catch it without
importing the engine."""


class GameError(Exception):
    """A request the game cannot honour, such as a locked or unknown option."""
