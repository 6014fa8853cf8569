import math

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import confirm_login, current_user, fresh_login_required, login_user, logout_user

from share.auth import recovery, services, sessions, throttle
from share.auth.devices import describe_device
from share.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ReauthenticateForm,
    RegistrationForm,
    ResetPasswordForm,
)
from share.auth.guards import login_required
from share.auth.redirects import safe_next_url
from share.auth.throttle import TooManyAttempts
from share.errors import render_error
from share.extensions import db, limiter
from share.forms import grouped_choices, show_domain_error
from share.mail import MailError, send_mail
from share.schools.services import open_units

bp = Blueprint("auth", __name__)


def _failed(response) -> bool:
    """Only failed attempts count against the limits; a success redirects."""
    return response.status_code != 302


def _limit_password_guesses(view):
    """Failed password checks per client address, counted together for every form that
    checks a password and across accounts. Guesses at one account are throttled by the
    services (share/auth/throttle.py)."""
    per_address = limiter.shared_limit(
        lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"],
        scope="password-address",
        methods=["POST"],
        deduct_when=_failed,
    )
    return per_address(view)


@bp.errorhandler(TooManyAttempts)
def too_many_attempts(error: TooManyAttempts):
    db.session.rollback()
    response = make_response(render_error(429, error.message))
    response.headers["Retry-After"] = str(max(1, math.ceil(error.wait.total_seconds())))
    return response


def _reset_session() -> None:
    """Empty the session, keeping only the interface language the visitor chose."""
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def _begin_session(user, remember: bool) -> None:
    """Record a new server-side session for `user`; the caller commits, then signs in."""
    sessions.start_session(
        user, remember=remember, user_agent=request.headers.get("User-Agent", "")
    )


def _sign_in(user, remember: bool) -> None:
    # A new session at sign-in: nothing from before it (a planted session) carries over.
    _reset_session()
    login_user(user, remember=remember)


def _sign_out() -> None:
    logout_user()
    _reset_session()
    # Flask-Login deletes the remember cookie when this flag survives to the response.
    session["_remember"] = "clear"


@bp.route("/logga-in", methods=["GET", "POST"])
@_limit_password_guesses
def login():
    next_url = safe_next_url(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(
                form.email.data, form.password.data, request.remote_addr or ""
            )
        except services.AccountError as error:
            flash(str(error.message), "error")
        else:
            _begin_session(user, remember=form.remember.data)
            db.session.commit()
            _sign_in(user, remember=form.remember.data)
            return redirect(next_url or url_for("home.index"))
    return render_template(
        "auth/login.html",
        form=form,
        next_url=next_url,
        registration_open=services.registration_open(),
    )


@bp.post("/logga-ut")
def logout():
    if current_user.is_authenticated:
        sessions.end_current_session(current_user._get_current_object())
        db.session.commit()
    _sign_out()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


def _mail_recipient_key() -> str:
    return "recipient:" + services.normalize_email(request.form.get("email", ""))[:254]


def _limit_account_mail(view):
    """Mails about accounts per recipient: the forms cannot flood someone's inbox."""
    return limiter.limit(
        lambda: current_app.config["ACCOUNT_MAIL_RATE_LIMIT_PER_RECIPIENT"],
        scope="account-mail",
        key_func=_mail_recipient_key,
        methods=["POST"],
        deduct_when=lambda response: response.status_code == 302,
    )(view)


def _send(mail) -> bool:
    """Send a mail after the commit; False (with a message shown) when it could not go."""
    try:
        send_mail(mail)
    except MailError:
        flash(_("The e-mail could not be sent just now. Try again in a while."), "error")
        return False
    return True


@bp.route("/registrera", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["REGISTRATION_RATE_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_failed,
)
@_limit_account_mail
def register():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    if not services.registration_open():
        return render_template("auth/registration_closed.html")
    form = RegistrationForm()
    form.unit_id.choices = grouped_choices(open_units(), _("Choose your unit…"))
    if form.validate_on_submit():
        try:
            mail = recovery.register_user(
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                unit_id=form.unit_id.data,
            )
        except services.AccountError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            if _send(mail):
                return redirect(url_for("auth.check_your_mail"))
    return render_template(
        "auth/register.html",
        form=form,
        domains=current_app.config["ALLOWED_EMAIL_DOMAINS"],
    )


@bp.get("/kolla-din-e-post")
def check_your_mail():
    """Where registration and "forgot password" lead, whatever the address was."""
    return render_template("auth/check_your_mail.html")


@bp.route("/bekrafta-konto/<token>", methods=["GET", "POST"])
def confirm_registration(token: str):
    """GET shows a button, so that a mail scanner opening the link confirms nothing."""
    if request.method == "POST":
        try:
            recovery.confirm_registration(token)
        except services.AccountError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Your e-mail address is confirmed. Sign in to start."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/confirm_registration.html", token=token)


@bp.route("/glomt-losenord", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS"], methods=["POST"]
)
@_limit_account_mail
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        mail = recovery.request_password_reset(form.email.data)
        if mail is None or _send(mail):
            return redirect(url_for("auth.check_your_mail"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/aterstall-losenord/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    try:
        recovery.user_of_token(
            recovery.RESET, token, current_app.config["PASSWORD_RESET_LINK_LIFETIME"]
        )
    except services.AccountError as error:
        return render_template("auth/reset_password.html", form=None, problem=error.message)
    if form.validate_on_submit():
        try:
            recovery.reset_password(token, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            if current_user.is_authenticated:
                _sign_out()
            flash(_("Your password is changed, and every device is signed out."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, problem=None)


@bp.route("/konto", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    form.unit_id.choices = grouped_choices(open_units(), _("Choose your unit…"))
    if form.validate_on_submit():
        try:
            services.update_profile(current_user, name=form.name.data, unit_id=form.unit_id.data)
        except services.AccountError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form, **_security_overview())


def _security_overview() -> dict:
    """What the account page shows about the account's sessions and failed sign-ins."""
    user = current_user._get_current_object()
    current = sessions.current_session(user)
    return {
        "user_sessions": [
            (row, describe_device(row.user_agent), current is not None and row.id == current.id)
            for row in sessions.live_sessions(user)
        ],
        "failed_attempts": throttle.recent_failures(user),
    }


@bp.post("/konto/sessioner/<int:session_id>/avsluta")
@login_required
def end_session(session_id: int):
    """End one of the account's sessions; ending this device's own signs it out here."""
    current_ended = sessions.end_session(current_user._get_current_object(), session_id)
    db.session.commit()
    if current_ended:
        _sign_out()
        flash(_("You are signed out."), "info")
        return redirect(url_for("auth.login"))
    flash(_("The session is ended; that device is signed out."), "success")
    return redirect(url_for("auth.profile"))


@bp.post("/konto/logga-ut-overallt")
@login_required
def sign_out_everywhere():
    sessions.end_sessions(current_user._get_current_object())
    db.session.commit()
    _sign_out()
    flash(_("You are signed out on all devices."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/konto/losenord", methods=["GET", "POST"])
@fresh_login_required
@_limit_password_guesses
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user,
                form.current_password.data,
                form.password.data,
                request.remote_addr or "",
            )
        except services.AccountError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/konto/bekrafta", methods=["GET", "POST"])
@login_required
@_limit_password_guesses
def reauthenticate():
    """Asked for before sensitive pages when the session came from a remember cookie."""
    next_url = safe_next_url(request.args.get("next"))
    form = ReauthenticateForm()
    if form.validate_on_submit():
        try:
            services.authenticate(current_user.email, form.password.data, request.remote_addr or "")
        except services.AccountError:
            db.session.rollback()
            form.password.errors = [*form.password.errors, _("The password is wrong.")]
        else:
            db.session.commit()
            confirm_login()
            return redirect(next_url or url_for("auth.profile"))
    return render_template("auth/reauthenticate.html", form=form, next_url=next_url)
