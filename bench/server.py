"""The app as the benchmarks serve it: development settings in a throwaway directory."""

import os
from pathlib import Path

from config import DevelopmentConfig
from share import create_app

workdir = Path(os.environ["BENCH_DIR"])
config = DevelopmentConfig()
config.SECRET_KEY = os.environ["SECRET_KEY"]
config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'bench.sqlite3'}"
config.UPLOAD_DIR = str(workdir / "uploads")
config.INDEX_DIR = str(workdir / "index")
config.MAX_UPLOAD_MB = int(os.environ.get("BENCH_MAX_UPLOAD_MB", "60"))
config.RATELIMIT_ENABLED = False
app = create_app(config)
