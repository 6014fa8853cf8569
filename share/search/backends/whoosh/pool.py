"""A rebuild's postings sorted through compressed temporary files.

Whoosh sorts a writer's postings by writing sorted runs of them to temporary files, one
marshalled tuple (field, term, document, weight, value) each, then merging the runs: for a
big segment those files were about 4.5 times the segment they made. Sorted postings repeat
their field and most of their term from one to the next, so runs written as compressed
blocks take a fraction of that, and a rebuild's temporary disk stays within the index's
own size.
"""

import marshal
import struct
import zlib
from itertools import islice

from whoosh.writing import PostingPool

#: Postings per compressed block: big enough to compress well, small enough that reading
#: a block per run at once stays a few megabytes over hundreds of runs.
BLOCK_POSTINGS = 20_000
#: zlib's fastest level: sorted postings compress well even at it.
LEVEL = 1
_LENGTH = struct.Struct("<I")


class CompressedPostingPool(PostingPool):
    def _write_run(self, f, items) -> None:
        items = iter(items)
        try:
            while block := list(islice(items, BLOCK_POSTINGS)):
                packed = zlib.compress(marshal.dumps(block), LEVEL)
                f.write(_LENGTH.pack(len(packed)))
                f.write(packed)
        finally:
            f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while header := f.read(_LENGTH.size):
                (length,) = _LENGTH.unpack(header)
                # The run was written by this process a moment ago, never by anyone else.
                yield from marshal.loads(zlib.decompress(f.read(length)))  # noqa: S302
        finally:
            f.close()
            self._remove_run(path)


def compress_runs(writer) -> None:
    """Make a fresh Whoosh writer sort its postings through compressed runs (its own pool
    class cannot be chosen: whoosh-reloaded 2.7.5 ignores the `poolclass` argument)."""
    old = writer.pool
    writer.pool = CompressedPostingPool(old.tempstore, old.segment, limitmb=old.limit >> 20)
