"""Stored files follow the SQL transaction of the session that stores or deletes them.

Objects a transaction creates are removed when it (or the savepoint it made them in) ends
without a commit; objects it deletes go only once it commits. A backend that fails at that
moment is logged and leaves an object no row needs, which `flask storage check` finds.
"""

import logging
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from share.extensions import db
from share.storage.backends import StorageBackend

_CHANGES = "dela_storage_file_changes"
_log = logging.getLogger(__name__)


@dataclass
class _FileChange:
    backend: StorageBackend
    key: str
    transaction: SessionTransaction
    #: True: created by the transaction, gone if it does not commit. False: to be deleted
    #: when it commits.
    created: bool


def track(backend: StorageBackend, key: str, *, created: bool) -> None:
    """Tie the object `key` to the current transaction of the app's session: `created`
    ones go if it does not commit, others go when it commits."""
    session = db.session()
    transaction = session.get_nested_transaction() or session.get_transaction()
    change = _FileChange(backend, key, transaction, created)
    session.info.setdefault(_CHANGES, []).append(change)


def _remove(change: _FileChange) -> None:
    try:
        change.backend.delete(change.key)
    except OSError as error:
        _log.error("could not remove %s: %s", change.backend.locate(change.key), error)


def _within(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _apply_deletions(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: its changes wait for the outer transaction
    for change in session.info.pop(_CHANGES, []):
        if not change.created:
            _remove(change)


@event.listens_for(Session, "after_soft_rollback")
def _undo_savepoint(session: Session, previous_transaction: SessionTransaction) -> None:
    if not previous_transaction.nested:
        return  # the outer transaction's end is handled by _undo_unfinished
    kept = []
    for change in session.info.get(_CHANGES, []):
        if not _within(change.transaction, previous_transaction):
            kept.append(change)
        elif change.created:
            _remove(change)
    session.info[_CHANGES] = kept


@event.listens_for(Session, "after_transaction_end")
def _undo_unfinished(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ends without a commit, by rollback or by close, takes the files
    it created with it (after a commit, _apply_deletions has emptied the list)."""
    if transaction.parent is not None:
        return
    for change in session.info.pop(_CHANGES, []):
        if change.created:
            _remove(change)
