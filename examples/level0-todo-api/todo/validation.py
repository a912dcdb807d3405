"""Request payload validation (kept dependency-free on purpose)."""
from datetime import date

MAX_TITLE_LENGTH = 200
UPDATABLE = {"title", "done", "due"}


class ValidationError(ValueError):
    """Raised for a malformed request body; rendered as HTTP 400."""


def _check_title(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("title must be a non-empty string")
    value = value.strip()
    if len(value) > MAX_TITLE_LENGTH:
        raise ValidationError(f"title must be at most {MAX_TITLE_LENGTH} characters")
    return value


def _check_due(value) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValidationError("due must be an ISO date (YYYY-MM-DD)") from None


def parse_create(payload) -> tuple[str, str | None]:
    if not isinstance(payload, dict):
        raise ValidationError("expected a JSON object")
    return _check_title(payload.get("title")), _check_due(payload.get("due"))


def parse_update(payload) -> dict:
    if not isinstance(payload, dict):
        raise ValidationError("expected a JSON object")
    unknown = set(payload) - UPDATABLE
    if unknown:
        raise ValidationError(f"unknown fields: {', '.join(sorted(unknown))}")

    fields = {}
    if "title" in payload:
        fields["title"] = _check_title(payload["title"])
    if "done" in payload:
        if not isinstance(payload["done"], bool):
            raise ValidationError("done must be a boolean")
        fields["done"] = payload["done"]
    if "due" in payload:
        fields["due"] = _check_due(payload["due"])
    return fields
