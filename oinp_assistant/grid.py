"""An EOI points grid as dated data: its factors, their bands, confidence and sources.

The grid file says how many points each band is worth; the estimate (`points.py`) only says
which fact of the profile each factor reads. A new grid is a new file, not new code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from oinp_assistant.data_files import load_toml_model
from oinp_assistant.streams import Confidence


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Band(_Strict):
    """Points for a value at or above `min`, or for one of `values`."""

    points: int = Field(ge=0)
    label: str
    min: float | None = None
    values: tuple[str, ...] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Band:
        if (self.min is None) == (self.values is None):
            raise ValueError("a band has either min or values, not both or neither")
        return self


class Factor(_Strict):
    name: str
    title: str
    group: str
    max: int = Field(ge=0)
    confidence: Confidence
    note: str = ""
    not_for_physicians: bool = False
    bands: tuple[Band, ...] = ()
    ladders: dict[str, tuple[Band, ...]] = Field(default_factory=dict)

    def band_for_value(self, value: str, bands: tuple[Band, ...] | None = None) -> Band | None:
        return next((b for b in bands or self.bands if b.values and value in b.values), None)

    def band_at_least(self, amount: float, bands: tuple[Band, ...] | None = None) -> Band | None:
        """The highest band whose lower bound `amount` reaches (bounds are included)."""
        ranked = sorted(
            (b for b in bands or self.bands if b.min is not None),
            key=lambda b: b.min or 0.0,
            reverse=True,
        )
        return next((b for b in ranked if amount >= (b.min or 0.0)), None)


class GridInfo(_Strict):
    id: str
    stream: str
    name: str
    published: dt.date
    updated: dt.date | None = None
    maximum: int
    maximum_physician: int
    maximum_note: str
    confidence: Confidence
    sources: tuple[str, ...] = Field(min_length=1)
    unstated: tuple[str, ...] = ()


class Grid(_Strict):
    grid: GridInfo
    factor: tuple[Factor, ...]

    @property
    def factors(self) -> dict[str, Factor]:
        return {f.name: f for f in self.factor}

    @model_validator(mode="after")
    def _maxima_add_up(self) -> Grid:
        total = sum(f.max for f in self.factor)
        if total != self.grid.maximum:
            raise ValueError(f"the factors' maxima add up to {total}, not {self.grid.maximum}")
        return self


def load_grid(path: Path) -> Grid:
    return load_toml_model(path, Grid, "the points grid")
