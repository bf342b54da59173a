"""Peak memory of the export of the whole database (`flask backup create`, the
back office's bulk export), in a process of its own, beside the peak of the
same process that only builds the app. An export that streams needs about the
same memory for a few hundred rows as for millions.

``python -m bench.export_memory URL`` prints its figures as JSON.
"""

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measure import peak_mb
from config import BASE_DIR


@dataclass
class ExportResult:
    rows: int
    seconds: float
    file_mb: float
    app_mb: float
    peak_mb: float

    @property
    def added_mb(self) -> float:
        """What the export took over the app itself."""
        return self.peak_mb - self.app_mb


def measure_export(database_url: str) -> ExportResult:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.export_memory", database_url],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError("The export failed:\n" + finished.stderr[-3000:])
    return ExportResult(**json.loads(finished.stdout.strip().splitlines()[-1]))


def _run_child(database_url: str) -> dict:
    from app import create_app
    from app.extensions import db
    from app.services.backup import create_backup
    from bench.application import BenchConfig

    app = create_app(BenchConfig, SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        db.session.execute(db.select(1))
        app_mb = peak_mb()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "backup.jsonl.gz"
            started = time.perf_counter()
            summary = create_backup(db.engine, path)
            seconds = time.perf_counter() - started
            size = path.stat().st_size
    return {
        "rows": summary.rows,
        "seconds": seconds,
        "file_mb": size / 1024 / 1024,
        "app_mb": app_mb,
        "peak_mb": peak_mb(),
    }


if __name__ == "__main__":
    print(json.dumps(_run_child(sys.argv[1])))
