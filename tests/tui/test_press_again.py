"""Warn first, act on a second press soon after (ctrl+q and Escape over unsaved edits)."""

from __future__ import annotations

from oinp_assistant.tui.press_again import SECONDS, PressAgain


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_first_press_warns_and_a_second_soon_after_confirms() -> None:
    clock = Clock()
    again = PressAgain(clock)
    assert not again.confirmed()
    clock.now += SECONDS / 2
    assert again.confirmed()


def test_a_warning_does_not_last_a_press_long_after_warns_again() -> None:
    """Warned, the user saved and typed on: a ctrl+q minutes later must warn, not discard."""
    clock = Clock()
    again = PressAgain(clock)
    assert not again.confirmed()
    clock.now += SECONDS + 1
    assert not again.confirmed()
    assert again.confirmed()


def test_a_confirmation_is_used_up() -> None:
    clock = Clock()
    again = PressAgain(clock)
    assert not again.confirmed()
    assert again.confirmed()
    assert not again.confirmed()  # the next one warns afresh
