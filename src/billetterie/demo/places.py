"""French départements and towns used to place the demo's associations, with their coordinates."""

import math

# code: (name, [(town, postal code, latitude, longitude), ...]); coordinates are approximate
# town centres, good enough to rank host cities by distance.
DEPARTEMENTS: dict[str, tuple[str, list[tuple[str, str, float, float]]]] = {
    "02": ("Aisne", [("Laon", "02000", 49.56, 3.62), ("Saint-Quentin", "02100", 49.85, 3.29)]),
    "06": (
        "Alpes-Maritimes",
        [
            ("Nice", "06000", 43.70, 7.27),
            ("Cannes", "06400", 43.55, 7.01),
            ("Grasse", "06130", 43.66, 6.92),
        ],
    ),
    "10": ("Aube", [("Troyes", "10000", 48.30, 4.08), ("Romilly-sur-Seine", "10100", 48.52, 3.73)]),
    "13": (
        "Bouches-du-Rhône",
        [
            ("Marseille", "13003", 43.31, 5.38),
            ("Aix-en-Provence", "13100", 43.53, 5.45),
            ("Arles", "13200", 43.68, 4.63),
            ("Martigues", "13500", 43.40, 5.05),
        ],
    ),
    "14": ("Calvados", [("Caen", "14000", 49.18, -0.37), ("Lisieux", "14100", 49.15, 0.23)]),
    "18": ("Cher", [("Bourges", "18000", 47.08, 2.40), ("Vierzon", "18100", 47.22, 2.07)]),
    "21": ("Côte-d'Or", [("Dijon", "21000", 47.32, 5.04), ("Beaune", "21200", 47.02, 4.84)]),
    "25": ("Doubs", [("Besançon", "25000", 47.24, 6.02), ("Montbéliard", "25200", 47.51, 6.80)]),
    "29": ("Finistère", [("Brest", "29200", 48.39, -4.49), ("Quimper", "29000", 48.00, -4.10)]),
    "30": ("Gard", [("Nîmes", "30000", 43.84, 4.36), ("Alès", "30100", 44.13, 4.08)]),
    "31": (
        "Haute-Garonne",
        [
            ("Toulouse", "31000", 43.60, 1.44),
            ("Colomiers", "31770", 43.61, 1.33),
            ("Muret", "31600", 43.46, 1.33),
        ],
    ),
    "33": (
        "Gironde",
        [
            ("Bordeaux", "33000", 44.84, -0.58),
            ("Mérignac", "33700", 44.84, -0.65),
            ("Libourne", "33500", 44.92, -0.24),
        ],
    ),
    "34": (
        "Hérault",
        [
            ("Montpellier", "34000", 43.61, 3.88),
            ("Béziers", "34500", 43.34, 3.22),
            ("Sète", "34200", 43.40, 3.70),
        ],
    ),
    "35": (
        "Ille-et-Vilaine",
        [("Rennes", "35000", 48.11, -1.68), ("Saint-Malo", "35400", 48.65, -2.01)],
    ),
    "36": ("Indre", [("Châteauroux", "36000", 46.81, 1.69), ("Issoudun", "36100", 46.95, 1.99)]),
    "37": (
        "Indre-et-Loire",
        [("Tours", "37000", 47.39, 0.69), ("Joué-lès-Tours", "37300", 47.35, 0.66)],
    ),
    "38": ("Isère", [("Grenoble", "38000", 45.19, 5.72), ("Vienne", "38200", 45.53, 4.87)]),
    "42": ("Loire", [("Saint-Étienne", "42000", 45.44, 4.39), ("Roanne", "42300", 46.04, 4.07)]),
    "44": (
        "Loire-Atlantique",
        [
            ("Nantes", "44000", 47.22, -1.55),
            ("Saint-Nazaire", "44600", 47.27, -2.21),
            ("Rezé", "44400", 47.19, -1.55),
        ],
    ),
    "45": ("Loiret", [("Orléans", "45000", 47.90, 1.91), ("Montargis", "45200", 48.00, 2.73)]),
    "49": (
        "Maine-et-Loire",
        [("Angers", "49000", 47.47, -0.55), ("Cholet", "49300", 47.06, -0.88)],
    ),
    "51": (
        "Marne",
        [("Reims", "51100", 49.26, 4.03), ("Châlons-en-Champagne", "51000", 48.96, 4.36)],
    ),
    "54": (
        "Meurthe-et-Moselle",
        [("Nancy", "54000", 48.69, 6.18), ("Lunéville", "54300", 48.59, 6.50)],
    ),
    "56": ("Morbihan", [("Vannes", "56000", 47.66, -2.76), ("Lorient", "56100", 47.75, -3.37)]),
    "57": (
        "Moselle",
        [
            ("Metz", "57000", 49.12, 6.18),
            ("Thionville", "57100", 49.36, 6.17),
            ("Forbach", "57600", 49.19, 6.90),
        ],
    ),
    "59": (
        "Nord",
        [
            ("Lille", "59000", 50.63, 3.06),
            ("Roubaix", "59100", 50.69, 3.18),
            ("Valenciennes", "59300", 50.36, 3.52),
            ("Dunkerque", "59140", 51.03, 2.38),
            ("Douai", "59500", 50.37, 3.08),
        ],
    ),
    "60": (
        "Oise",
        [
            ("Beauvais", "60000", 49.43, 2.08),
            ("Compiègne", "60200", 49.42, 2.83),
            ("Creil", "60100", 49.26, 2.47),
        ],
    ),
    "62": (
        "Pas-de-Calais",
        [
            ("Arras", "62000", 50.29, 2.78),
            ("Lens", "62300", 50.43, 2.83),
            ("Boulogne-sur-Mer", "62200", 50.73, 1.61),
            ("Calais", "62100", 50.95, 1.86),
        ],
    ),
    "63": (
        "Puy-de-Dôme",
        [("Clermont-Ferrand", "63000", 45.78, 3.08), ("Riom", "63200", 45.89, 3.11)],
    ),
    "64": (
        "Pyrénées-Atlantiques",
        [("Pau", "64000", 43.30, -0.37), ("Bayonne", "64100", 43.49, -1.47)],
    ),
    "67": ("Bas-Rhin", [("Strasbourg", "67000", 48.58, 7.75), ("Haguenau", "67500", 48.82, 7.79)]),
    "68": ("Haut-Rhin", [("Mulhouse", "68100", 47.75, 7.34), ("Colmar", "68000", 48.08, 7.36)]),
    "69": (
        "Rhône",
        [
            ("Lyon", "69003", 45.76, 4.85),
            ("Villeurbanne", "69100", 45.77, 4.88),
            ("Vénissieux", "69200", 45.70, 4.89),
        ],
    ),
    "72": ("Sarthe", [("Le Mans", "72000", 48.00, 0.20), ("La Flèche", "72200", 47.70, -0.08)]),
    "75": (
        "Paris",
        [
            ("Paris", "75011", 48.86, 2.38),
            ("Paris", "75013", 48.83, 2.36),
            ("Paris", "75018", 48.89, 2.35),
            ("Paris", "75020", 48.86, 2.40),
        ],
    ),
    "76": (
        "Seine-Maritime",
        [
            ("Rouen", "76000", 49.44, 1.10),
            ("Le Havre", "76600", 49.49, 0.11),
            ("Dieppe", "76200", 49.92, 1.08),
        ],
    ),
    "77": (
        "Seine-et-Marne",
        [
            ("Meaux", "77100", 48.96, 2.88),
            ("Melun", "77000", 48.54, 2.66),
            ("Chelles", "77500", 48.88, 2.59),
        ],
    ),
    "78": (
        "Yvelines",
        [
            ("Versailles", "78000", 48.80, 2.13),
            ("Mantes-la-Jolie", "78200", 48.99, 1.72),
            ("Trappes", "78190", 48.78, 2.00),
        ],
    ),
    "80": ("Somme", [("Amiens", "80000", 49.89, 2.30), ("Abbeville", "80100", 50.11, 1.83)]),
    "83": (
        "Var",
        [
            ("Toulon", "83000", 43.12, 5.93),
            ("Draguignan", "83300", 43.54, 6.46),
            ("Hyères", "83400", 43.12, 6.13),
        ],
    ),
    "84": ("Vaucluse", [("Avignon", "84000", 43.95, 4.81), ("Carpentras", "84200", 44.06, 5.05)]),
    "86": ("Vienne", [("Poitiers", "86000", 46.58, 0.34), ("Châtellerault", "86100", 46.82, 0.55)]),
    "87": (
        "Haute-Vienne",
        [("Limoges", "87000", 45.83, 1.26), ("Saint-Junien", "87200", 45.89, 0.90)],
    ),
    "91": (
        "Essonne",
        [
            ("Évry-Courcouronnes", "91000", 48.63, 2.44),
            ("Massy", "91300", 48.73, 2.27),
            ("Corbeil-Essonnes", "91100", 48.61, 2.48),
        ],
    ),
    "92": (
        "Hauts-de-Seine",
        [
            ("Nanterre", "92000", 48.89, 2.21),
            ("Gennevilliers", "92230", 48.93, 2.29),
            ("Boulogne-Billancourt", "92100", 48.84, 2.24),
        ],
    ),
    "93": (
        "Seine-Saint-Denis",
        [
            ("Bobigny", "93000", 48.91, 2.44),
            ("Montreuil", "93100", 48.86, 2.44),
            ("Aubervilliers", "93300", 48.91, 2.38),
            ("Saint-Denis", "93200", 48.94, 2.36),
        ],
    ),
    "94": (
        "Val-de-Marne",
        [
            ("Créteil", "94000", 48.79, 2.46),
            ("Vitry-sur-Seine", "94400", 48.79, 2.39),
            ("Champigny-sur-Marne", "94500", 48.82, 2.52),
        ],
    ),
    "95": (
        "Val-d'Oise",
        [
            ("Cergy", "95000", 49.04, 2.07),
            ("Argenteuil", "95100", 48.95, 2.25),
            ("Sarcelles", "95200", 49.00, 2.38),
        ],
    ),
    "971": (
        "Guadeloupe",
        [
            ("Pointe-à-Pitre", "97110", 16.24, -61.53),
            ("Les Abymes", "97139", 16.27, -61.50),
            ("Basse-Terre", "97100", 16.00, -61.73),
        ],
    ),
    "972": (
        "Martinique",
        [("Fort-de-France", "97200", 14.60, -61.07), ("Le Lamentin", "97232", 14.61, -61.00)],
    ),
    "973": ("Guyane", [("Cayenne", "97300", 4.93, -52.33), ("Kourou", "97310", 5.16, -52.65)]),
    "974": (
        "La Réunion",
        [
            ("Saint-Denis", "97400", -20.88, 55.45),
            ("Saint-Pierre", "97410", -21.34, 55.48),
            ("Le Port", "97420", -20.94, 55.29),
            ("Saint-Paul", "97460", -21.01, 55.27),
        ],
    ),
    "976": (
        "Mayotte",
        [("Mamoudzou", "97600", -12.78, 45.23), ("Koungou", "97690", -12.73, 45.20)],
    ),
}

ILE_DE_FRANCE = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})
OVERSEAS = frozenset({"971", "972", "973", "974", "976"})

# Host cities of Paris 2024 and their département (Teahupo'o: French Polynesia, 987).
HOST_CITY_DEPARTEMENTS: dict[str, str] = {
    "Paris": "75",
    "Saint-Denis": "93",
    "Le Bourget": "93",
    "Villepinte": "93",
    "Clichy-sous-Bois": "93",
    "La Courneuve": "93",
    "Nanterre": "92",
    "Colombes": "92",
    "Vaires-sur-Marne": "77",
    "Versailles": "78",
    "Saint-Quentin-en-Yvelines": "78",
    "Élancourt": "78",
    "Lille": "59",
    "Marseille": "13",
    "Nice": "06",
    "Lyon": "69",
    "Saint-Étienne": "42",
    "Bordeaux": "33",
    "Nantes": "44",
    "Châteauroux": "36",
    "Teahupo'o (Tahiti)": "987",
}

PARIS = (48.8566, 2.3522)


def distance_km(*, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def is_far_from_paris(*, departement: str, point: tuple[float, float]) -> bool:
    """More than about 2h30 from Paris: overseas, or beyond ~250 km as the crow flies."""
    return departement in OVERSEAS or distance_km(a=point, b=PARIS) > 250
