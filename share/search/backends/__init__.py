"""The search backends, by name: Whoosh (the default), tantivy (for large installs) and
OpenSearch (a server, for installs on several machines).

Each is imported when first asked for, so an install that never uses tantivy or
OpenSearch never loads it.
"""

from functools import cache
from importlib import import_module

from share.search.backends.base import Backend

#: Name → the module and class of its backend.
BACKENDS = {
    "whoosh": ("share.search.backends.whoosh", "WhooshBackend"),
    "tantivy": ("share.search.backends.tantivy", "TantivyBackend"),
    "opensearch": ("share.search.backends.opensearch", "OpenSearchBackend"),
}


@cache
def backend(name: str) -> Backend:
    """The backend called `name` (one instance per process: it keeps searchers open)."""
    module, cls = BACKENDS[name]
    return getattr(import_module(module), cls)()
