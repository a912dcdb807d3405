def _create(client, **payload):
    resp = client.post("/todos", json=payload)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_healthz(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ok"}


def test_create_and_fetch(client):
    todo = _create(client, title="  write docs ", due="2024-06-01")
    assert todo["title"] == "write docs"
    assert todo["done"] is False
    assert todo["due"] == "2024-06-01"

    resp = client.get(f"/todos/{todo['id']}")
    assert resp.status_code == 200
    assert resp.get_json()["title"] == "write docs"


def test_list_filters_by_done(client):
    a = _create(client, title="a")
    _create(client, title="b")
    client.patch(f"/todos/{a['id']}", json={"done": True})

    assert [t["title"] for t in client.get("/todos").get_json()] == ["a", "b"]
    assert [t["title"] for t in client.get("/todos?done=true").get_json()] == ["a"]
    assert [t["title"] for t in client.get("/todos?done=false").get_json()] == ["b"]


def test_invalid_done_filter(client):
    assert client.get("/todos?done=maybe").status_code == 400


def test_update(client):
    todo = _create(client, title="old")
    resp = client.patch(f"/todos/{todo['id']}", json={"title": "new", "done": True})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["title"] == "new"
    assert body["done"] is True


def test_update_rejects_unknown_fields(client):
    todo = _create(client, title="x")
    resp = client.patch(f"/todos/{todo['id']}", json={"priority": 3})
    assert resp.status_code == 400
    assert "priority" in resp.get_json()["error"]


def test_delete(client):
    todo = _create(client, title="temp")
    assert client.delete(f"/todos/{todo['id']}").status_code == 204
    assert client.get(f"/todos/{todo['id']}").status_code == 404
    assert client.delete(f"/todos/{todo['id']}").status_code == 404


def test_validation_errors(client):
    assert client.post("/todos", json={}).status_code == 400
    assert client.post("/todos", json={"title": ""}).status_code == 400
    assert client.post("/todos", json={"title": "x" * 201}).status_code == 400
    assert client.post("/todos", json={"title": "x", "due": "tomorrow"}).status_code == 400
    assert client.post("/todos", data="not json").status_code == 400
