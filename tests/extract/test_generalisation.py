"""Generalisation: short wire-style reports of other wars, outlets and phrasings.

The dev corpus is Syria-centred; these texts (written for this suite, none copied) check that
the rules carry to Ukraine, Sudan, Yemen, Gaza and Lebanon, the Sahel, Somalia, the DRC,
Myanmar, Iraq, Nigeria and Latin America, and that the usual traps hold: aggregate claims,
revised tolls, relative dates over a month or year boundary, wounded only, "no casualties",
background paragraphs, and quiet articles full of violent words. Each case says what a
careful ACLED coder records.
"""

from __future__ import annotations

import pytest

from tests.extract.coding import ANY, Case, Expect, assert_coded, assert_spans_quote_the_text

CASES = [
    Case(
        "ukraine-glide-bombs-kharkiv",
        "2024-05-20",
        "Russian forces dropped two guided aerial bombs on Kharkiv on Sunday afternoon, killing six "
        "civilians and wounding 27 others, the regional governor said. The glide bombs struck a "
        "recreation area on the edge of the Ukrainian city, he wrote on Telegram.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Kharkiv",
                "2024-05-19",
                6,
            )
        ],
    ),
    Case(
        "ukraine-odesa-ballistic-revised-toll",
        "2024-03-16",
        "A Russian ballistic missile attack on the Ukrainian port city of Odesa on Friday killed 20 "
        "people, officials said. The death toll rose to 21 overnight after one of the injured died "
        "in hospital, the regional governor said on Saturday.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Odesa",
                "2024-03-15",
                21,
            )
        ],
    ),
    Case(
        "ukraine-shahed-sumy",
        "2024-07-02",
        "A Russian Shahed drone slammed into an apartment block in the northeastern Ukrainian city of "
        "Sumy early on Tuesday, killing two residents and wounding 11, the regional military "
        "administration said.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Sumy",
                "2024-07-02",
                2,
            )
        ],
    ),
    Case(
        "ukraine-drones-on-russian-depot-no-casualties",
        "2024-10-07",
        "Ukrainian drones attacked an oil depot in Russia's Bryansk region overnight, setting a fuel "
        "tank on fire, the regional governor said. There were no casualties, he added.",
        [Expect("Air/drone strike", "Military Forces of Ukraine", ANY, "Bryansk", "2024-10-06", 0)],
    ),
    Case(
        "ukraine-nikopol-shelling-oblast",
        "2024-08-12",
        "Russian forces shelled the town of Nikopol in Ukraine's Dnipropetrovsk oblast on Saturday, "
        "killing a 65-year-old man, the regional governor said. Grad rockets also damaged power "
        "lines and several houses.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Nikopol",
                "2024-08-10",
                1,
            )
        ],
    ),
    Case(
        "ukraine-aggregate-since-start-of-war",
        "2024-11-05",
        "A Russian missile hit a hospital in the Ukrainian city of Kryvyi Rih on Tuesday, killing four "
        "people, the mayor said. More than 11,700 civilians have been killed in Ukraine since the "
        "start of the full-scale invasion, the UN monitoring mission says.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Kryvyi Rih",
                "2024-11-05",
                4,
            )
        ],
        claims=[11700],
    ),
    Case(
        "sudan-rsf-shells-el-fasher-camp",
        "2024-08-16",
        "The paramilitary Rapid Support Forces shelled the Abu Shouk displacement camp near El Fasher "
        "in Sudan on Wednesday, killing at least 15 civilians, a local aid group said. The RSF has "
        "besieged El Fasher, the last army-held city in Darfur, since May.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                "Rapid Support Forces",
                "Civilians (Sudan)",
                "Abu Shouk",
                "2024-08-14",
                15,
            )
        ],
    ),
    Case(
        "sudan-army-airstrike-nyala-market",
        "2024-06-04",
        "A Sudanese army airstrike hit a crowded market in Nyala, the capital of South Darfur state, "
        "on Monday, killing 11 people, witnesses said.",
        [
            Expect(
                "Air/drone strike", "Military Forces of Sudan", "Civilians (Sudan)", "Nyala", "2024-06-03", 11
            )
        ],
    ),
    Case(
        "sudan-clash-omdurman",
        "2024-02-19",
        "Heavy fighting broke out between the Sudanese army and the RSF in Omdurman on Sunday, "
        "residents said. At least nine soldiers were killed in the clashes, a military source said.",
        [
            Expect(
                "Armed clash",
                frozenset({"Military Forces of Sudan", "Rapid Support Forces"}),
                frozenset({"Military Forces of Sudan", "Rapid Support Forces"}),
                "Omdurman",
                "2024-02-18",
                9,
            )
        ],
    ),
    Case(
        "yemen-houthi-ballistic-missile-at-ship",
        "2024-06-12",
        "Yemen's Houthis fired two anti-ship ballistic missiles at a cargo ship in the Red Sea on "
        "Tuesday, the US military said. One of the missiles struck the vessel, causing a fire but no "
        "casualties.",
        [Expect("Shelling/artillery/missile attack", "Houthis", ANY, "Red Sea", "2024-06-11", 0)],
    ),
    Case(
        "yemen-us-uk-strikes-hodeidah",
        "2024-06-04",
        "US and British warplanes struck Houthi targets in the Yemeni port city of Hodeidah on Monday, "
        "the rebels' television channel said. The strikes hit a radar site and weapons depots, the "
        "Pentagon said, without giving casualty figures.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of the United States",
                "Houthis",
                "Hodeidah",
                "2024-06-03",
                None,
            )
        ],
    ),
    Case(
        "gaza-idf-airstrike-nuseirat",
        "2024-06-12",
        "An Israeli airstrike on a house in the Nuseirat refugee camp in central Gaza killed at least "
        "12 people on Tuesday, including five children, medics said. The Israeli military said it had "
        "struck a Hamas command centre in the area.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Israel",
                frozenset({"Civilians (Palestine)", "Hamas"}),
                "Nuseirat",
                "2024-06-11",
                12,
            )
        ],
    ),
    Case(
        "lebanon-hezbollah-rockets-motive",
        "2024-06-12",
        "Hezbollah fired dozens of rockets at northern Israel on Wednesday, killing two people in the "
        "town of Kiryat Shmona, Israeli medics said. The Lebanese group said the barrage was in "
        "response to an Israeli strike that killed one of its commanders in southern Lebanon.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                "Hezbollah",
                "Civilians (Israel)",
                "Kiryat Shmona",
                "2024-06-12",
                2,
            )
        ],
    ),
    Case(
        "gaza-hamas-clash-shejaiya",
        "2024-07-05",
        "Hamas fighters clashed with Israeli troops in the Shejaiya district of Gaza City on Thursday, "
        "the group's armed wing said. The Israeli army said three of its soldiers were killed in the "
        "fighting.",
        [Expect("Armed clash", "Hamas", "Military Forces of Israel", "Shejaiya", "2024-07-04", 3)],
    ),
    Case(
        "burkina-jnim-ambush-convoy",
        "2024-06-12",
        "Suspected JNIM militants ambushed a military convoy near Djibo in northern Burkina Faso on "
        "Sunday, killing at least 20 soldiers, security sources said. The al-Qaeda-linked group "
        "claimed the attack a day later.",
        [Expect("Armed clash", "JNIM", "Military Forces of Burkina Faso", "Djibo", "2024-06-09", 20)],
    ),
    Case(
        "niger-is-sahel-attack-post",
        "2024-03-22",
        "Fighters from the Islamic State Sahel Province killed 12 Nigerien soldiers in an attack on "
        "an army post in the Tillaberi region on Wednesday, Niger's defence ministry said.",
        [
            Expect(
                "Armed clash",
                "Islamic State Sahel Province",
                "Military Forces of Niger",
                "Tillaberi",
                "2024-03-20",
                12,
            )
        ],
    ),
    Case(
        "mali-army-drones-market",
        "2024-03-19",
        "Malian army drones struck a weekly market in the village of Amasrakad in the Gao region of "
        "Mali on Sunday, killing at least 21 civilians, local officials said.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Mali",
                "Civilians (Mali)",
                "Amasrakad",
                "2024-03-17",
                21,
            )
        ],
    ),
    Case(
        "somalia-shabaab-car-bomb-mogadishu",
        "2024-08-03",
        "A car bomb exploded outside a busy restaurant in Mogadishu on Friday evening, killing at "
        "least seven people and wounding 20, Somali police said. Al-Shabaab claimed responsibility "
        "for the blast in a statement on its radio station. Al-Shabaab has carried out more than 40 "
        "attacks in the capital this year alone.",
        [
            Expect(
                "Remote explosive/landmine/IED",
                "Al Shabaab",
                "Civilians (Somalia)",
                "Mogadishu",
                "2024-08-02",
                7,
            )
        ],
        claims=[40],
    ),
    Case(
        "nigeria-suicide-bomber-market",
        "2024-06-30",
        "A female suicide bomber blew herself up at a crowded market in the town of Konduga in "
        "Nigeria's Borno state on Saturday, killing 12 people, emergency officials said. No group "
        "has claimed the attack.",
        [
            Expect(
                "Suicide bomb",
                "Unidentified Armed Group (Nigeria)",
                "Civilians (Nigeria)",
                "Konduga",
                "2024-06-29",
                12,
            )
        ],
    ),
    Case(
        "yemen-landmine-shepherds",
        "2024-09-23",
        "Two shepherds were killed and a third was wounded when a landmine exploded near the town of "
        "Mawza in Yemen's Taiz province on Monday, a local official said.",
        [
            Expect(
                "Remote explosive/landmine/IED",
                ANY,
                "Civilians (Yemen)",
                "Mawza",
                "2024-09-23",
                2,
            )
        ],
    ),
    Case(
        "drc-m23-seize-rubaya",
        "2024-05-03",
        "M23 rebels seized the mining town of Rubaya in North Kivu province on Tuesday after heavy "
        "fighting with the Congolese army and allied militias, residents said.",
        [
            Expect(
                "Non-state actor overtakes territory",
                "M23",
                "Military Forces of the Democratic Republic of Congo",
                "Rubaya",
                "2024-04-30",
                None,
            )
        ],
    ),
    Case(
        "drc-grenade-bunia-wounded-only",
        "2024-10-07",
        "An unidentified attacker threw a grenade into a crowded bar in the town of Bunia in the "
        "Democratic Republic of Congo on Saturday night, wounding 14 people, police said.",
        [
            Expect(
                "Grenade",
                "Unidentified Armed Group (Democratic Republic of Congo)",
                "Civilians (Democratic Republic of Congo)",
                "Bunia",
                "2024-10-05",
                0,
            )
        ],
    ),
    Case(
        "myanmar-junta-airstrike-sagaing",
        "2024-05-13",
        "A Myanmar military jet bombed the village of Let Yet Kone in Sagaing region on Saturday, "
        "killing at least 17 people, including students, a local resistance group said. The junta "
        "has stepped up air strikes on areas held by its opponents since losing ground last year.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Myanmar",
                "Civilians (Myanmar)",
                "Let Yet Kone",
                "2024-05-11",
                17,
            )
        ],
    ),
    Case(
        "myanmar-resistance-attack-outpost",
        "2024-05-09",
        "Resistance forces attacked a junta outpost in Myaing township in Myanmar's Magway region on "
        "Wednesday, killing seven soldiers, a local People's Defence Force spokesman said.",
        [
            Expect(
                "Armed clash",
                "People's Defence Force",
                "Military Forces of Myanmar",
                "Myaing",
                "2024-05-08",
                7,
            )
        ],
    ),
    Case(
        "iraq-ied-convoy-anbar",
        "2024-01-16",
        "A roadside bomb struck an Iraqi army convoy near the town of Rutba in Anbar province on "
        "Monday, killing two soldiers and wounding three, security officials said. No group "
        "immediately claimed the attack.",
        [
            Expect(
                "Remote explosive/landmine/IED",
                "Unidentified Armed Group (Iraq)",
                "Military Forces of Iraq",
                "Rutba",
                "2024-01-15",
                2,
            )
        ],
    ),
    Case(
        "nigeria-bandits-abduct-students-this-year",
        "2024-03-08",
        "Gunmen abducted more than 200 pupils from a school in Kuriga, a town in Nigeria's Kaduna "
        "state, on Thursday morning, police said. Armed gangs have kidnapped hundreds of people for "
        "ransom in the northwest this year alone.",
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
    Case(
        "nigeria-iswap-storm-base",
        "2024-03-26",
        "ISWAP fighters stormed a military base in the town of Malam Fatori in Nigeria's Borno state "
        "late on Monday, killing five soldiers, military sources said.",
        [
            Expect(
                "Armed clash",
                "Islamic State West Africa Province",
                "Military Forces of Nigeria",
                "Malam Fatori",
                "2024-03-25",
                5,
            )
        ],
    ),
    Case(
        "colombia-eln-drone-base",
        "2024-09-18",
        "ELN guerrillas attacked a military base in the Colombian department of Arauca with "
        "explosives-laden drones on Tuesday, killing two soldiers, the army said.",
        [Expect("Air/drone strike", "ELN", "Military Forces of Colombia", "Arauca", "2024-09-17", 2)],
    ),
    Case(
        "mexico-gunmen-bar-celaya",
        "2024-02-19",
        "Gunmen opened fire inside a bar in the Mexican city of Celaya late on Saturday, killing six "
        "people, local authorities said.",
        [
            Expect(
                "Attack",
                "Unidentified Armed Group (Mexico)",
                "Civilians (Mexico)",
                "Celaya",
                "2024-02-17",
                6,
            )
        ],
    ),
    Case(
        "year-boundary-relative-date",
        "2024-01-01",
        "Russian drones attacked the Ukrainian city of Kharkiv on Saturday night, injuring three "
        "people, the regional governor said.",
        [
            Expect(
                "Air/drone strike",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Kharkiv",
                "2023-12-30",
                0,
            )
        ],
    ),
    Case(
        "month-boundary-and-background-paragraph",
        "2024-03-01",
        "Gunmen on motorcycles killed 14 villagers in the village of Tin-Akof in northern Burkina "
        "Faso on Wednesday, a local official said. Last month, militants killed 30 people at a "
        "mosque in a nearby district. In 2022, a similar raid on the same area left 40 dead.",
        [
            Expect(
                "Attack",
                "Unidentified Armed Group (Burkina Faso)",
                "Civilians (Burkina Faso)",
                "Tin-Akof",
                "2024-02-28",
                14,
            )
        ],
    ),
    Case(
        "riot-police-station-uganda",
        "2024-04-22",
        "Angry residents set fire to a police station in the town of Kasese in western Uganda on "
        "Sunday after a suspect died in custody, police said.",
        [Expect("Violent demonstration", "Rioters (Uganda)", ANY, "Kasese", "2024-04-21", ANY)],
    ),
    Case(
        "ukraine-place-as-object-of-the-verb",
        "2024-05-20",
        "Russian troops shelled Kherson on Sunday morning, killing two civilians and wounding five, "
        "Ukrainian officials said.",
        [
            Expect(
                "Shelling/artillery/missile attack",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Kherson",
                "2024-05-19",
                2,
            )
        ],
    ),
    # quiet articles: nothing violent to record
    Case(
        "quiet-diplomacy-black-sea",
        "2024-03-20",
        "Foreign ministers from Turkey and Ukraine met in Ankara on Tuesday to discuss safe shipping "
        "in the Black Sea and a possible prisoner exchange. Turkish officials said attacks on ports "
        "must stop and urged both sides to return to talks.",
    ),
    Case(
        "quiet-film-review",
        "2024-02-10",
        "The new war drama follows a sniper during the siege of Sarajevo, and its battle scenes, full "
        "of explosions and ambushes, are relentless. The director said he wanted audiences to feel "
        "how the shelling killed thousands in the besieged city.",
    ),
    Case(
        "quiet-court-verdict",
        "2024-04-18",
        "A court in The Hague on Thursday sentenced a former militia commander to 20 years in prison "
        "for ordering the killing of 30 villagers in Ituri province in 2003. Judges found that his "
        "fighters had burned homes and shot fleeing residents.",
    ),
    Case(
        "quiet-anniversary",
        "2024-09-02",
        "Hundreds of mourners gathered in Beslan on Sunday to mark 20 years since the school siege in "
        "which 334 people were killed, more than half of them children.",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_what_a_coder_records(case: Case) -> None:
    assert_coded(case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_span_quotes_the_text(case: Case) -> None:
    assert_spans_quote_the_text(case)
