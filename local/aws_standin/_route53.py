"""``aws:route53/record:Record`` on moto's Route 53: the alias record of a custom domain.

Only what the stack declares: simple (non-routing-policy) records, either an alias (``aliases``)
or plain values (``records`` with ``ttl``). The Terraform provider's ID is
``<zone id>_<name>_<type>``; names are stored without the trailing dot, as the provider reports
them. A CREATE of an existing record fails, as on AWS, unless ``allowOverwrite`` is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._aws import AwsError
from ._base import Ctx, Field, Resource
from ._values import Attr, Bool, Num, Obj, ObjList, Plain, Str, StrList, attrs

RECORD_TYPES = (
    "A",
    "AAAA",
    "CAA",
    "CNAME",
    "DS",
    "MX",
    "NAPTR",
    "NS",
    "PTR",
    "SOA",
    "SPF",
    "SRV",
    "TXT",
)
ALIASES = ObjList(
    Obj(
        attrs(
            Attr("name", "DNSName", Str(), required=True),
            Attr("zoneId", "HostedZoneId", Str(), required=True),
            Attr("evaluateTargetHealth", "EvaluateTargetHealth", Bool(), required=True),
        )
    )
)


def _fqdn(name: str) -> str:
    return name.rstrip(".").lower()


def _record_set(values: Mapping[str, Plain]) -> dict[str, Any]:
    record: dict[str, Any] = {"Name": str(values.get("name")), "Type": str(values.get("type"))}
    aliases = values.get("aliases")
    if isinstance(aliases, list) and aliases:
        alias = aliases[0]
        assert isinstance(alias, dict)
        record["AliasTarget"] = {
            "DNSName": alias.get("name"),
            "HostedZoneId": alias.get("zoneId"),
            "EvaluateTargetHealth": bool(alias.get("evaluateTargetHealth")),
        }
    else:
        ttl = values.get("ttl")
        record["TTL"] = int(ttl) if isinstance(ttl, float) else 300
        record["ResourceRecords"] = [{"Value": v} for v in values.get("records") or []]  # type: ignore[union-attr]
    return record


class Record(Resource):
    token = "aws:route53/record:Record"
    fields = (
        Field("zoneId", Str(), replace=True, required=True),
        Field("name", Str(), replace=True, required=True),
        Field("type", Str(RECORD_TYPES), replace=True, required=True),
        Field("aliases", ALIASES),
        Field("records", StrList()),
        Field("ttl", Num()),
        Field("allowOverwrite", Bool()),
    )
    outputs = ("fqdn",)

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        aliases, records = inputs.get("aliases"), inputs.get("records")
        if aliases and (records or inputs.get("ttl") is not None):
            return [("aliases", "conflicts with records and ttl")]
        if not aliases and not records:
            return [("records", "one of aliases or records is required")]
        if isinstance(aliases, list) and len(aliases) > 1:
            return [("aliases", "at most one alias")]
        return []

    async def _change(self, ctx: Ctx, action: str, values: Mapping[str, Plain]) -> None:
        await ctx.service(
            "route53",
            "change_resource_record_sets",
            HostedZoneId=str(values.get("zoneId")),
            ChangeBatch={"Changes": [{"Action": action, "ResourceRecordSet": _record_set(values)}]},
        )

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        await self._change(ctx, "UPSERT" if inputs.get("allowOverwrite") else "CREATE", inputs)
        resource_id = (
            f"{inputs.get('zoneId')}_{_fqdn(str(inputs.get('name')))}_{inputs.get('type')}"
        )
        live = await self.fetch(ctx, resource_id, inputs)
        if live is None:
            raise AwsError("ChangeResourceRecordSets", "NotFound", f"{resource_id} not found")
        return resource_id, live

    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        zone_id, name, kind = resource_id.split("_", 2)
        try:
            answer = await ctx.service(
                "route53",
                "list_resource_record_sets",
                HostedZoneId=zone_id,
                StartRecordName=name,
                StartRecordType=kind,
                MaxItems="1",
            )
        except AwsError as err:
            if err.code == "NoSuchHostedZone":
                return None
            raise
        for record in answer.get("ResourceRecordSets") or []:
            if _fqdn(str(record.get("Name"))) != name or record.get("Type") != kind:
                continue
            alias = record.get("AliasTarget")
            return {
                "zoneId": zone_id,
                "name": state.get("name") or name,
                "type": kind,
                "aliases": ALIASES.from_api([alias]) if alias else None,
                "records": [str(r.get("Value")) for r in record.get("ResourceRecords") or []]
                or None,
                "ttl": float(record["TTL"]) if record.get("TTL") is not None else None,
                "fqdn": name,
            }
        return None

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        await self._change(ctx, "UPSERT", news)
        live = await self.fetch(ctx, resource_id, news)
        if live is None:
            raise AwsError("ChangeResourceRecordSets", "NotFound", f"{resource_id} not found")
        return live

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        live = await self.fetch(ctx, resource_id, state)
        if live is None:
            return
        # Route 53 deletes a record set only when given exactly what it holds.
        await self._change(ctx, "DELETE", live)
