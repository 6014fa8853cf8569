"""Entry point for gunicorn: `gunicorn wsgi:app` serves the production configuration."""

import os

from share import create_app

app = create_app(os.environ.get("DELA_ENV", "production"))
