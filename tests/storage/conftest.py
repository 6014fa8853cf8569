import pytest

from tests.support.builders import write_zip_bomb


@pytest.fixture(scope="session")
def zip_bomb(tmp_path_factory):
    """A DOCX-shaped zip of about 300 KB whose document.xml unpacks to 300 MB of zeros."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    write_zip_bomb(path, megabytes=300)
    return path
