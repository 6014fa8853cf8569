from flask import Blueprint, render_template
from flask_login import current_user

from share.auth.guards import login_required
from share.extensions import db
from share.notifications import services
from share.paging import page_number

bp = Blueprint("notifications", __name__)


@bp.get("/notiser")
@login_required
def index():
    """The user's notifications; the ones shown are marked read (seen)."""
    pagination = services.page_for(current_user, page=page_number())
    unread = {n.id for n in pagination.items if n.read_at is None}
    services.mark_read(current_user, pagination.items)
    db.session.commit()
    return render_template("notifications/index.html", pagination=pagination, unread=unread)
