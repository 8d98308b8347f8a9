"""The demo operator's contact and help page: the questions associations asked about the 2024
programme (how packs work, what is funded, the supervision rule, the digital tickets, the
deadlines, the contest, lodging), answered in plain French. The contact person is fictitious, and
so is the phone number (01 99 00 … is reserved for fiction in France)."""

from billetterie.campaigns.help import help_entries_replace
from billetterie.campaigns.models import Operator

CONTACT = {
    "contact_name": "Camille Moreau, chargée de mission Jeux 2024",
    "contact_email": "billetterie@demo.billetterie.fr",
    "contact_phone": "01 99 00 24 24",
}

QUESTIONS = (
    (
        "Peut-on accepter une partie seulement d'un lot ?",
        "Non. Les billets sont proposés par lots qui ne se divisent pas : un lot s'accepte en "
        "entier ou se refuse en entier.\n\n"
        "En acceptant un lot, l'association s'engage à utiliser tous ses billets, pour des jeunes "
        "qu'elle suit ou accueille, et à être présente à l'épreuve.",
    ),
    (
        "Le transport, les repas ou l'hébergement sont-ils pris en charge ?",
        "Non. Le programme ne fournit que les billets : le voyage jusqu'au site, les repas et "
        "l'éventuel hébergement restent à la charge de l'association, qui les organise.\n\n"
        "Tenez-en compte avant d'accepter un lot loin de chez vous : les villes hôtes proches de "
        "vos établissements sont proposées en priorité chaque fois que c'est possible.",
    ),
    (
        "Combien d'encadrants faut-il pour un groupe de jeunes ?",
        "Au plus un encadrant pour trois à quatre jeunes. Ce plafond garde le plus de places "
        "possible pour les jeunes.\n\n"
        "Si la situation d'un groupe demande davantage d'adultes (un handicap, de très jeunes "
        "enfants…), demandez une dérogation depuis la page du groupe, dans « Bénéficiaires » : "
        "elle est accordée à titre exceptionnel.",
    ),
    (
        "Un jeune peut-il assister à plusieurs épreuves ?",
        "Oui, à deux épreuves au plus : un jeune reçoit au maximum deux billets. C'est utile "
        "notamment quand le groupe séjourne quelques jours en Île-de-France.",
    ),
    (
        "Pourquoi chaque responsable de groupe doit-il avoir un téléphone portable ?",
        "Parce que les billets n'existent que sur téléphone. Le responsable de chaque groupe crée "
        "un compte dans l'application officielle de billetterie des Jeux, puis y récupère les "
        "billets de son groupe grâce au lien de téléchargement que nous lui envoyons.\n\n"
        "Indiquez donc le numéro de portable de chaque responsable de groupe avec les noms des "
        "bénéficiaires.",
    ),
    (
        "Recevrons-nous des billets papier ?",
        "Non : la billetterie des Jeux est entièrement numérique et aucun billet n'est imprimé. "
        "Chaque billet est nominatif.\n\n"
        "Le QR code qui ouvre l'entrée est dynamique : il n'apparaît dans l'application que "
        "quelques heures avant l'épreuve, et une capture d'écran ne marche pas. Vérifiez que les "
        "téléphones sont chargés le jour venu.",
    ),
    (
        "Quels papiers emporter le jour de l'épreuve ?",
        "Une pièce d'identité avec photo pour chaque personne du groupe, jeunes compris : les "
        "billets étant nominatifs, l'identité peut être contrôlée à l'entrée du site.",
    ),
    (
        "Jusqu'à quand donner les noms des bénéficiaires ?",
        "Jusqu'au 26 avril 2024 pour les Jeux Olympiques et jusqu'au 24 mai 2024 pour les Jeux "
        "Paralympiques. Le référent de l'association les saisit dans « Bénéficiaires », "
        "ou les importe depuis le tableau à télécharger sur la même page, puis envoie la "
        "liste.\n\n"
        "Ensuite, un changement reste possible (un jeune malade, par exemple) : demandez une "
        "réattribution du billet depuis la page « Bénéficiaires » ; nous faisons la modification.",
    ),
    (
        "Combien de temps avons-nous pour répondre à une proposition de lot ?",
        "Une semaine à compter de la réception de la proposition. La date et l'heure limites "
        "sont indiquées sur la page « Propositions de lots » et dans l'e-mail.\n\n"
        "Sans réponse à cette échéance, le lot vous est retiré et pourra aller à une autre "
        "association lors d'une prochaine vague : la demande est forte, et un billet non utilisé "
        "prive un autre jeune.",
    ),
    (
        "Nous ne pourrons finalement pas utiliser un lot accepté : que faire ?",
        "Rendez-le au plus vite depuis la page « Propositions de lots » : il retourne dans notre "
        "vivier et pourra aller à une autre association lors d'une prochaine vague. Plus tôt il "
        "est rendu, plus il a de chances de servir.\n\n"
        "Les noms déjà donnés pour ce lot sont alors retirés.",
    ),
    (
        "Comment participer au jeu-concours « La parole aux petits champions » ?",
        "Chaque association peut envoyer un enregistrement audio d'une minute au plus : un "
        "souvenir lié au sport raconté par des jeunes, qui commence par « Je me souviens "
        "de… ». Confirmez votre participation avant le 1er avril 2024 et envoyez l'audio avant "
        "le 9 avril 2024.\n\n"
        "Le jury délibère le 17 avril : les associations lauréates reçoivent des places pour des "
        "demi-finales et des finales.",
    ),
    (
        "Notre association est loin de Paris : un hébergement est-il possible ?",
        "Les billets sont fournis seuls. Toutefois, nous recensons les besoins des associations "
        "situées à plus de 2 h 30 de Paris (nombre de jeunes et d'adultes, dates) et cherchons "
        "avec des associations d'Île-de-France des possibilités d'accueil.\n\n"
        "Si vous êtes concernés, écrivez-nous au plus tôt à l'adresse indiquée en bas de la page.",
    ),
)


def help_seed(*, operator: Operator) -> int:
    """Inside the caller's transaction: the demo operator's contact and help page; returns the
    number of questions."""
    Operator.objects.filter(pk=operator.pk).update(**CONTACT)
    return len(help_entries_replace(operator=operator, entries=list(QUESTIONS)))
