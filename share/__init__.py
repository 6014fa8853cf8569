"""Dela: a Flask application for sharing teaching methods and materials."""

import os

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from config import BASE_DIR, CONFIGS
from share import database, errors, i18n, security, templating
from share.admin.views import bp as admin_bp
from share.api.views import bp as api_bp
from share.auth.cli import create_user_command
from share.auth.sessions import load_session_user
from share.auth.views import bp as auth_bp
from share.browse.views import bp as browse_bp
from share.demo.cli import seed_demo_command
from share.extensions import babel, csrf, db, limiter, login_manager, migrate
from share.feedback.views import bp as feedback_bp
from share.forms import IdConverter
from share.health.views import bp as health_bp
from share.home.views import bp as home_bp
from share.materials.views import bp as materials_bp
from share.moderation.views import bp as moderation_bp
from share.notifications.views import bp as notifications_bp
from share.search import upkeep as search_upkeep
from share.search.cli import search_group
from share.search.views import bp as search_bp
from share.storage.cli import storage_group
from share.tries.views import bp as tries_bp
from share.variants.views import bp as variants_bp
from share.vocabularies.cli import seed_vocabularies_command


def create_app(config: str | object | None = None) -> Flask:
    """Build the app. `config` is a name in config.CONFIGS, a config object, or None for
    the `DELA_ENV` environment variable (default "development")."""
    app = Flask(__name__)
    app.config.from_object(_config_object(config))
    if app.config["PROXY_COUNT"]:
        proxies = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    db.init_app(app)
    with app.app_context():
        database.init_engine(db.engine)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    _init_login(app)

    app.url_map.converters["int"] = IdConverter  # before any route uses it
    app.register_blueprint(home_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(materials_bp)
    app.register_blueprint(browse_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(tries_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(variants_bp)
    app.register_blueprint(feedback_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(health_bp)

    templating.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    search_upkeep.init_app(app)

    app.cli.add_command(seed_vocabularies_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(storage_group)
    app.cli.add_command(search_group)
    return app


def _config_object(config: str | object | None) -> object:
    if config is None:
        config = os.environ.get("DELA_ENV", "development")
    if isinstance(config, str):
        return CONFIGS[config]()
    return config


def _init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Sign in to see that page.")
    login_manager.login_message_category = "info"
    login_manager.refresh_view = "auth.reauthenticate"
    login_manager.needs_refresh_message = _l("Confirm your password to continue.")
    login_manager.needs_refresh_message_category = "info"
    # "basic" marks a session non-fresh when the client changes, rather than dropping it:
    # teachers move between school Wi-Fi and mobile networks all day.
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_session_user)
