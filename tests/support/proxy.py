"""A TCP proxy a test can cut and restore: the database "goes down" for one app while the
server itself, which every other test uses, keeps running."""

import contextlib
import socket
import threading


class CuttableProxy:
    """Forwards 127.0.0.1:`port` to 127.0.0.1:`target_port` while open. `cut()` closes the
    listening socket and every connection through it (clients see refused connections and
    resets, as when a database server stops); `restore()` listens on the same port again."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return listener

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                _shut(end)

    def cut(self) -> None:
        with self._lock:
            for end in [self._listener, *self._sockets]:
                _shut(end)  # wakes the threads blocked on them, which close() alone may not
                end.close()
            self._sockets = []

    def restore(self) -> None:
        with self._lock:
            self._listener = self._listen(self.port)

    def close(self) -> None:
        self.cut()


def _shut(end: socket.socket) -> None:
    with contextlib.suppress(OSError):
        end.shutdown(socket.SHUT_RDWR)
