"""Who a data call runs as. RLS decides from this, never a WHERE clause a caller may forget."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, SecretStr

DbRole = Literal["anon", "authenticated", "service_role"]


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: DbRole = "anon"
    user_id: UUID | None = None
    email: str | None = None
    access_token: SecretStr | None = None  # hosted mode: the Supabase Auth JWT

    @classmethod
    def user(cls, user_id: UUID, email: str | None = None) -> Identity:
        return cls(role="authenticated", user_id=user_id, email=email)

    @classmethod
    def service(cls) -> Identity:
        return cls(role="service_role")

    def claims(self) -> dict[str, Any]:
        """The JWT claims PostgREST would expose as request.jwt.claims."""
        claims: dict[str, Any] = {"role": self.role}
        if self.user_id is not None:
            claims["sub"] = str(self.user_id)
        if self.email:
            claims["email"] = self.email
        return claims
