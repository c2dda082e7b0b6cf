"""Write ``leisearch/quotes/given_names.txt`` from the 1990 US Census name files.

    python benchmarks/make_given_names.py MALE FEMALE [--out FILE]

``MALE`` and ``FEMALE`` are the Census Bureau's ``dist.male.first`` and
``dist.female.first`` (1990; works of the US government, in the public domain;
the PyPI package ``names`` 0.3.0 ships copies). Each line there is a name, its
frequency in per cent, the cumulative frequency and a rank.

The output has one ``name<TAB>gender`` line per given name, sorted: ``m`` or
``f`` when at least nine in ten of its bearers are of that sex (the two lists
count similar populations, so their per cent figures compare), else ``u``.
leisearch reads it to tell that a capitalised run opens with a given name and,
when an article gives no honorific or pronoun for a person, which pronoun
agrees with them. The names are American; a name the list lacks says nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "leisearch" / "quotes" / "given_names.txt"


def read(path: Path) -> dict[str, float]:
    table = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            table[parts[0].capitalize()] = float(parts[1])
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("male", type=Path)
    parser.add_argument("female", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    male, female = read(args.male), read(args.female)
    lines = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        gender = "m" if m >= 9 * f else "f" if f >= 9 * m else "u"
        lines.append(f"{name}\t{gender}")
    header = "# Given names and the sex of nine in ten of their bearers (m, f; u: neither).\n"
    header += "# From the 1990 US Census name files (public domain), by\n"
    header += "# benchmarks/make_given_names.py\n"
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} names to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
