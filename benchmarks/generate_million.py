"""Generation at national scale: `erta generate --pupils 1000000`, its wall time, rows and peak memory.

Peak memory is the child process's maximum resident set size, as the kernel reports it.
Run: `python -m benchmarks.generate_million [--pupils 1000000] [--out DIR] [--keep] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=None, help="Bundle folder (default: a temporary one).")
    parser.add_argument("--keep", action="store_true", help="Keep the bundle afterwards.")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/generate_million.json"))
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="erta-million-")) / "bundle"
    erta = Path(sys.executable).with_name("erta")
    started = time.perf_counter()
    subprocess.run([str(erta), "generate", str(out), "--pupils", str(args.pupils), "--overwrite"], check=True)
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sizes = {path.name: path.stat().st_size for path in sorted(out.glob("*.csv"))}
    rows = {}
    for path in sorted(out.glob("*.csv")):
        with path.open("rb") as handle:
            rows[path.name] = (
                sum(chunk.count(b"\n") for chunk in iter(lambda h=handle: h.read(1 << 24), b"")) - 1
            )
    result = {
        "pupils": args.pupils,
        "wall_seconds": round(elapsed, 1),
        "pupils_per_second": round(args.pupils / elapsed),
        "peak_rss_mib": round(peak_kib / 1024),
        "bytes_on_disk": sum(sizes.values()),
        "lines_per_file": rows,
    }
    print(json.dumps(result, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if not args.keep and args.out is None:
        shutil.rmtree(out.parent)


if __name__ == "__main__":
    main()
