"""The `high-contrast` theme: dark, every text colour at least WCAG AA (4.5:1) against the
backgrounds it is drawn on; tests compute the ratios from the resolved theme variables.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFD700",
    error="#FF8080",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF0D",
    dark=True,
    variables={
        "text": "#FFFFFF",
        "text-muted": "#E6E6E6",
        "text-primary": "#FFFF00",
        "text-accent": "#FFFF00",
        "text-success": "#00FF66",
        "text-error": "#FF8080",
        "text-warning": "#FFD700",
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFFF00 40%",
        "scrollbar": "#808080",
        "scrollbar-hover": "#C0C0C0",
        "scrollbar-active": "#FFFF00",
        "border": "#FFFF00",
        "border-blurred": "#C0C0C0",
    },
)

THEMES = (HIGH_CONTRAST,)
