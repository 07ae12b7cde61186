"""``warlog geocode "TEXT"``: show the candidates for a place phrase, the chosen one and why."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from warlog.cli_utils import cli_settings, json_option

__all__ = ["geocode_command"]

SHOWN_CANDIDATES = 10


@click.command("geocode")
@click.argument("text")
@click.option(
    "--context",
    "context",
    default="",
    metavar="FILE_OR_TEXT",
    help="The article's text, or a file holding it, to choose between places of the same name.",
)
@json_option
def geocode_command(text: str, context: str, as_json: bool) -> None:
    """Geocode one place phrase offline: the candidates, the one chosen and why.

    Example:

        warlog geocode "eastern Homs countryside" --context "Syrian army units ..."
    """
    from warlog.geocode._geocoder import Geocoder

    if context and len(context) < 4096 and Path(context).is_file():
        context = Path(context).read_text(encoding="utf-8")
    result = Geocoder(cli_settings()).lookup(text, context)
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
    chosen_id = result.chosen.gazetteer_id if result.chosen is not None else None
    for c in result.candidates[:SHOWN_CANDIDATES]:
        mark = "*" if c.gazetteer_id == chosen_id else " "
        click.echo(
            f"{mark} {c.score:5.2f}  {c.name} ({c.country}, {c.admin1}) {c.lat:.4f},{c.lon:.4f} "
            f"{c.kind} pop={c.population} [{c.match}]"
        )
    place = result.place
    if place is None:
        raise click.ClickException(f"no place for {text!r}: {result.why}")
    click.echo(
        f"-> {place.location}, {place.admin1}, {place.country} ({place.latitude}, {place.longitude}) "
        f"precision {place.geo_precision}, radius {place.radius_km} km"
    )
    click.echo(f"   why: {place.why}")
