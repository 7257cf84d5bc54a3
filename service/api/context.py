"""What every request handler needs, built once when the app starts: settings, database, audit trail,
pseudonymizer, the champion model, the metrics, the class feature cache and the rate limits."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine

from privacy.pseudonyms import Pseudonymizer
from service.api.champion import Champion
from service.api.metrics import ApiMetrics
from service.api.rate_limit import RateLimiter
from service.audit_trail import AuditTrail
from service.auth.principal import Principal
from service.feature_cache import ClassFeatureCache
from service.settings import Settings


@dataclass(frozen=True)
class ApiContext:
    settings: Settings
    engine: Engine
    trail: AuditTrail
    pseudonymizer: Pseudonymizer
    champion: Champion
    metrics: ApiMetrics
    features: ClassFeatureCache
    requests: RateLimiter
    sign_ins: RateLimiter

    def reader(self, principal: Principal, purpose: str | None) -> Engine:
        """The database as this reader may see it: on PostgreSQL, row-level security answers only their
        pupils even if a query forgot its scope clause. For reads of identified pupils only."""
        from service.api.scope import reader_scope
        from service.db.scoped import scoped_engine

        return scoped_engine(self.engine, reader_scope(principal, purpose))

    def audit(
        self,
        *,
        actor: str,
        role: str,
        action: str,
        resource: str,
        result: str,
        pupil_id: str | None = None,
        purpose: str | None = None,
    ) -> None:
        """One audit entry; a pupil appears only by pseudonym, never by id."""
        pseudonym = self.pseudonymizer.pseudonym(pupil_id, "p") if pupil_id is not None else None
        self.trail.record(
            actor=actor,
            role=role,
            action=action,
            resource=pseudonym or resource,
            pupil_pseudonym=pseudonym,
            purpose=purpose,
            result=result,
        )


async def api_context(request: Request) -> ApiContext:
    """Async though trivial: FastAPI sends a plain `def` dependency through the thread pool, a hop each
    request would pay for nothing."""
    context: ApiContext = request.app.state.erta
    return context
