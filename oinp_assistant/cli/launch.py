"""`oinp`'s first step (the console script), before anything else is imported.

A command goes straight on to cli/main.py. The app (no command) first:

1. pauses the garbage collector: importing Textual builds some 20,000 objects the collector
   tracks and nothing cyclic worth collecting, and its passes over them cost about a twentieth
   of the time to the first paint; the app turns it on again once that screen is painted
   (`OinpApp.on_ready`);
2. holds the keys typed from now on (tui/terminal.py): neither echoed nor taken by the
   terminal's flow control (ctrl+q), they wait for the app;
3. starts the preload (tui/preload.py): a child program, `preload_child` below, that
   computes the dashboard on another core while this process imports Textual. Started
   first, it is done about when the first screen is painted;
4. imports asyncio, Textual's event loop, without TLS (`_asyncio_without_tls`).

Which run opens the app is told here from the words alone (`opens_app`), before argparse is
imported, by the same reading of the words (`command_words`) with which cli/main.py builds
only the named command's parser. The child then reads
the same arguments exactly as cli/main.py does (`app_inputs`) and computes nothing when they
name a command or are wrong: only a usage error (`oinp --today someday`) is guessed wrong, and
costs a child, which the run stops and reaps as it ends.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Container, Sequence
from typing import NoReturn

# The child's program, run with -I (isolated mode: -E -P -s): no PYTHON* variable, no user
# site and no current folder shape its start. -P alone left PYTHONPATH, whose empty entry (as
# in `PYTHONPATH=:/opt/lib`, or `$PYTHONPATH:/opt/lib` with none set) is the current folder:
# a sitecustomize.py, site.py or encodings/ there ran before any line of ours. Its modules are
# then found where this process finds them (`_child_path`). What still runs at its start is
# what the app itself runs: the interpreter's site-packages, their .pth files and
# sitecustomize, all installed code.
_CHILD = (
    "import sys; sys.path[:] = {path!r}; "
    "from oinp_assistant.cli.launch import preload_child; preload_child({parent})"
)


# The options before a command that take a value (the parser's, as a test pins): any other
# option is a flag, e.g. `--example`, and the word after it is a command.
VALUED = ("--profile", "--today")
# What argparse takes for a word though it starts with "-": a lone "-" and, since no option
# looks like one, a negative number (its _negative_number_matcher).
_READ_AS_WORD = re.compile(r"-$|-\d+$|-\d*\.\d+$")


def command_words(args: Sequence[str], groups: Container[str] = ()) -> list[str] | None:
    """The words of `args` that name the command (["check"], ["draws", "list"] when "draws"
    is one of `groups`), [] when there are none (the app), or None when `args` ask for help
    or hold something argparse reads unusually (then only the parser can tell).

    Read as argparse would, without it: the options every command shares may come first,
    with their values, and an abbreviated option name (`--prof`) counts as the option it
    starts. cli/main.py's `wanted_command` builds on it."""
    words: list[str] = []
    skip = False
    for token in args:
        if skip:
            skip = False
        elif token in ("-h", "--help", "--"):
            return None
        elif token.startswith("-"):
            name = token.split("=", 1)[0]
            if len(name) > 2 and "--help".startswith(name):  # --he: help, abbreviated
                return None
            if _READ_AS_WORD.match(token) or (" " in token and name not in VALUED):
                # argparse reads "-", "-1" and "-x y" as a word (here a misspelt command):
                # its error must list every command, so the whole parser reads them
                return None
            if len(name) > 2 and any(v.startswith(name) for v in VALUED) and "=" not in token:
                skip = True
        else:
            words.append(token)
            if words[0] not in groups or len(words) == 2:
                break
    return words


def opens_app(args: Sequence[str]) -> bool:
    """No command among `args`, as far as the words alone tell (`command_words`)."""
    return command_words(args) == []


def main() -> int:
    args = sys.argv[1:]
    if not opens_app(args):
        from oinp_assistant.cli.main import main as run

        return run()
    collecting = gc.isenabled()
    gc.disable()
    from oinp_assistant.tui.terminal import hold_keys

    release_keys = hold_keys()
    preload = None
    try:
        from oinp_assistant.tui.preload import Preload

        preload = Preload.start(_child_argv(args))
        _asyncio_without_tls()
        from oinp_assistant.cli.main import main as run

        return run(preload=preload)
    except KeyboardInterrupt:
        return 130
    finally:
        if preload is not None:
            preload.cancel()
        release_keys()
        if collecting:
            gc.enable()


def _asyncio_without_tls() -> None:
    """Import asyncio as on a Python built without the ssl module, which it supports: the app
    opens no connection, and loading OpenSSL for the event loop's TLS was 3 ms of a 175 ms
    first paint. Only asyncio is told so; any later `import ssl` works as usual.

    Only TLS through the event loop (`open_connection(ssl=...)`, `start_tls`) would then fail,
    with asyncio's "stdlib ssl module not available": neither the app nor Textual, Rich or
    another runtime dependency asks for it (links open through `webbrowser`, a subprocess)."""
    if "asyncio" in sys.modules:
        return
    had_ssl = "ssl" in sys.modules
    if not had_ssl:
        sys.modules["ssl"] = None  # type: ignore[assignment]  # importing it raises ImportError
    try:
        import asyncio  # noqa: F401
    finally:
        if not had_ssl:
            del sys.modules["ssl"]


def _child_argv(args: Sequence[str]) -> list[str]:
    program = _CHILD.format(path=_child_path(), parent=os.getpid())
    return [sys.executable, "-I", "-c", program, *args]


def _child_path() -> list[str]:
    """This process's sys.path for the child: the package's root first, then every folder
    this process searches but the current one (where `python -m oinp_assistant` and an
    empty PYTHONPATH entry put it) and relative ones (the current folder's subfolders)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        here: str | None = os.getcwd()
    except OSError:  # the folder was removed under the shell
        here = None
    path = [root]
    for entry in sys.path:
        # sys.path may hold what a program put there: a Path's repr is no string literal.
        ok = isinstance(entry, str) and os.path.isabs(entry)
        if ok and entry != here and entry not in path:
            path.append(entry)
    return path


def preload_child(parent: int) -> NoReturn:
    """The preload's program: the dashboard the app (`parent`) will open for these arguments.

    Its descriptors are /dev/null on 0, 1 and 2 and the pipe on 3 (tui/preload.py); any other
    it inherited (one the shell or a wrapper left open to `oinp`, say the write end of a pipe
    whose reader waits for `oinp` to end) is closed first, not held while it computes.
    """
    from oinp_assistant.tui.preload import VIEW_FD, end_with, serve

    os.closerange(VIEW_FD + 1, _open_max())
    end_with(parent)
    from oinp_assistant.cli.main import app_inputs

    serve(lambda: app_inputs(sys.argv[1:]))


def _open_max() -> int:
    try:
        return max(os.sysconf("SC_OPEN_MAX"), 1024)
    except (OSError, ValueError):
        return 1 << 16
