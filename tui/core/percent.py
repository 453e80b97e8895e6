"""The one rule for a share shown as a percentage, so every screen, report and export
rounds it the same way."""


def percent(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage (Python's round: a half goes to the even
    number); a share of nothing is 0."""
    return round(100 * part / whole) if whole else 0
