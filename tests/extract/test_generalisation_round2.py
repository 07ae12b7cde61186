"""Generalisation, round 2: styles the first suite lacks.

Wire ledes that open on the toll, tolls revised across updates, vague tolls ("dozens",
"several": ACLED's conventional counts), monitor round-ups with several events in one
paragraph, think-tank briefings ("conducted unsuccessful assaults near X"), denials and claims
of responsibility, threats and hypotheticals, background, protests and riots, abductions,
arrests, IEDs, suicide bombings, territory changing hands, relative dates, owners of a hit
convoy or shipment, and aggregate claims. Every text was written for this suite; each case
says what a careful ACLED coder records.
"""

from __future__ import annotations

import pytest

from tests.extract.coding import ANY, Case, Expect, assert_coded, assert_spans_quote_the_text

_RU = "Military Forces of Russia"

CASES = [
    # --- wire ledes, revised and vague tolls ---------------------------------------------------
    Case(
        "wire-lede-toll-first-car-bomb",
        "2024-03-09",
        "At least 19 people were killed when a car bomb exploded near a busy market in Mogadishu on "
        "Friday, police said. Al-Shabaab claimed responsibility for the blast in a statement on its "
        "radio station.",
        [
            Expect(
                "Remote explosive/landmine/IED",
                "Al Shabaab",
                "Civilians (Somalia)",
                "Mogadishu",
                "2024-03-08",
                19,
            )
        ],
    ),
    Case(
        "toll-rose-dated-by-the-update-not-the-strike",
        "2024-06-15",
        "The death toll from a Russian missile strike on the city of Dnipro rose to 23 on Saturday, "
        "regional officials said. The missile hit a five-storey apartment building on Thursday evening.",
        [Expect("Shelling/artillery/missile attack", _RU, "Civilians (Ukraine)", "Dnipro", "2024-06-13", 23)],
    ),
    Case(
        "dozens-killed-is-acled-twelve",
        "2024-05-12",
        "Dozens of people were killed when gunmen attacked the village of Mangu in Nigeria's Plateau "
        "state on Saturday, residents said. The attackers burned houses and fled before soldiers arrived.",
        [
            Expect(
                "Attack",
                "Unidentified Armed Group (Nigeria)",
                "Civilians (Nigeria)",
                "Mangu",
                "2024-05-11",
                12,
            )
        ],
    ),
    Case(
        "several-civilians-killed-is-acled-ten",
        "2024-03-25",
        "Several civilians were killed when artillery shells landed on a market in the town of Kadugli "
        "in South Kordofan on Sunday, witnesses said.",
        [Expect("Shelling/artillery/missile attack", ANY, ANY, "Kadugli", "2024-03-24", 10)],
    ),
    Case(
        "several-wounded-no-dead-is-zero",
        "2024-04-02",
        "Several soldiers were wounded when their patrol struck a roadside bomb near Gao in northern "
        "Mali on Monday, the army said.",
        [Expect("Remote explosive/landmine/IED", ANY, "Military Forces of Mali", "Gao", "2024-04-01", 0)],
    ),
    Case(
        "toll-told-in-the-second-sentence",
        "2024-11-18",
        "Russian missiles and drones hit energy facilities across Ukraine early on Sunday. In the "
        "southern city of Mykolaiv, two people were killed and six wounded, the governor said.",
        [Expect("Air/drone strike", _RU, "Civilians (Ukraine)", "Mykolaiv", "2024-11-17", 2)],
    ),
    Case(
        "killing-six-of-them-is-the-toll",
        "2024-10-14",
        "A roadside bomb struck a convoy carrying Nigerien soldiers near the town of Tillaberi on "
        "Sunday, killing six of them, the defence ministry said.",
        [
            Expect(
                "Remote explosive/landmine/IED",
                ANY,
                "Military Forces of Niger",
                "Tillaberi",
                "2024-10-13",
                6,
            )
        ],
    ),
    # --- round-ups and briefings ---------------------------------------------------------------
    Case(
        "monitor-roundup-three-events-one-paragraph",
        "2024-07-21",
        "On Saturday, Israeli drones struck a motorcycle in the town of Bint Jbeil in southern Lebanon, "
        "killing two Hezbollah members. Israeli artillery shelled the outskirts of Khiam, and Hezbollah "
        "fired rockets at an Israeli army position near Metula.",
        [
            Expect(
                "Air/drone strike", "Military Forces of Israel", "Hezbollah", "Bint Jbeil", "2024-07-20", 2
            ),
            Expect(
                "Shelling/artillery/missile attack",
                "Military Forces of Israel",
                ANY,
                "Khiam",
                "2024-07-20",
                None,
            ),
            Expect(
                "Shelling/artillery/missile attack",
                "Hezbollah",
                "Military Forces of Israel",
                "Metula",
                "2024-07-20",
                None,
            ),
        ],
    ),
    Case(
        "think-tank-assaults-near-two-towns",
        "2024-09-14",
        "Russian forces conducted unsuccessful assaults near Pokrovsk and Toretsk on September 13. "
        "Ukrainian forces recently advanced near Vovchansk, according to geolocated footage published "
        "on September 12.",
        [
            Expect("Armed clash", _RU, ANY, "Pokrovsk", "2024-09-13", None),
            Expect("Armed clash", _RU, ANY, "Toretsk", "2024-09-13", None),
            Expect(
                "Armed clash",
                "Military Forces of Ukraine",
                ANY,
                "Vovchansk",
                ("2024-09-05", "2024-09-12"),
                None,
            ),
        ],
    ),
    # --- responsibility and denial --------------------------------------------------------------
    Case(
        "claim-of-responsibility-in-its-own-sentence",
        "2024-04-22",
        "Gunmen on motorcycles shot dead nine passengers on a bus near the town of Kalat in Pakistan's "
        "Balochistan province on Friday evening. The Balochistan Liberation Army said it carried out the "
        "attack.",
        [Expect("Attack", "Baloch Liberation Army", "Civilians (Pakistan)", "Kalat", "2024-04-19", 9)],
    ),
    Case(
        "denied-actor-is-not-the-attacker",
        "2024-08-20",
        "A drone struck a weapons depot near the Iraqi city of Karbala on Monday night, security sources "
        "said. The United States denied any involvement in the strike.",
        [
            Expect(
                "Air/drone strike",
                frozenset({"Unidentified Armed Group (Iraq)", "Unidentified Military Forces"}),
                ANY,
                "Karbala",
                "2024-08-19",
                None,
            )
        ],
    ),
    Case(
        "speaker-who-says-they-killed-is-the-actor",
        "2024-03-20",
        "Security forces said on Wednesday they had killed five militants in a clash in Balochistan's "
        "Kech district two days earlier.",
        [
            Expect(
                "Armed clash",
                "Military Forces of Pakistan",
                "Unidentified Armed Group (Pakistan)",
                "Kech",
                "2024-03-18",
                5,
            )
        ],
    ),
    # --- threats, hypotheticals, background, aggregates -----------------------------------------
    Case(
        "threats-are-not-events",
        "2024-02-05",
        "Hamas warned on Monday that it would strike Tel Aviv if the offensive on Rafah went ahead. "
        "Israel has said it will launch a ground operation in Rafah soon.",
    ),
    Case(
        "hypotheticals-are-not-events",
        "2024-10-01",
        "Analysts said a strike on Iranian oil facilities could push prices higher. Officials fear that "
        "militants may attack shipping in the Red Sea again.",
    ),
    Case(
        "conditional-threat-is-not-an-event",
        "2024-09-20",
        "If Hezbollah fires rockets at Haifa, Israel will strike Beirut, the minister said.",
    ),
    Case(
        "vow-and-expectation-are-not-events",
        "2024-08-05",
        "Iran has vowed to retaliate against Israel for the killing of the Hamas leader in Tehran. "
        "Military analysts expect a barrage of missiles and drones in the coming days.",
    ),
    Case(
        "history-sentence-is-not-an-event",
        "2024-06-12",
        "A landmine killed three children herding goats near the village of Tafas in southern Syria on "
        "Tuesday, local activists said. The area was the scene of heavy fighting between government "
        "forces and rebels in 2018.",
        [
            Expect(
                "Remote explosive/landmine/IED",
                ANY,
                "Civilians (Syria)",
                "Tafas",
                "2024-06-11",
                3,
            )
        ],
    ),
    Case(
        "aggregate-since-october-is-a-claim",
        "2024-02-12",
        "The Houthis have carried out more than 100 attacks on ships in the Red Sea since October. On "
        "Monday, a Houthi missile struck a cargo ship off the port of Hodeidah, the US military said.",
        [Expect("Shelling/artillery/missile attack", "Houthis", ANY, "Hodeidah", "2024-02-12", None)],
        claims=[100],
    ),
    Case(
        "aggregate-past-month-is-a-claim",
        "2024-10-31",
        "Israeli strikes have killed more than 2,000 people in Lebanon in the past month, the health "
        "ministry said. On Wednesday, a strike on the town of Baalbek killed 12 people.",
        [Expect("Air/drone strike", ANY, "Civilians (Lebanon)", "Baalbek", "2024-10-30", 12)],
        claims=[2000],
    ),
    # --- protests, riots, arrests, abductions ---------------------------------------------------
    Case(
        "march-through-a-city-is-a-peaceful-protest",
        "2024-06-08",
        "Thousands of people marched through central Tbilisi on Saturday to protest against a proposed "
        "foreign agents law. The rally ended peacefully.",
        [Expect("Peaceful protest", "Protesters (Georgia)", None, "Tbilisi", "2024-06-08", None)],
    ),
    Case(
        "tear-gas-is-protest-with-intervention",
        "2024-07-26",
        "Police fired tear gas at protesters in Nairobi on Thursday as demonstrators tried to reach "
        "parliament, witnesses said. No deaths were reported.",
        [
            Expect(
                "Protest with intervention",
                "Protesters (Kenya)",
                "Police Forces of Kenya",
                "Nairobi",
                "2024-07-25",
                ANY,
            )
        ],
    ),
    Case(
        "lethal-fire-on-protesters-is-excessive-force",
        "2024-07-19",
        "Security forces opened fire on protesters in Dhaka on Thursday, killing at least 25 people, "
        "hospital officials said.",
        [
            Expect(
                "Excessive force against protesters",
                ANY,
                "Protesters (Bangladesh)",
                "Dhaka",
                "2024-07-18",
                25,
            )
        ],
    ),
    Case(
        "rioters-torch-a-police-station",
        "2024-08-04",
        "Rioters set fire to a police station and looted shops in the town of Rotherham in England on "
        "Sunday, police said.",
        [Expect("Violent demonstration", "Rioters (United Kingdom)", ANY, "Rotherham", "2024-08-04", None)],
    ),
    Case(
        "lynching-is-mob-violence",
        "2024-05-14",
        "An angry mob lynched a man accused of blasphemy in the city of Sargodha in Pakistan's Punjab "
        "province on Monday, police said.",
        [
            Expect(
                "Mob violence", "Rioters (Pakistan)", "Civilians (Pakistan)", "Sargodha", "2024-05-13", ANY
            )
        ],
    ),
    Case(
        "national-police-arrest-suspects",
        "2024-01-18",
        "Turkish police arrested 15 suspected Islamic State members in raids in Istanbul on Wednesday, "
        "state media reported.",
        [Expect("Arrests", "Police Forces of Turkey", ANY, "Istanbul", "2024-01-17", None)],
    ),
    Case(
        "occupied-as-an-adjective-is-no-takeover",
        "2024-09-10",
        "Israeli forces arrested 20 Palestinians in overnight raids across the occupied West Bank city "
        "of Jenin, the army said on Tuesday.",
        [Expect("Arrests", "Military Forces of Israel", ANY, "Jenin", ("2024-09-09", "2024-09-10"), None)],
    ),
    Case(
        "school-abduction",
        "2024-03-08",
        "Gunmen abducted at least 287 pupils from a school in Kuriga, in Nigeria's Kaduna state, on "
        "Thursday, a teacher said.",
        [
            Expect(
                "Abduction/forced disappearance",
                "Unidentified Armed Group (Nigeria)",
                "Civilians (Nigeria)",
                "Kuriga",
                "2024-03-07",
                ANY,
            )
        ],
    ),
    # --- explosives -------------------------------------------------------------------------------
    Case(
        "ied-hits-army-vehicle",
        "2024-05-30",
        "Two soldiers were killed when an improvised explosive device hit their vehicle near Kidal in "
        "Mali on Tuesday, the army said.",
        [Expect("Remote explosive/landmine/IED", ANY, "Military Forces of Mali", "Kidal", "2024-05-28", 2)],
    ),
    Case(
        "suicide-bomber-at-a-court",
        "2024-09-05",
        "A suicide bomber blew himself up outside the Supreme Court in Kabul on Monday, killing six "
        "people, police said. Islamic State claimed responsibility for the attack.",
        [
            Expect(
                "Suicide bomb",
                "Islamic State (Afghanistan)",
                "Civilians (Afghanistan)",
                "Kabul",
                "2024-09-02",
                6,
            )
        ],
    ),
    Case(
        "suicide-bomber-in-a-mosque",
        "2024-01-27",
        "A suicide bomber detonated his explosive vest inside a mosque in the city of Peshawar during "
        "Friday prayers, killing 17 worshippers, police said.",
        [Expect("Suicide bomb", ANY, "Civilians (Pakistan)", "Peshawar", "2024-01-26", 17)],
    ),
    # --- territory ----------------------------------------------------------------------------------
    Case(
        "foreign-army-captures-a-town",
        "2024-10-02",
        "Russian forces captured the town of Vuhledar in Ukraine's Donetsk region, Russia's defence "
        "ministry said on Wednesday.",
        [
            Expect(
                "Non-state actor overtakes territory",
                _RU,
                ANY,
                "Vuhledar",
                ("2024-09-30", "2024-10-02"),
                None,
            )
        ],
    ),
    Case(
        "jihadists-seize-a-town-after-battle-with-soldiers",
        "2024-11-10",
        "Jihadist fighters seized the town of Djibo in northern Burkina Faso on Saturday after a "
        "two-hour gun battle with soldiers, local sources said.",
        [
            Expect(
                "Non-state actor overtakes territory",
                ANY,
                "Military Forces of Burkina Faso",
                "Djibo",
                "2024-11-09",
                None,
            )
        ],
    ),
    Case(
        "army-recaptures-a-state-capital",
        "2024-12-01",
        "The Sudanese army said on Saturday it had recaptured the town of Sinja, the capital of Sennar "
        "state, from the Rapid Support Forces.",
        [
            Expect(
                "Government regains territory", "Military Forces of Sudan", ANY, "Sinja", "2024-11-30", None
            )
        ],
    ),
    # --- relative dates -------------------------------------------------------------------------------
    Case(
        "friday-night-read-on-sunday",
        "2024-02-11",
        "Israeli air strikes on Rafah killed 31 Palestinians on Friday night, the Gaza health ministry "
        "said on Sunday.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Israel",
                "Civilians (Palestine)",
                "Rafah",
                "2024-02-09",
                31,
            )
        ],
    ),
    Case(
        "overnight-drone-attack-no-one-hurt",
        "2024-01-14",
        "Ukrainian drones attacked an airfield in Russia's Kursk region overnight, the governor said, "
        "adding that no one was hurt.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Ukraine",
                ANY,
                "Kursk",
                ("2024-01-13", "2024-01-14"),
                0,
            )
        ],
    ),
    Case(
        "early-saturday",
        "2024-04-14",
        "An Israeli strike on a car in the town of Nabatieh in southern Lebanon early Saturday killed "
        "three people, Lebanese state media said.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Israel",
                "Civilians (Lebanon)",
                "Nabatieh",
                "2024-04-13",
                3,
            )
        ],
    ),
    Case(
        "last-week-not-the-statement-day",
        "2024-05-20",
        "Al-Shabaab fighters attacked a military base in the Somali town of Ceel Dheer last week, "
        "killing 10 soldiers, the army said on Monday.",
        [
            Expect(
                "Armed clash",
                "Al Shabaab",
                "Military Forces of Somalia",
                "Ceel Dheer",
                ("2024-05-13", "2024-05-19"),
                10,
            )
        ],
    ),
    Case(
        "yesterday",
        "2024-05-08",
        "Two police officers were killed yesterday when gunmen attacked a checkpoint in the town of Dera "
        "Ismail Khan, officials said.",
        [Expect("Armed clash", ANY, "Police Forces of Pakistan", "Dera Ismail Khan", "2024-05-07", 2)],
    ),
    # --- the target's owner is actor2 ------------------------------------------------------------------
    Case(
        "weapons-shipment-owner-is-actor2",
        "2024-02-25",
        "An airstrike hit a Hezbollah weapons shipment near the Syrian town of Qusayr on Saturday, a war "
        "monitor said.",
        [
            Expect(
                "Air/drone strike", "Unidentified Military Forces", "Hezbollah", "Qusayr", "2024-02-24", None
            )
        ],
    ),
    Case(
        "ambushed-army-convoy",
        "2024-06-02",
        "Gunmen ambushed a convoy of the Congolese army near Beni in North Kivu province on Sunday, "
        "killing seven soldiers, officials said.",
        [
            Expect(
                "Armed clash",
                ANY,
                "Military Forces of Democratic Republic of Congo",
                "Beni",
                "2024-06-02",
                7,
            )
        ],
    ),
    Case(
        "strikes-on-two-cities-are-two-events",
        "2024-01-13",
        "US and British warplanes struck Houthi targets in Sanaa and Hodeidah early on Friday, the US "
        "military said. The Houthis said five of their fighters were killed.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of the United States",
                "Houthis",
                "Sanaa",
                "2024-01-12",
                None,
            ),
            Expect(
                "Air/drone strike",
                "Military Forces of the United States",
                "Houthis",
                "Hodeidah",
                "2024-01-12",
                None,
            ),
        ],
    ),
    # --- round 2b: more outlets and styles ---------------------------------------------------------
    Case(
        "bullet-roundup-events-in-two-countries",
        "2024-05-06",
        "Key developments on Sunday:\n- Russian shelling killed two civilians in the town of Kupiansk in the "
        "Kharkiv region.\n- A Ukrainian drone hit a refinery in Russia's Krasnodar region, causing a fire.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                _RU,
                "Civilians (Ukraine)",
                "Kupiansk",
                ("2024-05-05", "2024-05-06"),
                2,
            ),
            Expect(
                "Air/drone strike",
                "Military Forces of Ukraine",
                ANY,
                "Krasnodar",
                ("2024-05-05", "2024-05-06"),
                None,
            ),
        ],
    ),
    Case(
        "claim-of-a-kill-is-the-event",
        "2024-11-21",
        "Islamic State West Africa Province said on Wednesday it had killed 11 soldiers in an attack on an "
        "army base in Malam Fatori in Borno state on Monday.",
        [
            Expect(
                "Armed clash",
                "Islamic State West Africa Province",
                "Military Forces of Nigeria",
                "Malam Fatori",
                "2024-11-18",
                11,
            )
        ],
    ),
    Case(
        "missiles-at-a-ship-no-one-hurt",
        "2024-04-30",
        "Houthi forces fired two anti-ship missiles at a tanker in the Red Sea on Monday, but the ship was "
        "not damaged and no crew were hurt, the US military said.",
        [Expect("Shelling/artillery/missile attack", "Houthis", ANY, "Red Sea", "2024-04-29", 0)],
    ),
    Case(
        "sit-in-is-a-peaceful-protest",
        "2024-10-15",
        "Students staged a sit-in outside the education ministry in Khartoum on Monday, demanding the "
        "reopening of universities.",
        [Expect("Peaceful protest", "Protesters (Sudan)", None, "Khartoum", "2024-10-14", None)],
    ),
    Case(
        "warning-of-violence-is-not-an-event",
        "2024-03-01",
        "Observers warned that violence could erupt during next week's elections in the Senegalese "
        "capital Dakar.",
    ),
    Case(
        "over-the-past-week-is-a-week-not-a-day",
        "2024-09-30",
        "Over the past week, Sudanese army airstrikes hit several neighbourhoods of Khartoum, the Emergency "
        "Lawyers group said in a weekly report.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Sudan",
                ANY,
                "Khartoum",
                ("2024-09-23", "2024-09-29"),
                None,
            )
        ],
    ),
    Case(
        "dozens-of-civilians-killed-by-a-named-group",
        "2024-08-27",
        "JNIM militants killed dozens of civilians digging trenches around the town of Barsalogho in "
        "Burkina Faso on Saturday, security sources said.",
        [Expect("Attack", "JNIM", "Civilians (Burkina Faso)", "Barsalogho", "2024-08-24", 12)],
    ),
    Case(
        "road-between-two-towns-is-one-event",
        "2024-01-22",
        "Five aid workers were kidnapped by unidentified gunmen on the road between Kidal and Anefis in "
        "northern Mali on Friday, their organisation said.",
        [
            Expect(
                "Abduction/forced disappearance",
                "Unidentified Armed Group (Mali)",
                "Civilians (Mali)",
                "Kidal",
                "2024-01-19",
                ANY,
            )
        ],
    ),
    Case(
        "journalist-shot-dead-by-unknown-assailants",
        "2024-04-09",
        "A journalist was shot dead by unknown assailants outside his home in the Mexican city of Culiacan "
        "on Monday night, prosecutors said.",
        [
            Expect(
                "Attack",
                "Unidentified Armed Group (Mexico)",
                "Civilians (Mexico)",
                "Culiacan",
                ("2024-04-08", "2024-04-09"),
                1,
            )
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_what_a_coder_records(case: Case) -> None:
    assert_coded(case, mentions=2)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_span_quotes_the_text(case: Case) -> None:
    assert_spans_quote_the_text(case)
