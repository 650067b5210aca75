"""``python -m handbook bench``: the search benchmark's command line (the benchmark is handbook.bench).

Its options are here rather than beside the benchmark so that listing the commands does not import
the benchmark (Playwright, the synthetic handbooks): only running it does.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _sizes(text: str) -> list[int]:
    """``--sizes 100,500``: numbers of chapters, comma-separated."""
    try:
        return [int(size) for size in text.split(",") if size.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers such as 100,500") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sizes", type=_sizes, default="100,500,1000,2000", help="numbers of chapters, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is reported)")
    parser.add_argument(
        "--work", type=Path, help="folder for the generated handbooks and sites (default: a temporary one)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated handbooks and sites")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) to this file")


def run(args: argparse.Namespace) -> int:
    """Print the benchmark's report (its progress goes to stderr)."""
    from handbook.bench.search import run_benchmark

    print(run_benchmark(args.sizes, args.runs, args.work, args.keep, args.output))
    return 0
