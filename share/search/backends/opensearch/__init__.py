"""OpenSearch: a search server several app machines share, for installs that run Dela on
more than one machine. An index directory's name names an index on the server; which one
is live is an alias there, since the machines do not share INDEX_DIR.

One writer at a time, across processes and machines: a lock document in the prefix's locks
index, created only if missing, with an expiry time so that a killed holder does not hold
the index for ever; a live holder renews it, and writes nothing once it finds it lost.
What a writer sends is seen once it commits (a refresh).
"""

import logging
import shutil
import threading
import time
import uuid
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

from flask import current_app
from opensearchpy import (
    ConflictError,
    NotFoundError,
    OpenSearch,
    RequestError,
    Transport,
    TransportError,
    helpers,
)
from opensearchpy import ConnectionError as Unreachable

from share.search.backends.base import Backend, SearchUnavailable, Writer, WriterBusy
from share.search.backends.opensearch.schema import NUMBER, mappings, settings, source
from share.search.backends.opensearch.searching import SLOW_SECONDS, Nothing, Opened
from share.search.once import forget, remember, remembered

log = logging.getLogger(__name__)

#: How long a lock document holds when its holder does not renew it (killed, or cut off
#: from the server mid-batch): the longest the next writer waits for it. Its holder renews
#: it every third of that.
LOCK_SECONDS = 60
#: How long waiting for another writer sleeps between attempts.
WRITER_RETRY_SECONDS = 0.05
#: A rebuild's writer sends documents this many at a time.
BULK_CHUNK = 1000
LOCK_MAPPINGS = {
    "dynamic": "strict",
    "properties": {"holder": {"type": "keyword"}, "expires": {"type": "long"}},
}


class _Transport(Transport):
    """The client's transport, saying a server that cannot be reached or does not answer
    in time in Dela's terms (SearchUnavailable), for the error page and /readyz."""

    def perform_request(self, method, url, *args, **kwargs):
        try:
            return super().perform_request(method, url, *args, **kwargs)
        except Unreachable as error:  # refused, reset, or timed out (ConnectionTimeout)
            raise SearchUnavailable(f"OpenSearch: {method} {url}: {error}") from error


@cache
def _client(
    hosts: tuple[str, ...], user: str, password: str, ca_certs: str, verify: bool, timeout: float
):
    # The client logs every request (INFO) and every failed one with its traceback
    # (WARNING); Dela says itself what a failure means (SearchUnavailable), in a line.
    logging.getLogger("opensearch").setLevel(logging.ERROR)
    return OpenSearch(
        hosts=list(hosts),
        http_auth=(user, password) if user else None,
        ca_certs=ca_certs or None,
        verify_certs=verify,
        timeout=timeout,
        # One more try, on the next host if there is one (or a new connection, should the
        # kept one have been closed), and no more: a host that is down costs a request
        # at most two timeouts.
        max_retries=1,
        transport_class=_Transport,
    )


def client() -> OpenSearch:
    """The client of this app's OpenSearch settings (one per settings, kept)."""
    config = current_app.config
    return _client(
        tuple(config["OPENSEARCH_HOSTS"]),
        config["OPENSEARCH_USER"],
        config["OPENSEARCH_PASSWORD"],
        config["OPENSEARCH_CA_CERTS"],
        config["OPENSEARCH_VERIFY_CERTS"],
        config["OPENSEARCH_TIMEOUT_SECONDS"],
    )


def _prefix() -> str:
    return current_app.config["OPENSEARCH_INDEX_PREFIX"]


def index_name(directory: Path) -> str:
    """The index on the server that `directory` stands for."""
    return f"{_prefix()}{directory.name}"


def live_alias() -> str:
    return f"{_prefix()}live"


def _locks_index() -> str:
    return f"{_prefix()}locks"


class LockLost(Exception):
    """A writer's lock was broken and taken by another (it was held past its expiry with
    its renewals failing): what the writer had not sent yet is not written."""


class _Lock:
    """The write lock of one index: a document only one holder can create. Made in an app
    context, usable in any thread. While held, a thread of its own renews it every third of
    LOCK_SECONDS, so a holder that takes long keeps it; a holder still finds out whether it
    has it (`confirm`) before it writes."""

    def __init__(self, index: str) -> None:
        self.client, self.locks, self.index = client(), _locks_index(), index
        self.holder = uuid.uuid4().hex
        self._version: dict = {}  # the sequence number and primary term of our document
        self._stop = threading.Event()
        self._keeper: threading.Thread | None = None

    def acquire(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self._created():
            self._break_if_expired()
            if time.monotonic() >= deadline:
                raise WriterBusy(self.index)
            time.sleep(WRITER_RETRY_SECONDS)
        self._keeper = threading.Thread(target=self._keep, args=(LOCK_SECONDS / 3,), daemon=True)
        self._keeper.start()

    def _body(self) -> dict:
        return {"holder": self.holder, "expires": int((time.time() + LOCK_SECONDS) * 1000)}

    def _created(self) -> bool:
        try:
            # Held by another (409) is an answer, not a warning in the client's log. No
            # refresh, here or at any write of a lock: a lock is only ever read by its id,
            # which sees every write at once (a refresh took the most of a batch's time).
            made = self.client.create(
                index=self.locks, id=self.index, body=self._body(), ignore=409
            )
        except NotFoundError:  # no locks index, and the server makes none by itself
            self._make_locks_index()
            return self._created()
        if made.get("status") == 409:
            return False
        self._version = {"if_seq_no": made["_seq_no"], "if_primary_term": made["_primary_term"]}
        return True

    def _make_locks_index(self) -> None:
        body = {"settings": {"number_of_shards": 1}, "mappings": LOCK_MAPPINGS}
        try:
            self.client.indices.create(index=self.locks, body=body)
        except RequestError as error:
            if error.error != "resource_already_exists_exception":
                raise

    def _break_if_expired(self) -> None:
        held = self._held()
        if held is not None and held["_source"]["expires"] < time.time() * 1000:
            self._delete(held)

    def confirm(self) -> None:
        """Renew the lock now; raises LockLost when another holder has it."""
        try:
            renewed = self.client.index(
                index=self.locks, id=self.index, body=self._body(), **self._version
            )
        except (ConflictError, NotFoundError) as error:
            self._stop.set()
            raise LockLost(f"the write lock of {self.index} was taken over") from error
        self._version = {
            "if_seq_no": renewed["_seq_no"],
            "if_primary_term": renewed["_primary_term"],
        }

    def _keep(self, every: float) -> None:
        """Renew the lock every `every` seconds until it is let go (or lost)."""
        while not self._stop.wait(every):
            try:
                self.confirm()
            except LockLost:
                log.error("search: the write lock of %s was taken over", self.index)
            except (TransportError, SearchUnavailable) as error:  # `confirm` tells at a write
                log.warning("search: the write lock of %s not renewed: %r", self.index, error)

    def release(self) -> None:
        """Delete the lock document as this holder last wrote it: if another broke it and
        took the lock since, theirs stays."""
        self._stop.set()
        if self._keeper is not None:
            self._keeper.join()  # a renewal under way changes the document's version
        with suppress(ConflictError, NotFoundError):
            self.client.delete(index=self.locks, id=self.index, **self._version)

    def _held(self) -> dict | None:
        # A lock let go is no news: not a warning in the client's log.
        held = self.client.get(index=self.locks, id=self.index, ignore=404)
        return held if held.get("found") else None

    def _delete(self, held: dict) -> None:
        """Delete the lock document `held` as read: if another holder broke it and took
        the lock since, theirs stays."""
        with suppress(ConflictError, NotFoundError):
            self.client.delete(
                index=self.locks,
                id=self.index,
                if_seq_no=held["_seq_no"],
                if_primary_term=held["_primary_term"],
            )


class _Writer(Writer):
    """Sends what it is given at commit (a batch's writer) or every BULK_CHUNK documents
    (a rebuild's), and refreshes the index at commit."""

    def __init__(self, index: str, lock: _Lock | None, chunk: int | None = None) -> None:
        self.client, self.index, self._lock, self._chunk = client(), index, lock, chunk
        self._actions: list[dict] = []
        self._sent = False  # whether a bulk has gone before the commit (a rebuild's)

    def add(self, document: dict) -> None:
        self.update(document)

    def update(self, document: dict) -> None:
        self._queue({"_op_type": "index", "_id": str(document[NUMBER]), "_source": document})

    def delete(self, material_id: int) -> None:
        self._queue({"_op_type": "delete", "_id": str(material_id)})

    def _queue(self, action: dict) -> None:
        self._actions.append({"_index": self.index, **action})
        if self._chunk and len(self._actions) >= self._chunk:
            self._send()

    def _send(self, **refresh) -> None:
        if self._lock is not None:
            self._lock.confirm()  # not a document sent by a writer whose lock was taken
        # A material deleted that the index never had is no error.
        helpers.bulk(
            self.client,
            self._actions,
            chunk_size=BULK_CHUNK,
            ignore_status=(404,),
            request_timeout=SLOW_SECONDS,
            **refresh,
        )
        self._actions, self._sent = [], True

    def commit(self) -> None:
        """Send what is left and make everything sent seen at once (the index's refresh
        interval is off): a batch that fits one bulk refreshes with it, a request saved;
        a bigger one is refreshed after its last bulk, so no part of it is seen alone."""
        try:
            if self._actions and len(self._actions) <= BULK_CHUNK and not self._sent:
                self._send(refresh="true")
            else:
                self._send()
                self.client.indices.refresh(index=self.index, request_timeout=SLOW_SECONDS)
        finally:
            self._release()

    def cancel(self) -> None:
        self._actions = []
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class OpenSearchBackend(Backend):
    name = "opensearch"

    def prepared(self, document: dict) -> dict:
        return source(document)

    def exists(self, directory: Path) -> bool:
        name = index_name(directory)
        return remembered(("exists", name), lambda: bool(client().indices.exists(index=name)))

    def create(self, directory: Path) -> None:
        forget()
        directory.mkdir(parents=True, exist_ok=True)  # the pointer file names it
        name = index_name(directory)
        body = {"settings": settings(), "mappings": mappings()}
        try:
            client().indices.create(index=name, body=body, request_timeout=SLOW_SECONDS)
        except RequestError as error:
            # Another process found it missing at the same moment and made it: as good.
            if error.error != "resource_already_exists_exception":
                raise

    def remove(self, directory: Path) -> None:
        forget()
        client().indices.delete(
            index=index_name(directory), ignore_unavailable=True, request_timeout=SLOW_SECONDS
        )
        shutil.rmtree(directory, ignore_errors=True)

    def check_readable(self, directory: Path) -> None:
        name = index_name(directory)
        remembered(("readable", name), lambda: self._check_readable(name))

    def _check_readable(self, name: str) -> bool:
        try:
            client().count(index=name)
        except TransportError as error:
            if error.status_code != 503:
                raise
            # An index another process has just made answers once its shard has started.
            client().cluster.health(  # 30 s at most
                index=name, wait_for_status="yellow", request_timeout=SLOW_SECONDS
            )
            client().count(index=name)
        return True

    def writer(self, directory: Path, *, timeout: float = 0) -> Writer:
        lock = _Lock(index_name(directory))
        lock.acquire(timeout)
        return _Writer(index_name(directory), lock)

    def bulk_writer(self, directory: Path) -> Writer:
        return _Writer(index_name(directory), None, chunk=BULK_CHUNK)

    @contextmanager
    def held(self, directory: Path, timeout: float):
        lock = _Lock(index_name(directory))
        lock.acquire(timeout)
        try:
            yield
        finally:
            lock.release()

    def searcher(self, directory: Path) -> Opened:
        self.check_readable(directory)
        return Opened(client(), index_name(directory))

    def empty_searcher(self) -> Nothing:
        return Nothing()

    def live_name(self) -> str | None:
        return remembered(("live", live_alias()), self._live_name)

    def _live_name(self) -> str | None:
        # No alias yet is no news: not a warning in the client's log.
        found = client().indices.get_alias(name=live_alias(), ignore=404)
        if found.get("status") == 404:
            return None
        prefix = _prefix()
        names = [name for name in found if name.startswith(prefix)]
        if len(names) != 1:
            return None
        remember(("exists", names[0]), True)  # an alias names only an index that is there
        return names[0].removeprefix(prefix)

    def make_live(self, directory: Path) -> None:
        """Move the live alias to `directory`'s index in one step: searches on every
        machine go to the old index or the new one, never to none."""
        forget()
        alias = live_alias()
        found = client().indices.get_alias(name=alias, ignore=404)
        holders = [] if found.get("status") == 404 else list(found)
        actions = [{"remove": {"index": holder, "alias": alias}} for holder in holders]
        actions.append({"add": {"index": index_name(directory), "alias": alias}})
        client().indices.update_aliases(body={"actions": actions}, request_timeout=SLOW_SECONDS)
