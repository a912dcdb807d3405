"""SQLite access helpers.

One connection per request, stored on ``flask.g`` and closed on teardown.
"""
import sqlite3

from flask import current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS todos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT    NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0,
    due        TEXT,
    created_at TEXT    NOT NULL DEFAULT (datetime('now'))
);
"""


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DB_PATH"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(_exc=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db() -> None:
    db = get_db()
    db.executescript(SCHEMA)
    db.commit()


def row_to_dict(row: sqlite3.Row) -> dict:
    return {
        "id": row["id"],
        "title": row["title"],
        "done": bool(row["done"]),
        "due": row["due"],
        "created_at": row["created_at"],
    }


def list_todos(done: bool | None = None) -> list[dict]:
    sql = "SELECT * FROM todos"
    args: tuple = ()
    if done is not None:
        sql += " WHERE done = ?"
        args = (int(done),)
    sql += " ORDER BY id"
    return [row_to_dict(r) for r in get_db().execute(sql, args).fetchall()]


def get_todo(todo_id: int) -> dict | None:
    row = get_db().execute("SELECT * FROM todos WHERE id = ?", (todo_id,)).fetchone()
    return row_to_dict(row) if row else None


def insert_todo(title: str, due: str | None) -> dict:
    db = get_db()
    cur = db.execute("INSERT INTO todos (title, due) VALUES (?, ?)", (title, due))
    db.commit()
    return get_todo(cur.lastrowid)


def update_todo(todo_id: int, fields: dict) -> dict | None:
    if fields:
        cols = ", ".join(f"{name} = ?" for name in fields)
        values = [int(v) if isinstance(v, bool) else v for v in fields.values()]
        db = get_db()
        db.execute(f"UPDATE todos SET {cols} WHERE id = ?", (*values, todo_id))
        db.commit()
    return get_todo(todo_id)


def delete_todo(todo_id: int) -> bool:
    db = get_db()
    cur = db.execute("DELETE FROM todos WHERE id = ?", (todo_id,))
    db.commit()
    return cur.rowcount > 0
