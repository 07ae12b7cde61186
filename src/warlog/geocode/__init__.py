"""Offline geocoding that gets war reports' places right.

``Geocoder(settings).geocode_extraction(article, extraction)`` fills every report's ``place``;
``Geocoder.lookup(text, context)`` shows the candidates and why one was chosen (CLI).
``cached_gazetteer()`` opens the bundled gazetteer once per process (the dashboard's map reads it too).
"""

from warlog.geocode._gazetteer import Gazetteer, PlaceRow, Region, cached_gazetteer, load_gazetteer
from warlog.geocode._geocoder import Geocoder
from warlog.geocode._normalise import normalise_key
from warlog.geocode._resolver import Candidate, GeocodeResult

__all__ = [
           "Candidate",
           "Gazetteer",
           "GeocodeResult",
           "Geocoder",
           "PlaceRow",
           "Region",
           "cached_gazetteer",
           "load_gazetteer",
           "normalise_key",
]
