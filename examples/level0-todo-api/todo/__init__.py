"""todo-api: a small Flask service for managing a todo list."""
import os

from flask import Flask, jsonify

from .db import close_db, init_db
from .routes import bp


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        DB_PATH=os.environ.get("DATABASE_PATH", "todos.db"),
    )
    if config:
        app.config.update(config)

    app.register_blueprint(bp)
    app.teardown_appcontext(close_db)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.errorhandler(404)
    def not_found(_err):
        return jsonify(error="not found"), 404

    with app.app_context():
        init_db()

    return app
