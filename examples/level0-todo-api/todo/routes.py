from flask import Blueprint, abort, jsonify, request

from . import db
from .validation import ValidationError, parse_create, parse_update

bp = Blueprint("todos", __name__, url_prefix="/todos")


@bp.errorhandler(ValidationError)
def handle_validation_error(err):
    return jsonify(error=str(err)), 400


@bp.get("")
def list_todos():
    done_arg = request.args.get("done")
    done = None
    if done_arg is not None:
        if done_arg.lower() not in ("true", "false"):
            raise ValidationError("done must be 'true' or 'false'")
        done = done_arg.lower() == "true"
    return jsonify(db.list_todos(done))


@bp.post("")
def create_todo():
    title, due = parse_create(request.get_json(silent=True))
    todo = db.insert_todo(title, due)
    return jsonify(todo), 201, {"Location": f"/todos/{todo['id']}"}


@bp.get("/<int:todo_id>")
def get_todo(todo_id: int):
    todo = db.get_todo(todo_id)
    if todo is None:
        abort(404)
    return jsonify(todo)


@bp.patch("/<int:todo_id>")
def update_todo(todo_id: int):
    fields = parse_update(request.get_json(silent=True))
    if db.get_todo(todo_id) is None:
        abort(404)
    return jsonify(db.update_todo(todo_id, fields))


@bp.delete("/<int:todo_id>")
def delete_todo(todo_id: int):
    if not db.delete_todo(todo_id):
        abort(404)
    return "", 204
