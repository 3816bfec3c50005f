"""What the user asked for, typed: built once from argparse's Namespace, read by every command.

Commands never look at the Namespace. A new option is a field here with the default it has
when the command does not take it (argparse's `dest` must be the field's name); the parser in
`cli/main.py` declares it, and `Options.from_namespace` fills it in.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import NamedTuple

from oinp_assistant import locations
from oinp_assistant.clock import ontario_today

NEW_PROFILE_STREAM = "ontario_workforce_priority"
"""The stream `oinp profile init` writes when not told another."""


class Options(NamedTuple):
    # A named tuple, not a frozen dataclass: as immutable, and built at every start in a
    # quarter of the time (the dataclass's generated methods were 1 ms of the app's start-up).
    command: str | None
    """The command's words ("check", "draws list"); None opens the app."""

    # Shared by every command (the parent parser in cli/main.py).
    profile: str | None = None
    example: bool = False
    """A bundled example, read-only: `--example` or `--example-foreign-worker`."""
    example_name: str = "owp"
    today_given: dt.date | None = None
    """`--today` as given; `today` is what the commands use."""
    json: bool = False

    # check
    all_streams: bool = False
    since: dt.date | None = None
    verbose: bool = False
    # export-ics
    output: str = "-"
    # draws list / draws show / profile init
    stream: str | None = None
    draw_id: str = ""
    # noc search
    words: tuple[str, ...] = ()
    limit: int = 10
    # score: what-if changes, KEY=VALUE in the profile's own keys
    changes: tuple[str, ...] = ()
    # draws add (the round as typed: checked by draws_store.build_round) / remove / import /
    # export; `stream` above is the round's stream, `output` the export's file.
    round_date: str | None = None
    label: str | None = None
    invitations: str | None = None
    min_score: str | None = None
    window: str | None = None
    nocs: tuple[str, ...] = ()
    region: str | None = None
    residence: str | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None
    file: str = ""
    user_only: bool = False

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> Options:
        given = vars(ns)
        values = {name: given[name] for name in cls._fields if name in given and name != "command"}
        if "today" in given:
            values["today_given"] = given["today"]
        values["example"] = "example_name" in given
        for name in ("words", "changes", "nocs", "sources"):
            if isinstance(values.get(name), list):
                values[name] = tuple(values[name])
        return cls(command=given.get("run"), **values)

    @property
    def today(self) -> dt.date:
        """`--today`, else today's date in Ontario."""
        return self.today_given or ontario_today()

    @property
    def profile_path(self) -> Path:
        if self.example:
            return locations.example_profile_path(self.example_name)
        return locations.profile_path(self.profile)

    @property
    def profile_source(self) -> str:
        """Which rule chose `profile_path`, in the words `oinp profile path` prints."""
        import os

        if self.example:
            return "--example" if self.example_name == "owp" else "--example-foreign-worker"
        if self.profile:
            return "--profile"
        if locations.PROFILE_ENV in os.environ:
            return f"${locations.PROFILE_ENV}"
        return "default location"
