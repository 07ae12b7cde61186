"""``warlog geocode "TEXT"``: show the candidates for a place phrase, the chosen one and why."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from warlog.geocode._geocoder import Geocoder
from warlog.settings import load_settings

__all__ = ["geocode_command"]


@click.command("geocode")
@click.argument("text")
@click.option("--context", "context", default="", help="article text, or a file holding it, to disambiguate")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
def geocode_command(text: str, context: str, as_json: bool) -> None:
    """Geocode one place phrase offline.

    Example: warlog geocode "eastern Homs countryside" --context "Syrian army..."
    """
    if context and len(context) < 4096 and Path(context).is_file():
        context = Path(context).read_text(encoding="utf-8")
    result = Geocoder(load_settings()).lookup(text, context)
    if as_json:
        payload = {
            "query": result.query,
            "why": result.why,
            "place": result.place.model_dump() if result.place else None,
            "candidates": [
                {k: v for k, v in dataclasses.asdict(c).items() if k != "notes"} for c in result.candidates
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for i, c in enumerate(result.candidates):
        mark = "*" if result.chosen is not None and c.gazetteer_id == result.chosen.gazetteer_id else " "
        click.echo(f"{mark} {c.score:5.2f}  {c.name} ({c.country}, {c.admin1}) {c.lat:.4f},{c.lon:.4f} "
                   f"{c.kind} pop={c.population} [{c.match}]" if i < 10 else "")
    place = result.place
    if place is None:
        click.echo(f"no place: {result.why}")
        raise SystemExit(1)
    click.echo(f"-> {place.location}, {place.admin1}, {place.country} ({place.latitude}, {place.longitude}) "
               f"precision {place.geo_precision}, radius {place.radius_km} km")
    click.echo(f"   why: {place.why}")
