"""Finding a NOC 2021 unit group from what a user knows: a job title, an abbreviation, a typo'd
title, a NOC 2021 code or an old NOC 2016 code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog, load_catalog
from oinp_assistant.cli.main import main
from oinp_assistant.occupation_search import ALIASES, TitleIndex, words
from oinp_assistant.occupations import ATTRIBUTION, Occupation, load_noc2016, load_titles
from oinp_assistant.problems import ProblemsError


def codes(catalog: Catalog, query: str, limit: int = 10) -> list[str]:
    return [m.occupation.code for m in catalog.search_occupations(query, limit=limit)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- job titles -------------------------------------------------------------------------------


def test_the_index_holds_every_title_of_statistics_canada_and_every_group_title(
    catalog: Catalog,
) -> None:
    assert len(catalog.title_index) == 27_935 + 516


def test_welder_ranks_the_welders_group_first(catalog: Catalog) -> None:
    first = catalog.search_occupations("welder")[0]
    assert (first.occupation.code, first.matched, first.kind) == ("72106", "welder", "title")


def test_mine_electrician_finds_industrial_electricians_first(catalog: Catalog) -> None:
    assert codes(catalog, "mine electrician")[0] == "72201"


def test_personal_support_worker_finds_both_groups_that_use_the_title(catalog: Catalog) -> None:
    # "personal support worker - nursing care" and "personal support worker - home support"
    assert set(codes(catalog, "personal support worker")[:2]) == {"33102", "44101"}


def test_a_group_title_ranks_above_an_index_title_worded_alike(catalog: Catalog) -> None:
    first = catalog.search_occupations("nurse practitioners")[0]
    assert (first.occupation.code, first.kind) == ("31302", "unit_group")


def test_words_side_by_side_rank_above_the_same_words_apart(catalog: Catalog) -> None:
    # "registered industrial nurse" has both words too, as many words, but not side by side
    first = catalog.search_occupations("registered nurse")[0]
    assert first.occupation.code == "31301" and "registered nurse" in first.matched


def test_case_accents_and_repeated_spaces_do_not_matter(catalog: Catalog) -> None:
    assert codes(catalog, "  WELDER ")[0] == "72106"
    assert codes(catalog, "QUÉBEC   notary")[0] == "41101"
    assert codes(catalog, "quebec notary")[0] == "41101"


def test_titles_written_with_a_non_breaking_space_are_found_and_shown_with_a_plain_one(
    catalog: Catalog,
) -> None:
    # The index writes "stunt performer\xa0- film and theatre"
    for query in ("stunt performer - film and theatre", "stunt\xa0performer film"):
        first = catalog.search_occupations(query)[0]
        assert first.occupation.code == "53121"
        assert first.matched == "stunt performer - film and theatre"


def test_nothing_or_punctuation_finds_nothing(catalog: Catalog) -> None:
    assert catalog.search_occupations("") == []
    assert catalog.search_occupations(" - ") == []
    assert catalog.search_occupations("zzzqqqxxx") == []


# --- abbreviations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code", "title"),
    [
        ("RN", "31301", "registered nurse (R.N.)"),
        ("rn", "31301", "registered nurse (R.N.)"),
        ("LPN", "32101", "licensed practical nurse (L.P.N.)"),
        ("ECE", "42202", "early childhood educator (ECE)"),
    ],
)
def test_an_abbreviation_finds_the_title_that_spells_it_out(
    catalog: Catalog, query: str, code: str, title: str
) -> None:
    first = catalog.search_occupations(query)[0]
    assert (first.occupation.code, first.matched, first.kind) == (code, title, "abbreviation")


def test_an_ambiguous_abbreviation_lists_every_group_it_names(catalog: Catalog) -> None:
    # "registered psychiatric nurse (R.P.N.)" and "registered practical nurse (R.P.N.)"
    for query in ("RPN", "R.P.N."):
        found = catalog.search_occupations(query)
        assert {m.occupation.code for m in found[:2]} == {"31301", "32101"}
        assert all(m.kind == "abbreviation" for m in found[:2])


def test_psw_finds_both_personal_support_worker_groups(catalog: Catalog) -> None:
    found = catalog.search_occupations("PSW")
    assert {m.occupation.code for m in found[:2]} == {"33102", "44101"}
    assert all(m.matched.startswith("personal support worker") for m in found[:2])


def test_abbreviations_are_read_from_the_titles_not_listed_by_hand(catalog: Catalog) -> None:
    derived = catalog.title_index.abbreviations
    assert derived["rn"] == {"registered nurse"}
    assert derived["rpn"] == {"registered practical nurse", "registered psychiatric nurse"}
    assert derived["hvac"] >= {"heating ventilation and air conditioning"}


def test_an_alias_is_only_for_what_no_title_spells_out_and_names_real_titles(
    catalog: Catalog,
) -> None:
    for abbreviation, phrases in ALIASES.items():
        spelled = [title for _, title in _all_titles(catalog) if f"({abbreviation})" in title]
        assert spelled == [], f"{abbreviation} is spelt out in the index: derive it instead"
        for phrase in phrases:
            assert any(phrase in title for _, title in _all_titles(catalog)), phrase


def _all_titles(catalog: Catalog) -> list[tuple[str, str]]:
    return [(c, t.lower()) for c, t in load_titles(catalog.data_dir / "noc2021-all-titles.csv")]


def test_only_parentheses_whose_letters_are_the_initials_before_them_are_abbreviations() -> None:
    groups = {"99999": Occupation("99999", "Widget trades", 9, 9)}
    index = TitleIndex(
        groups,
        [
            ("99999", "widget polisher (WP)"),
            ("99999", "widget clerk (retail)"),
            ("99999", "help desk widget analyst (IT)"),
            ("99999", "repair and overhaul widget (ROW) mechanic"),
        ],
    )
    assert index.abbreviations.keys() - ALIASES.keys() == {"wp", "row"}
    assert index.abbreviations["row"] == {"repair and overhaul widget"}


# --- typos ------------------------------------------------------------------------------------


def test_a_typo_still_finds_the_title(catalog: Catalog) -> None:
    first = catalog.search_occupations("sofware developer")[0]
    assert (first.occupation.code, first.matched, first.kind) == (
        "21232",
        "software developer",
        "typo",
    )
    assert codes(catalog, "mine electrican")[0] == "72201"


def test_words_run_together_or_split_apart_still_find_the_title(catalog: Catalog) -> None:
    # the index writes "child care worker - daycare" and "forklift operator"
    assert "42202" in codes(catalog, "childcare worker")[:2]
    first = catalog.search_occupations("fork lift operator")[0]
    assert (first.occupation.code, first.matched, first.kind) == (
        "75101",
        "forklift operator",
        "typo",
    )


def test_a_word_no_title_has_is_left_out_rather_than_finding_nothing(catalog: Catalog) -> None:
    # AZ is an Ontario licence class, not part of any NOC title
    found = catalog.search_occupations("truck driver AZ")
    assert (found[0].occupation.code, found[0].matched) == ("73300", "truck driver")
    assert {m.kind for m in found} == {"partial"}
    assert catalog.search_occupations("zzzz qqqq") == []


def test_a_title_spelt_as_written_is_not_ranked_among_corrected_ones(catalog: Catalog) -> None:
    assert all(m.kind != "typo" for m in catalog.search_occupations("welder"))


# --- codes ------------------------------------------------------------------------------------


def test_a_code_shows_its_group_title_not_the_code_again(catalog: Catalog) -> None:
    first = catalog.search_occupations("21231")[0]
    assert first.occupation.code == "21231"
    assert (first.matched, first.kind) == ("Software engineers and designers", "code")


def test_a_code_prefix_lists_the_groups_under_it(catalog: Catalog) -> None:
    found = codes(catalog, "7210")
    assert found and all(c.startswith("7210") for c in found)


def test_a_noc_2016_code_lists_the_2021_groups_it_became(catalog: Catalog) -> None:
    found = catalog.search_occupations("2174")
    assert [(m.occupation.code, m.kind) for m in found] == [
        ("21230", "noc2016"),
        ("21232", "noc2016"),
        ("21234", "noc2016"),
    ]
    assert found[1].occupation.title == "Software developers and programmers"


def test_a_noc_2016_code_split_four_ways_lists_all_four(catalog: Catalog) -> None:
    # 0112 continues as 10011 and part transferred to 11200 and 13110, part split off to 22232
    assert codes(catalog, "0112") == ["10011", "11200", "13110", "22232"]
    assert codes(catalog, "7237") == ["72106"]


def test_a_noc_2016_code_that_is_also_a_2021_prefix_lists_its_successor_first(
    catalog: Catalog,
) -> None:
    found = catalog.search_occupations("2123")
    assert (found[0].occupation.code, found[0].kind) == ("21112", "noc2016")
    assert {m.occupation.code for m in found[1:]} >= {"21230", "21231", "21232"}


def test_a_code_search_does_not_read_the_index_of_titles(tmp_path: Path) -> None:
    catalog = load_catalog(user_draws_dir=tmp_path)
    catalog.search_occupations("2174")
    catalog.search_occupations("21231")
    assert "title_index" not in vars(catalog)  # 28,000 titles read only to search by words


# --- the command line -------------------------------------------------------------------------


def test_noc_search_json_keeps_its_fields_and_says_how_each_matched(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "noc", "search", "RPN", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [set(r) for r in rows[:2]] == [{"code", "title", "teer", "matched", "matched_kind"}] * 2
    assert {(r["code"], r["matched"], r["matched_kind"]) for r in rows[:2]} == {
        ("31301", "registered psychiatric nurse (R.P.N.)", "abbreviation"),
        ("32101", "registered practical nurse (R.P.N.)", "abbreviation"),
    }


def test_noc_search_of_a_2016_code_says_so_and_names_the_2021_groups(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "noc", "search", "2174")
    assert code == 0
    assert "2174 is a NOC 2016 code; the OINP uses NOC 2021" in out
    for line in (
        "21230  TEER 1  Computer systems developers and programmers",
        "21232  TEER 1  Software developers and programmers",
        "21234  TEER 1  Web developers and programmers",
    ):
        assert line in out


def test_noc_search_of_a_code_does_not_repeat_it_as_the_matched_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "noc", "search", "21231")
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("21231"))
    assert lines[at].split() == ["21231", "TEER", "1", "Software", "engineers", "and", "designers"]
    assert "matched" not in lines[at + 1]


def test_noc_search_credits_statistics_canada(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "noc", "search", "welder")
    assert ATTRIBUTION in " ".join(out.split())
    assert ATTRIBUTION.startswith("Adapted from Statistics Canada, National Occupational")


def test_profile_with_a_noc_2016_code_lists_the_2021_groups_it_became(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('stream = "foreign_worker"\nnoc = "0112"\n', encoding="utf-8")
    code, _, err = run(capsys, "profile", "validate", "--profile", str(path))
    assert code != 0
    assert 'line 2, noc: "0112" looks like a NOC 2016 code' in err
    for group in (
        "10011 Human resources managers",
        "11200 Human resources professionals",
        "13110 Administrative assistants",
        "22232 Occupational health and safety specialists",
    ):
        assert group in err
    assert "five digits in quotes" not in err  # the generic message would only repeat it


def test_words_fold_case_accents_dots_and_non_breaking_spaces() -> None:
    assert words("Registered Nurse\xa0(R.N.) - Québec") == [
        "registered",
        "nurse",
        "rn",
        "quebec",
    ]


def test_a_search_spelt_right_does_not_load_rapidfuzz(tmp_path: Path) -> None:
    # rapidfuzz costs ~15 ms to import: only a search that needs a typo corrected pays it.
    probe = (
        "import sys\n"
        "from oinp_assistant.catalog import load_catalog\n"
        "catalog = load_catalog()\n"
        "assert catalog.search_occupations('welder')[0].occupation.code == '72106'\n"
        "print('rapidfuzz' in sys.modules)\n"
        "catalog.search_occupations('sofware developer')\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


# --- the data files ---------------------------------------------------------------------------


def test_a_broken_index_of_titles_is_reported_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "noc2021-all-titles.csv"
    path.write_text("code,title\n72106,welder\n7210,fitter\n72201,\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_titles(path)
    assert [(p.file, p.line) for p in info.value.problems] == [(path, 3), (path, 4)]
    assert '"7210,fitter" is not a five-digit code and a title' in info.value.problems[0].message


def test_an_index_of_titles_without_its_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "noc2021-all-titles.csv"
    path.write_text("72106,welder\n", encoding="utf-8")
    with pytest.raises(ProblemsError, match='must start with "code,title"'):
        load_titles(path)


def test_a_broken_noc_2016_table_is_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "noc2016-to-2021.csv"
    path.write_text("noc2016,noc2021,notes\n2174,21232,\n217,21232,\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_noc2016(path)
    assert [p.line for p in info.value.problems] == [3]


def test_the_bundled_noc_2016_table_maps_every_code_to_known_2021_groups(
    catalog: Catalog,
) -> None:
    assert len(catalog.noc2016) == 500
    assert all(set(new) <= set(catalog.occupations) for new in catalog.noc2016.values())
