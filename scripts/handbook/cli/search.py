"""``python -m handbook search``: what the search box shows for a query, and the relevance suite.

    ./run search "s47"                 # the first results for a query, from site/
    ./run search --suite               # the relevance suite's hit rates
    ./run search --site-dir X "ICPC"   # another built site
"""

from __future__ import annotations

import argparse
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.search.query import SearchBox
from handbook.search.relevance import TOP, load_suite, report
from handbook.search.synonyms import glossary_pairs

SUITE = PROJECT_ROOT / "tests" / "search" / "relevance.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="*", metavar="QUERY", help="the words to search for")
    parser.add_argument("--site-dir", default=str(PROJECT_ROOT / "site"), help="a built site (default: site/)")
    parser.add_argument("--suite", action="store_true", help="run the relevance suite and print its hit rates")


def run(args: argparse.Namespace) -> int:
    search_dir = Path(args.site_dir) / "search"
    if not (search_dir / "search_index.json").is_file():
        print(f"No built site in {args.site_dir}: run ./run build first.")
        return 1
    if args.suite:
        print(report(search_dir, load_suite(SUITE), glossary_pairs(PROJECT_ROOT)))
        return 0
    box = SearchBox(search_dir)
    text = " ".join(args.query)
    print(f"Query sent to lunr: {box.query(text)}")
    for rank, group in enumerate(box.search(text)[: TOP * 3], start=1):
        print(f"{rank:>2}. {group.page}")
        for location in group.visible[1:]:
            print(f"      {location}")
    return 0
