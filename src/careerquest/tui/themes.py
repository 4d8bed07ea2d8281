"""The three looks the Settings screen offers, and the themes CareerQuest registers itself.

The terminal theme is Textual's own ``ansi-dark`` (the theme once called ``textual-ansi``),
with quiet borders that show: it paints with the terminal's 16-colour palette, so the game
matches whatever colours the player already chose. The high-contrast theme keeps every text
colour at full strength on black, for bright rooms, projectors and tired eyes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.theme import BUILTIN_THEMES, Theme

DEFAULT = "careerquest"
TERMINAL = "ansi-dark"
HIGH_CONTRAST = "careerquest-contrast"


@dataclass(frozen=True, slots=True)
class ThemeChoice:
    name: str
    label: str
    description: str


CHOICES = (
    ThemeChoice(DEFAULT, "CareerQuest", "Blue-grey with teal and gold."),
    ThemeChoice(TERMINAL, "Terminal colours", "Your terminal's own palette."),
    ThemeChoice(HIGH_CONTRAST, "High contrast", "White and yellow on black."),
)

_ANSI = BUILTIN_THEMES[TERMINAL]

REGISTERED = (
    # Textual's own draws quiet borders in the palette's black, which vanishes on the dark
    # terminals most players use: its grey ("bright black") shows on dark and light alike.
    replace(_ANSI, variables={**_ANSI.variables, "border-blurred": "ansi_bright_black"}),
    Theme(
        name=DEFAULT,
        primary="#3FB6A8",
        secondary="#5B8DEF",
        accent="#F2B84B",
        warning="#F2B84B",
        error="#E5606B",
        success="#5CC98A",
        foreground="#E6E8EB",
        background="#141922",
        surface="#1B222D",
        panel="#243040",
        dark=True,
        variables={
            "footer-key-foreground": "#F2B84B",
            "block-cursor-foreground": "#0E1218",
            "block-cursor-text-style": "bold",
        },
    ),
    Theme(
        name=HIGH_CONTRAST,
        primary="#FFD700",
        secondary="#00E5FF",
        accent="#00E5FF",
        warning="#FFD700",
        error="#FF6B6B",
        success="#5CFF8A",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1F1F1F",
        dark=True,
        variables={
            "text-muted": "#FFFFFF",
            "border": "#FFFFFF",
            "border-blurred": "#BFBFBF",
            "block-cursor-background": "#FFD700",
            "block-cursor-foreground": "#000000",
            "block-cursor-blurred-background": "#5A5A5A",
            "block-cursor-blurred-foreground": "#FFFFFF",
            "footer-key-foreground": "#00E5FF",
            "footer-description-foreground": "#FFFFFF",
            "input-cursor-background": "#FFFFFF",
            "input-cursor-foreground": "#000000",
        },
    ),
)
