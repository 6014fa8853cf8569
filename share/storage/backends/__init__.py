"""Where stored files are kept: the local disk or an S3-compatible bucket (STORAGE_BACKEND).

`storage_backend()` gives the current app's backend, made once from its settings (and made
again when they change, as the tests change them between modules).
"""

from pathlib import Path

from flask import current_app

from share.storage.backends.base import (
    StorageBackend,
    StorageUnavailable,
    StoredObject,
    content_key,
    sha256_of,
    thumbnail_key,
)
from share.storage.backends.local import LocalBackend

__all__ = [
    "LocalBackend",
    "StorageBackend",
    "StorageUnavailable",
    "StoredObject",
    "content_key",
    "make_backend",
    "sha256_of",
    "storage_backend",
    "thumbnail_key",
]

_S3_SETTINGS = (
    "STORAGE_S3_BUCKET",
    "STORAGE_S3_PREFIX",
    "STORAGE_S3_ENDPOINT_URL",
    "STORAGE_S3_REGION",
    "STORAGE_S3_ACCESS_KEY_ID",
    "STORAGE_S3_SECRET_ACCESS_KEY",
    "STORAGE_S3_PRESIGNED_DOWNLOADS",
)
_EXTENSION = "dela_storage"


def make_backend(config, name: str | None = None) -> StorageBackend:
    """The backend `name` (else STORAGE_BACKEND) as the settings in `config` describe it."""
    name = name or config["STORAGE_BACKEND"]
    if name == "local":
        return LocalBackend(Path(config["UPLOAD_DIR"]))
    if name == "s3":
        from share.storage.backends.s3 import S3Backend  # boto3 costs its import only here

        return S3Backend(
            bucket=config["STORAGE_S3_BUCKET"],
            prefix=config["STORAGE_S3_PREFIX"],
            endpoint_url=config["STORAGE_S3_ENDPOINT_URL"],
            region=config["STORAGE_S3_REGION"],
            access_key_id=config["STORAGE_S3_ACCESS_KEY_ID"],
            secret_access_key=config["STORAGE_S3_SECRET_ACCESS_KEY"],
            presigned_downloads=config["STORAGE_S3_PRESIGNED_DOWNLOADS"],
        )
    raise RuntimeError(f"STORAGE_BACKEND must be local or s3, not {name!r}")


def storage_backend() -> StorageBackend:
    config = current_app.config
    settings = (config["STORAGE_BACKEND"], config["UPLOAD_DIR"])
    settings += tuple(config[name] for name in _S3_SETTINGS)
    made = current_app.extensions.get(_EXTENSION)
    if made is None or made[0] != settings:
        made = (settings, make_backend(config))
        current_app.extensions[_EXTENSION] = made
    return made[1]
