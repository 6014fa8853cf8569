"""Entry point for gunicorn: `gunicorn wsgi:app` serves the production configuration."""

import gc
import os

from share import create_app

app = create_app(os.environ.get("DELA_ENV", "production"))
# What loading the app made (modules, templates, settings: about 140,000 objects) lives as
# long as the process. Frozen, it is left out of the collector's full passes, each of which
# walked it all (80 to 90 ms on a 2-core machine) in the middle of whatever request set
# it off.
gc.freeze()
