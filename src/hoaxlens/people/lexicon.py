"""Word lists of the recognizer: what starts a capitalized run, what never is a name.

Reviewed by hand from the errors ``bench/people.py --errors`` printed; add a word here when
a place, organisation, show or headline verb is mistaken for a name, and add a case to
``tests/people/cases.json`` with it.
"""

from __future__ import annotations

# Titles before a name; royal titles are resolved by the alias table ("Prince Harry").
TITLES = frozenset(
    [
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Duke",
        "Duchess",
        "Lady",
        "Lord",
        "Sir",
        "Dame",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)
# Words that start a capitalized run without being part of a name, job titles included
# ("General Manager Rob Robert": DBpedia even lists "General Manager" as a title).
LEADING = TITLES | frozenset(
    """
A An And As At But By During Even Every For From He Her His How If In It Its Just Later
Meanwhile My No Not Now On Once One Only Our She So Some That The Their Then There These
They This Those To Two Under Until Was We What When Where While Who Why With Yet You Your
Dear Judge Coach Host Singer Actor Actress Star Legend President Senator Mayor Officer
Pastor Reverend Father Mother Uncle Aunt Grandma Grandpa Baby Little Young Old Late
General Manager Director Chief Executive Owner Founder Co-Founder Chairman Chairwoman
Spokesman Spokeswoman Spokesperson Sheriff Deputy Captain Sergeant Detective Nurse
Professor Chef Editor Producer Governor Commissioner Superintendent Principal
""".split()  # noqa: SIM905 - a word list reads better as text
)
# A name never contains these; they mark organisations, places, shows, events and dates.
NOT_NAME = frozenset(
    """
Show Week News Night Day Hospital Church Center Centre Foundation Street Road Avenue City
County House Palace Hall Awards Award Association University College School Company
Records Tour Stadium Arena Studio Studios Theater Theatre Festival Academy Network Channel
Magazine Kingdom States America American Country Music Legacy History Fortune Wheel Feud
Family Dancing Stars Times Post Journal Daily Weekly Media Group Party Club Team Island
Valley Lake River Mountain Park Square Hotel Restaurant Diner Cafe Bar Grill Airport
Department Police Court Congress Senate Church Cathedral Chapel Monday Tuesday Wednesday
Thursday Friday Saturday Sunday January February March April May June July August
September October November December Christmas Easter Thanksgiving Grammy Grammys Emmy
Oscar Oscars Instagram Facebook Twitter YouTube TikTok Google Apple Tesla Netflix Disney
Big Brother Idol Voice Got Talent Live Tonight Morning Good Today Opry Grand Ole Hollywood
Broadway Vegas Los Angeles New York London Nashville Texas California Florida Tennessee
Ohio Royal Family Chiefs Eagles Lakers Super Bowl National World War Association Breaking
Photo Credit Image Source Getty Images Advertisement Read More Related Share Comments Home
Page Menu Search Sign Subscribe Privacy Policy Terms Contact Copyright Falls St Ave Rd Pavilion
Savings Bank Republic North South East West Carolina Dakota Virginia Jersey Mexico Hampshire
Did Next Left Holding Collapsed Stopped Paid Reveals Breaks Says Shares Finally Leaves Stuns
Makes Gets Takes Gives Sends Announces Confirms Dies Passes Away After Before Heartbreaking
Emotional Tribute Fans Fan Sign Tears Update Shocking Sad Exclusive Watch Video Just Everyone
Library Imagination Fund Institute Society Trust Council Guild Entertainment Productions
Inc Ltd Corp Radio Television Medical Clinic Cottage Castle Manor Estate Gardens Hills
Beach Bay Springs Heights Francisco Diego Jose Antonio Manchester Windsor Balmoral
Buckingham Kensington Sandringham Montecito Beverly Malibu Brentwood Paris Rome Street
Oh God Me Is Do Like Born Yes Poses Donates Slams Claps Consoles Celebrates Surprises
Opens Joins Joining Cancels Cancelled Dead Wants Plans Become Becomes Dating Engaged
Pregnant Married Divorce Split Welcomes Honors Honored Thanks Responds Speaks Admits
Leave Leaves Left Moment Story Secret Quietly Secretly Dollar Million Billion Act Heart
Highness Majesty Force Cross Take Air Army Navy Marines
Alabama Alaska Arizona Arkansas Colorado Connecticut Delaware Hawaii Idaho Illinois Iowa
Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Nebraska Nevada Oklahoma Oregon Pennsylvania Utah Vermont Wisconsin Wyoming
Northern Southern Eastern Western Central Northeast Northwest Southeast Southwest
Northeastern Northwestern Southeastern Southwestern Midwest
""".split()  # noqa: SIM905 - a word list reads better as text
)
# Words of ``NOT_NAME`` that are also surnames: a public figure may end with one
# ("Kanye West", "Doris Day", "Arsenio Hall").
SURNAME_WORDS = frozenset(
    [
        "West",
        "North",
        "South",
        "East",
        "Day",
        "Hall",
        "Park",
        "Post",
        "Brown",
        "Rivers",
        "Street",
        "Bell",
        "Church",
        "Young",
        "May",
        "Grant",
        "Hill",
        "Rose",
        "King",
        "Judge",
        "Price",
        "Page",
        "Martin",
        "Lake",
        "Stars",
        "Wood",
        "Woods",
    ]
)
