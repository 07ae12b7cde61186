"""Round three: one short self-written sentence per trap; the map and sample helpers of the gazetteer."""

from warlog.geocode import Geocoder, cached_gazetteer
from warlog.geocode._relative import haversine_km
from warlog.models import Article, Extraction, PlaceMention, Report, Span


def _report(text: str, mentions: list[tuple[str, str | None]]) -> tuple[Article, Extraction]:
    """An article and one report whose mentions are the given names (first occurrence) and relations."""
    article = Article(id="t", text=text, content_hash="h")
    found = []
    for name, relation in mentions:
        start = text.index(name)
        span = Span(article_id="t", sentence_index=0, start=start, end=start + len(name), text=name)
        found.append(PlaceMention(name=name, span=span, relation=relation))
    report = Report(report_id="t/r1", article_id="t", event_type="Battles", sub_event_type="Armed clash",
                    place_mentions=found)
    return article, Extraction(article_id="t", reports=[report])


def _site(geocoder: Geocoder, text: str, mentions: list[tuple[str, str | None]]) -> tuple[str, float, float]:
    article, extraction = _report(text, mentions)
    place = geocoder.geocode_extraction(article, extraction).reports[0].place
    assert place is not None and place.latitude is not None and place.longitude is not None
    return place.location or "", place.latitude, place.longitude


def test_a_compass_word_the_relation_left_out_still_moves_the_point(geocoder: Geocoder) -> None:
    text = "Gunmen killed a farmer in the northern Daraa countryside in Syria on Sunday."
    _, lat, lon = _site(geocoder, text, [("Daraa", "countryside")])
    assert lat > 32.75 and haversine_km(lat, lon, 32.62, 36.10) > 15


def test_a_town_beats_the_province_named_after_its_seat(geocoder: Geocoder) -> None:
    text = "Jets struck Deir ez-Zor and a market in al-Mayadin city in Syria."
    location, lat, lon = _site(geocoder, text, [("Deir ez-Zor", None), ("al-Mayadin", "city")])
    assert haversine_km(lat, lon, 35.02, 40.45) < 10, location


def test_a_place_that_only_locates_another_is_not_the_site(geocoder: Geocoder) -> None:
    text = "A mine blew up in the eastern countryside of Salamiyah east of Hama in Syria."
    location, lat, lon = _site(geocoder, text, [("Hama", "east of"), ("Salamiyah", "countryside")])
    assert haversine_km(lat, lon, 35.01, 37.05) < haversine_km(lat, lon, 35.13, 36.75), location


def test_a_town_written_as_city_is_as_precise_as_a_bare_one(geocoder: Geocoder) -> None:
    text = "Rockets hit Idlib city, while shells fell near Aleppo in Syria."
    location, lat, lon = _site(geocoder, text, [("Idlib", "city"), ("Aleppo", None)])
    assert haversine_km(lat, lon, 35.93, 36.63) < 5, location


def test_the_airport_of_a_city_is_the_city_airport(geocoder: Geocoder) -> None:
    place = geocoder.lookup("close to the airport of Aleppo", "Missiles fell in Syria.").place
    assert place is not None and place.kind == "airport" and place.admin1 == "Aleppo"


def test_near_a_border_is_a_point_on_that_border(geocoder: Geocoder) -> None:
    place = geocoder.lookup("near the Iraqi border", "Drones struck trucks at al-Bukamal in Syria.").place
    assert place is not None and place.country == "Syria" and place.geo_precision == 2
    assert place.latitude is not None and place.longitude is not None
    assert haversine_km(place.latitude, place.longitude, 34.45, 40.92) < 20


def test_a_border_between_two_named_countries(geocoder: Geocoder) -> None:
    place = geocoder.lookup("the Syrian-Turkish border area", "Shelling hit Idlib in Syria.").place
    assert place is not None and place.country == "Syria" and place.admin1 in {"Idleb", "Aleppo", "Lattakia"}


def test_a_village_is_not_the_city_of_the_same_name(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Homs village", "Raiders hit a hamlet near Manbij in Syria.").place
    assert place is None or haversine_km(place.latitude or 0, place.longitude or 0, 34.73, 36.71) > 50


def test_a_small_namesake_far_from_every_place_named_is_left_out(geocoder: Geocoder) -> None:
    context = "Israeli jets struck Palmyra and al-Mayadin in Syria, Israel's army said."
    place = geocoder.lookup("Shibli", context).place
    assert place is None or place.country == "Syria"


def test_western_countryside_lies_well_outside_the_city(geocoder: Geocoder) -> None:
    place = geocoder.lookup("western Aleppo countryside", "Shells fell in Syria.").place
    assert place is not None and place.admin1 == "Aleppo" and place.longitude is not None
    assert 18 < haversine_km(place.latitude or 0, place.longitude, 36.20, 37.16) < 40


def test_the_map_reads_provinces_and_towns_from_the_gazetteer() -> None:
    gaz = cached_gazetteer()
    shapes = gaz.region_shapes("SY")
    assert {region.name for region, _ in shapes} >= {"Aleppo", "Idleb", "Deir ez-Zor", "Homs"}
    assert all(not shape.is_empty for _, shape in shapes)
    towns = gaz.largest_places("SY", 5)
    assert len(towns) == 5 and towns[0].population >= towns[-1].population and all(t.admin1 for t in towns)
