"""Stored files as HTTP responses: streamed from the backend through the app, or a
redirect to a presigned URL of the bucket (STORAGE_S3_PRESIGNED_DOWNLOADS)."""

from flask import request, send_file
from werkzeug.wrappers import Response

from share.storage.backends import content_key, storage_backend, thumbnail_key
from share.storage.models import StoredFile
from share.storage.services import THUMBNAIL_TYPE


def download_link(stored_file: StoredFile, download_name: str) -> str | None:
    """A short-lived URL at which the backend itself serves the file as an attachment
    named `download_name`, or None when downloads go through the app. Raises
    FileNotFoundError when the file is not there (StorageUnavailable as the backend does)."""
    backend = storage_backend()
    key = content_key(stored_file.sha256)
    link = backend.download_url(key, download_name, stored_file.mime_type)
    if link is not None and not backend.exists(key):
        raise FileNotFoundError(backend.locate(key))
    return link


def stored_file_response(
    stored_file: StoredFile,
    *,
    download_name: str | None = None,
    thumbnail: bool = False,
    max_age: int = 0,
) -> Response:
    """The file (or its thumbnail), read from the backend in chunks as the client takes
    them, with its length, an ETag of its content address and byte ranges; as an
    attachment when `download_name` is given. Raises FileNotFoundError when it is not
    there (StorageUnavailable as the backend does)."""
    key = (thumbnail_key if thumbnail else content_key)(stored_file.sha256)
    backend = storage_backend()
    size = backend.size(key)
    if size is None:
        raise FileNotFoundError(backend.locate(key))
    mime_type = THUMBNAIL_TYPE if thumbnail else stored_file.mime_type
    response = send_file(
        backend.open(key),
        mimetype=mime_type,
        as_attachment=download_name is not None,
        download_name=download_name,
        max_age=max_age,
        conditional=False,
    )
    # The stored type is whole, its charset included; send_file adds one more to text/*.
    response.headers["Content-Type"] = mime_type
    response.content_length = size
    response.set_etag(key.rsplit("/", 1)[-1])
    return response.make_conditional(request, accept_ranges=True, complete_length=size)
