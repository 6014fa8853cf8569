"""Files in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, SeaweedFS), through boto3.

Objects are written and read in chunks: a big file goes up as a multipart upload from its
local file and comes down as a stream, so no process ever holds a whole file. Each object
carries its SHA-256 as metadata, so `flask storage migrate` can tell a whole copy from a
broken one without reading it.
"""

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from share.storage.backends.base import StorageBackend, StorageUnavailable, StoredObject, sha256_of
from share.storage.names import attachment_disposition

#: Parts of 8 MB, two at a time: what a worker holds for an upload is bounded by this,
#: whatever the file's size.
_TRANSFER = TransferConfig(
    multipart_threshold=8 * 1024 * 1024,
    multipart_chunksize=8 * 1024 * 1024,
    max_concurrency=2,
)
#: How long a presigned download link works: long enough to start a download.
PRESIGNED_SECONDS = 300
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3Backend(StorageBackend):
    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str = "",
        region: str = "",
        access_key_id: str = "",
        secret_access_key: str = "",
        presigned_downloads: bool = False,
    ) -> None:
        if not bucket:
            raise RuntimeError("STORAGE_BACKEND=s3 needs STORAGE_S3_BUCKET")
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.presigned_downloads = presigned_downloads
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region or "us-east-1",
            aws_access_key_id=access_key_id or None,
            aws_secret_access_key=secret_access_key or None,
            config=Config(
                signature_version="s3v4",
                # Path-style URLs work on every S3-compatible server and with any bucket name.
                s3={"addressing_style": "path"} if endpoint_url else {},
                retries={"mode": "standard", "max_attempts": 3},
                connect_timeout=5,
                read_timeout=60,
            ),
        )

    def _key(self, key: str) -> str:
        return self.prefix + key

    def put(self, key: str, source: Path, content_type: str, sha256: str) -> None:
        extra = {"ContentType": content_type, "Metadata": {"sha256": sha256} if sha256 else {}}
        try:
            self.client.upload_file(
                str(source), self.bucket, self._key(key), ExtraArgs=extra, Config=_TRANSFER
            )
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"could not store {self.locate(key)}: {error}") from error

    def open(self, key: str) -> BinaryIO:
        return _ObjectStream(lambda start: self._get(key, start))

    def _get(self, key: str, start: int):
        """The object's body from byte `start` on."""
        ranged = {"Range": f"bytes={start}-"} if start else {}
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key), **ranged)
        except ClientError as error:
            if _missing(error):
                raise FileNotFoundError(self.locate(key)) from error
            raise StorageUnavailable(f"could not read {self.locate(key)}: {error}") from error
        except BotoCoreError as error:
            raise StorageUnavailable(f"could not read {self.locate(key)}: {error}") from error
        return answer["Body"]

    def head(self, key: str) -> tuple[int, str] | None:
        """The object's size and the SHA-256 its metadata names ("" when none), or None."""
        try:
            answer = self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as error:
            if _missing(error):
                return None
            raise StorageUnavailable(f"could not look at {self.locate(key)}: {error}") from error
        except BotoCoreError as error:
            raise StorageUnavailable(f"could not look at {self.locate(key)}: {error}") from error
        return answer["ContentLength"], answer.get("Metadata", {}).get("sha256", "")

    def size(self, key: str) -> int | None:
        found = self.head(key)
        return found[0] if found else None

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"could not delete {self.locate(key)}: {error}") from error

    def list(self) -> Iterator[StoredObject]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        try:
            for page in pages:
                for item in page.get("Contents", []):
                    key = item["Key"].removeprefix(self.prefix)
                    if sha256_of(key):
                        yield StoredObject(key, item["LastModified"].timestamp())
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"could not list s3://{self.bucket}: {error}") from error

    def locate(self, key: str) -> str:
        return f"s3://{self.bucket}/{self._key(key)}"

    def download_url(self, key: str, download_name: str, mime_type: str) -> str | None:
        if not self.presigned_downloads:
            return None
        # Signing is local: no request to the store, nothing to fail but the settings.
        return self.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": self._key(key),
                "ResponseContentDisposition": attachment_disposition(download_name),
                "ResponseContentType": mime_type,
            },
            ExpiresIn=PRESIGNED_SECONDS,
        )


class _ObjectStream(io.RawIOBase):
    """An object read from where the reader is: fetched at the first read, and fetched
    again from elsewhere after a seek (a ranged GET), so a resumed download does not
    transfer the part it skips."""

    def __init__(self, get_from) -> None:
        super().__init__()
        self._get_from = get_from
        self._position = 0
        self._body = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence != io.SEEK_SET:
            raise io.UnsupportedOperation("only seeks from the start")
        if offset != self._position:
            self._drop_body()
            self._position = offset
        return offset

    def read(self, size: int = -1) -> bytes:
        if self._body is None:
            self._body = self._get_from(self._position)
        data = self._body.read(size if size >= 0 else None)
        self._position += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _drop_body(self) -> None:
        if self._body is not None:
            self._body.close()
            self._body = None

    def close(self) -> None:
        self._drop_body()
        super().close()


def _missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in _MISSING
