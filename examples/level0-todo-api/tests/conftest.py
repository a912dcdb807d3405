import pytest

from todo import create_app


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DB_PATH": str(tmp_path / "test.db")})


@pytest.fixture
def client(app):
    return app.test_client()
