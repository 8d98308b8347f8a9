"""The demo's fictitious associations (names invented, no real person's name) and their services."""

# (name, département, town or "" for the département's first town, member of the operator)
ASSOCIATIONS: list[tuple[str, str, str, bool]] = [
    ("Sauvegarde de l'enfance du Nord", "59", "Lille", True),
    ("Les Maisons d'enfants de Flandre", "59", "Dunkerque", True),
    ("Horizons Jeunesse Hainaut", "59", "Valenciennes", True),
    ("Association d'entraide éducative du Pas-de-Calais", "62", "Arras", True),
    ("Le Phare — accueil éducatif de la Côte d'Opale", "62", "Boulogne-sur-Mer", True),
    ("Sauvegarde de l'enfance de la Somme", "80", "", True),
    ("Enfance et Familles de l'Aisne", "02", "Saint-Quentin", True),
    ("Foyers éducatifs de l'Oise", "60", "Creil", True),
    ("Sauvegarde de l'enfance de Seine-Maritime", "76", "Rouen", True),
    ("Estuaire Enfance", "76", "Le Havre", True),
    ("Association normande pour l'enfance protégée", "14", "", True),
    ("Sauvegarde de l'enfance d'Ille-et-Vilaine", "35", "", True),
    ("Ti Bugale — maisons d'enfants du Finistère", "29", "Quimper", True),
    ("Les Ajoncs — protection de l'enfance du Morbihan", "56", "Lorient", True),
    ("Sauvegarde de l'enfance de Loire-Atlantique", "44", "Nantes", True),
    ("Entre Loire et Mer", "44", "Saint-Nazaire", True),
    ("Action éducative de l'Anjou", "49", "", True),
    ("Le Relais sarthois de l'enfance", "72", "", True),
    ("Maisons d'enfants de Touraine", "37", "", True),
    ("Sauvegarde de l'enfance du Loiret", "45", "", True),
    ("Accueil éducatif du Berry", "36", "Châteauroux", True),
    ("Les Tilleuls — enfance et adolescence du Cher", "18", "", True),
    ("Sauvegarde de l'enfance de la Gironde", "33", "Bordeaux", True),
    ("Éducation et Avenir en Gironde", "33", "Libourne", True),
    ("Association basco-béarnaise pour l'enfance", "64", "Bayonne", True),
    ("Enfance en Limousin", "87", "", True),
    ("Sauvegarde de l'enfance de la Vienne", "86", "", True),
    ("Sauvegarde de l'enfance de Haute-Garonne", "31", "Toulouse", True),
    ("Les Chemins de l'enfance toulousaine", "31", "Colomiers", True),
    ("Sauvegarde de l'enfance de l'Hérault", "34", "Montpellier", True),
    ("Garrigues Enfance", "30", "", False),
    ("Sauvegarde de l'enfance des Bouches-du-Rhône", "13", "Marseille", True),
    ("Les Calanques — maisons d'enfants à caractère social", "13", "Marseille", True),
    ("Provence Enfance Familles", "13", "Aix-en-Provence", True),
    ("Association varoise de protection de l'enfance", "83", "Toulon", True),
    ("Azur Enfance", "06", "Nice", True),
    ("Les Oliviers — foyers éducatifs des Alpes-Maritimes", "06", "Grasse", True),
    ("Vaucluse Enfance Avenir", "84", "", False),
    ("Sauvegarde de l'enfance du Rhône", "69", "Lyon", True),
    ("Entraide Jeunesse lyonnaise", "69", "Villeurbanne", True),
    ("Sauvegarde de l'enfance de la Loire", "42", "Saint-Étienne", True),
    ("Forez Enfance", "42", "Roanne", True),
    ("Dauphiné Enfance Protection", "38", "Grenoble", True),
    ("Volcans Enfance", "63", "", False),
    ("Sauvegarde de l'enfance de Côte-d'Or", "21", "", True),
    ("Franche-Comté Enfance", "25", "", True),
    ("Sauvegarde de l'enfance d'Alsace", "67", "Strasbourg", True),
    ("Maisons d'enfants du Haut-Rhin", "68", "Mulhouse", True),
    ("Moselle Jeunesse Avenir", "57", "Metz", True),
    ("Lorraine Action éducative", "54", "", True),
    ("Champagne Enfance Familles", "51", "", True),
    ("Aube Accueil Jeunesse", "10", "", False),
    ("Sauvegarde de l'enfance de Paris", "75", "", True),
    ("Association parisienne d'action éducative", "75", "", True),
    ("Les Ateliers de l'enfance — Paris Est", "75", "", True),
    ("Sauvegarde de l'enfance de Seine-Saint-Denis", "93", "Bobigny", True),
    ("Aubervilliers Solidarité Jeunesse", "93", "Aubervilliers", True),
    ("Plaine Enfance", "93", "Saint-Denis", True),
    ("Hauts-de-Seine Enfance", "92", "Nanterre", True),
    ("Val-de-Marne Action Enfance", "94", "Créteil", True),
    ("Sauvegarde de l'enfance du Val-d'Oise", "95", "", True),
    ("Essonne Accueil éducatif", "91", "", True),
    ("Yvelines Jeunesse Avenir", "78", "", True),
    ("Maisons d'enfants de Seine-et-Marne", "77", "Meaux", True),
    ("Sauvegarde de l'enfance de Guadeloupe", "971", "Pointe-à-Pitre", True),
    ("Karukera Enfance", "971", "Les Abymes", True),
    ("Madinina Jeunesse", "972", "", True),
    ("Association guyanaise de protection de l'enfance", "973", "", True),
    ("Sauvegarde de l'enfance de La Réunion", "974", "Saint-Denis", True),
    ("Ti Marmay Péi", "974", "Saint-Pierre", True),
    ("Maore Enfance", "976", "", True),
]

# Members that missed the call and wrote to the waiting list afterwards.
WAITING_LIST_ONLY = frozenset(
    {"Estuaire Enfance", "Forez Enfance", "Lorraine Action éducative", "Maore Enfance"}
)

# The associations of the two demo referents: one with JO and JP applications, one overseas
# (Saint-Denis de La Réunion, which is not the host city Saint-Denis).
REFERENT_ASSOCIATIONS = ("Sauvegarde de l'enfance du Nord", "Sauvegarde de l'enfance de La Réunion")
# referent3's association: already in the contest, so that three associations can send an entry
# in the demo (referent1's confirms its participation first, referent2's is in already).
CONTEST_REFERENT_ASSOCIATION = "Les Maisons d'enfants de Flandre"

# Establishment and service names; {of_town} (« de Lille », « du Havre ») and {name} are filled in.
ESTABLISHMENT_PATTERNS = (
    "Maison d'enfants à caractère social {name}",
    "Service d'action éducative en milieu ouvert{of_town}",
    "Foyer de l'enfance{of_town}",
    "Service de placement familial{of_town}",
    "Lieu de vie et d'accueil {name}",
    "Service d'accueil de jour{of_town}",
    "Foyer éducatif {name}",
    "Service d'investigation éducative{of_town}",
)
ESTABLISHMENT_NAMES = (
    "Les Tilleuls",
    "Les Peupliers",
    "La Roseraie",
    "Le Colombier",
    "Les Glycines",
    "L'Escale",
    "Le Cèdre",
    "Les Marronniers",
    "La Passerelle",
    "Le Moulin",
    "Les Hirondelles",
    "La Source",
)
