"""Rebuild the bundled `data/` tables from the researched reference in `../shared/reference/`.

Run from the project root, with the package installed (`pip install -e .`):
`python scripts/import_reference.py [REFERENCE_DIR]`.
The conversion only renames columns and derives a stable id; it never fills a gap, so an empty
cell in the reference stays empty (unknown) here.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

from oinp_assistant.draws import COLUMNS


def convert_draws(src: Path, dest: Path) -> int:
    with src.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with dest.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    "id": f"{row['draw_date']}-{row['stream']}-{row['round_label']}",
                    "date": row["draw_date"],
                    "stream": row["stream"],
                    "round": row["round_label"],
                    "invitations": row["invitations"],
                    "min_score": row["min_score"],
                    "window_start": row["profile_window_start"],
                    "window_end": row["profile_window_end"],
                    "noc_codes": row["noc_codes"],
                    "region": row["region"],
                    "communities": row["communities"],
                    "residence_required": row["residence_required"],
                    "confidence": row["confidence"],
                    "notes": row["notes"],
                    "sources": row["sources"],
                }
            )
    return len(rows)


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "reference"
    data = root / "data"
    n = convert_draws(ref / "oinp-draws.csv", data / "draws.csv")
    # The index of all titles holds every illustrative title too: one file, not two.
    for name in ("noc2021-unit-groups.csv", "noc2021-all-titles.csv", "noc2016-to-2021.csv"):
        shutil.copyfile(ref / name, data / name)
    print(f"{n} draws, NOC tables copied into {data}")


if __name__ == "__main__":
    main()
