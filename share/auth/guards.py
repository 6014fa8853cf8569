"""The one guard for views: signed in, active, and holding at least a given role."""

from functools import wraps

from flask import abort, jsonify
from flask_login import current_user

from share.auth.models import Role
from share.errors import wants_json
from share.extensions import login_manager


def role_required(role: Role):
    """Decorate a view. :raise 401→sign-in: when signed out (a JSON 401 under /api/, where
    a sign-in page would be no answer). :raise 403: when the role is lower."""

    def decorator(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                if wants_json():
                    return jsonify(ok=False, message=str(login_manager.login_message)), 401
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorator


login_required = role_required(Role.TEACHER)
