"""One short sentence per trap: transliteration, ambiguity, relative places, provinces by polygon."""

from warlog.geocode import Geocoder
from warlog.geocode._relative import haversine_km


def _near(geocoder: Geocoder, text: str, context: str, lat: float, lon: float, km: float) -> None:
    place = geocoder.lookup(text, context).place
    assert place is not None and place.latitude is not None and place.longitude is not None, text
    assert haversine_km(place.latitude, place.longitude, lat, lon) <= km, place


def test_spellings_of_bukamal(geocoder: Geocoder) -> None:
    for name in ("Abu Kamal", "Albu Kamal", "Al-Bokamal", "Boukamal"):
        _near(geocoder, name, "Jets struck a town on the Syrian side of the border.", 34.45, 40.92, 5)


def test_rmelan_and_koniko(geocoder: Geocoder) -> None:
    _near(geocoder, "Rumeilan", "Drones hit a base in Syria.", 36.98, 41.94, 20)
    _near(geocoder, "Koniko gas field", "Rockets hit a field in Syria.", 35.43, 40.30, 5)


def test_tanf_is_in_homs_by_polygon(geocoder: Geocoder) -> None:
    place = geocoder.lookup("al-Tanf", "A drone flew toward the Syrian garrison.").place
    assert place is not None and place.admin1 == "Homs"


def test_tripoli_follows_the_article(geocoder: Geocoder) -> None:
    lebanon = geocoder.lookup("Tripoli", "Clashes broke out in northern Lebanon.").place
    libya = geocoder.lookup("Tripoli", "Militias fought in Libya near the capital.").place
    assert lebanon is not None and lebanon.country == "Lebanon"
    assert libya is not None and libya.country == "Libya"


def test_province_and_city(geocoder: Geocoder) -> None:
    province = geocoder.lookup("Idlib province", "Shells fell in Syria.").place
    city = geocoder.lookup("Deir ez-Zor city", "Strikes in Syria.").place
    assert province is not None and province.geo_precision == 3 and province.admin1 == "Idleb"
    assert city is not None and city.geo_precision == 1 and city.admin1 == "Deir ez-Zor"


def test_relative_descriptions(geocoder: Geocoder) -> None:
    place = geocoder.lookup("eastern Homs countryside", "An ambush in Syria.").place
    assert place is not None and place.geo_precision == 2 and place.admin1 == "Homs"
    assert place.longitude is not None and place.longitude > 36.9
    offset = geocoder.lookup("30 km east of Palmyra", "Fighting in Syria.").place
    assert offset is not None and offset.longitude is not None and 38.5 < offset.longitude < 38.7


def test_country_alone_has_no_province(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Jordan", "").place
    assert place is not None and place.geo_precision == 3 and place.admin1 is None


def test_no_wild_guess(geocoder: Geocoder) -> None:
    assert geocoder.lookup("Qwxzzyplk", "Syria").place is None
