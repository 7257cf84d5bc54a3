"""A response model serialised where it was built, for the routes on the hot path.

FastAPI validates what a plain-`def` handler returns against its `response_model` in a second trip
through the thread pool, after the handler's own. The handlers here already build the response model
(validated once), so they return it as JSON directly; the OpenAPI schema still comes from `response_model`.
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def model_response(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")
