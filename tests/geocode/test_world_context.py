"""Context beyond Syria: territories and demonyms place an article; sites named after towns sit near them."""

from warlog.geocode import Geocoder


def test_a_territory_name_puts_the_article_in_its_country(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Khan Younis", "Shelling went on across Gaza overnight.").place
    assert place is not None and place.country == "Palestinian Territory"
    # Gaza the city stays a city, and Mozambique's Gaza province is still found in a Mozambican story.
    city = geocoder.lookup("Gaza", "Jets struck Gaza overnight, Israeli officials said.").place
    assert city is not None and city.geo_precision == 1 and city.admin1 == "Gaza Strip"
    province = geocoder.lookup("Gaza", "Floods hit southern Mozambique.").place
    assert province is not None and province.country == "Mozambique"


def test_a_demonym_is_enough_context(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Goma", "Congolese troops fought rebels around the city.").place
    assert place is not None and place.country == "Democratic Republic of the Congo"


def test_a_site_named_after_a_town_is_near_it(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Kafr Zita checkpoint", "Shells fell on army posts in Syria.").place
    assert place is not None and place.location == "Kafr Zita" and place.geo_precision == 2
    assert "named after" in (place.why or "")
    camp = geocoder.lookup("Jabalia refugee camp", "Strikes hit northern Gaza.").place
    assert camp is not None and camp.admin1 == "Gaza Strip" and camp.geo_precision == 2


def test_owners_and_acronyms_are_not_towns(geocoder: Geocoder) -> None:
    for phrase in ("US base", "Russian base", "HTS prison"):
        assert geocoder.lookup(phrase, "A drone hit a site in Syria.").place is None, phrase


def test_provinces_known_only_by_their_places_names(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Nyala", "Paramilitary shelling hit the city in Sudan's Darfur region.").place
    assert place is not None and place.admin1 == "South Darfur"
