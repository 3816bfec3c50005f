"""Reading a bundled TOML data file (streams, grid, pathways, round conditions) into its model,
with every problem named by file and key, in the app's words."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from oinp_assistant import reading
from oinp_assistant.problems import Problem, ProblemsError, from_validation_error, toml_problem

M = TypeVar("M", bound=BaseModel)


def load_toml_model(path: Path, model: type[M], what: str) -> M:
    """`path` validated as `model`; `what` names the file in the message ("the points grid").

    Validated once per install or data change, then read from the cache (`cache.py`), as the
    other bundled files are: building the model's validator is most of the cost.
    """
    from oinp_assistant import cache

    return cache.cached(
        f"data-{path.stem}",
        [path],
        lambda: validate_toml_file(path, model, what),
        model,
        code=cache.program_modules(),
    )


def validate_toml_file(path: Path, model: type[M], what: str) -> M:
    """`path` read and validated as `model`, every time (no cache)."""
    raw, text = read_toml(path, what)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        # With the text, each problem names its line, as in a profile or round conditions.
        raise ProblemsError(from_validation_error(exc, path, text, allowed_keys={})) from exc


def read_toml(path: Path, what: str) -> tuple[dict[str, Any], str]:
    """The file's TOML data and its text; a ProblemsError naming the file if it cannot be read
    (not UTF-8, unreadable, or not TOML). `what` names it in the message."""
    import tomllib  # only when a file is read afresh: a cached run reads no TOML

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemsError(
            [Problem(path, f"cannot read {what}: it is not UTF-8 text; save it as UTF-8.")]
        ) from exc
    except OSError as exc:
        raise ProblemsError(
            [Problem(path, f"cannot read {what}: {reading.describe(exc)}.")]
        ) from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise ProblemsError([toml_problem(exc, text, path)]) from exc
