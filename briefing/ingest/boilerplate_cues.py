"""Multilingual cues of publisher boilerplate (en, fr, de, es, with it/pt where cheap).

Each entry is a lower-case regular expression fragment, matched against lower-cased text;
boilerplate.py compiles and weighs them. Cues
are phrasings a publisher uses to address its readers about the site itself (support us,
subscribe, read also, follow us, cookies), never names of publishers.
"""

from __future__ import annotations

# A whole line is boilerplate when it is short and says one of these: they describe the page,
# the site or the reader's next click, not the news.
SERIES = [
    r"\bthis (?:post|article|story|piece) is (?:part|one) of\b",
    r"\bpart of our (?:special |ongoing |continuing )?(?:coverage|series|dossier)\b",
    r"\b(?:keep|continue) following\b.{0,60}\b(?:our|on)\b.{0,30}\bcoverage\b",
    r"\b(?:ce|cet|cette) (?:billet|article|post|reportage|chronique) fait partie "
    r"(?:de notre|de nos|du dossier|des dossiers|d['’]un dossier|d['’]une série|de la série|de la couverture)",
    r"\bcontinuez à suivre\b.{0,60}\b(?:sur|dans) notre\b",
    r"\bdans notre dossier (?:spécial|central)\b",
    r"\bdieser (?:artikel|beitrag) ist teil (?:unserer|unseres|der serie|einer serie)\b",
    r"\beste (?:artículo|post|reportaje) (?:es parte|forma parte) (?:de nuestr[oa]|de la serie|de una serie|de un especial)\b",
    r"\bquesto (?:articolo|post) fa parte (?:della nostra|del nostro|di una serie|della serie)\b",
    r"\beste (?:artigo|post) faz parte (?:da nossa|do nosso|de uma série|da série)\b",
]

READ_MORE_LEAD = [
    r"read (?:more|also|next|further)", r"see also", r"related(?: articles?| stories| coverage| content| reading)?",
    r"more on (?:this|that)(?: story| topic)?", r"recommended(?: reading| for you)?", r"most read", r"don'?t miss",
    r"lire (?:aussi|également|egalement|la suite)", r"à lire(?: aussi| également| egalement)?", r"a lire(?: aussi)?",
    r"voir aussi", r"sur le même sujet", r"les plus lus", r"à voir aussi", r"notre sélection",
    r"lesen sie (?:auch|mehr|hier)", r"mehr zum thema", r"auch interessant", r"weiterlesen", r"das könnte sie auch interessieren",
    r"lee (?:también|más)", r"leer más", r"ver también", r"te puede interesar", r"más información", r"lo más leído",
    r"leggi anche", r"leia (?:também|mais)", r"saiba mais",
]

# Every subscription cue speaks to the reader (imperative, "our", "your"): "thousands sign up
# for the army" or "el Boletín Oficial del Estado" are news.
SUBSCRIBE = [
    r"^\W*(?:subscribe|sign up)\b", r"\bsubscribe (?:now|today|here)\b", r"\bsign up (?:now|here|today)\b",
    r"\b(?:subscribe|sign up) (?:to|for) our\b", r"\bin your inbox\b", r"\bour (?:free |daily |weekly )?newsletters?\b",
    r"\babonnez-vous\b", r"\binscrivez-vous\b", r"\b(?:notre|votre) (?:newsletter|lettre d['’]information|infolettre)\b",
    r"\brecevez (?:notre|nos|chaque)\b", r"\bdans votre boîte (?:mail|e-mail|de réception)\b",
    r"\babonnieren sie\b", r"\bjetzt abonnieren\b", r"\bunser(?:en)? newsletter\b", r"\bnewsletter abonnieren\b",
    r"\bsuscr[ií]b(?:ete|ase)\b", r"\bnuestro (?:boletín|newsletter)\b", r"\ben tu (?:correo|bandeja)\b",
    r"\biscriviti\b", r"\bassine (?:já|a nossa)\b",
]

APPEAL = [
    r"\bdonate (?:now|today|here|to us|to support)\b", r"\bplease (?:donate|give|consider supporting|support us)\b",
    r"\bmake a (?:one-off |monthly |recurring )?(?:donation|contribution|gift)\b",
    r"\bsupport (?:us|our (?:work|journalism|reporting|newsroom|mission)|independent (?:journalism|media|reporting))\b",
    r"\bbecome a (?:supporter|patron|subscriber|donor)\b", r"\bbecome a (?:paying )?member (?:today|now)\b",
    r"\bthank you for (?:your support|reading|supporting)\b", r"\bchip in (?:now|today|\$)",
    r"\bfaites un don\b", r"\bsoutenez-nous\b", r"\bsoutenez (?:notre|le|un) (?:journalisme|travail|média|rédaction)\b",
    r"\bdevenez (?:membre|abonné|abonnée|donateur|donatrice)\b", r"\ben nous soutenant\b",
    r"\bmerci (?:de|pour) (?:votre soutien|nous lire)\b", r"\bmerci d['’]être à nos côtés\b",
    r"\bspenden sie\b", r"\bunterstützen sie (?:uns|unsere|unabhängigen)\b",
    r"\bwerden sie (?:mitglied|unterstützer|unterstützerin|abonnent)\b",
    r"\bhaz una (?:donación|aportación)\b", r"\bdona (?:ahora|hoy)\b", r"\bap[óo]yanos\b",
    r"\bapoya (?:nuestro|el) (?:periodismo|trabajo)\b", r"\bhazte (?:socio|socia|miembro|suscriptor)\b",
    r"\bsostienici\b", r"\bapoie (?:o|nosso)\b",
]

# Cookie and privacy notices, said by the site: "Meta changed its privacy policy" is news.
COOKIE = [
    r"\b(?:we|this (?:site|website)) uses? cookies\b", r"\baccept all cookies\b", r"^\W*accept(?: all)?(?: cookies)?\W*$",
    r"\bcookie (?:settings|preferences)\b", r"\bmanage cookies\b", r"\bour (?:privacy|cookie) policy\b",
    r"\b(?:nous utilisons|ce site utilise) (?:des )?cookies\b", r"\baccepter (?:tous les )?cookies\b", r"^\W*tout accepter\W*$",
    r"\bnotre politique (?:de confidentialité|relative aux cookies|de cookies)\b",
    r"\bwir verwenden cookies\b", r"\bdiese (?:website|seite) (?:verwendet|nutzt) cookies\b", r"\bunsere datenschutzerklärung\b",
    r"\b(?:utilizamos|usamos) cookies\b", r"\bnuestra política de (?:privacidad|cookies)\b", r"\baceptar todas las cookies\b",
]

SHARE_FOLLOW = [
    r"\bshare (?:this|on) (?:article|story|post|page|facebook|twitter|x|whatsapp|linkedin)\b", r"\bfollow us\b",
    r"\blike us on facebook\b", r"\bjoin us on (?:facebook|twitter|x|instagram|telegram|whatsapp|linkedin|youtube|tiktok)\b",
    r"\bsuivez-nous\b", r"\bpartagez cet(?:te)? (?:article|page|vidéo)\b", r"\bpartager cet(?:te)? (?:article|page)\b",
    r"\bpartager sur (?:facebook|twitter|x|whatsapp|linkedin)\b", r"\brejoignez-nous sur\b", r"\bretrouvez-nous sur\b",
    r"\bfolgen sie uns\b", r"\b(?:teilen sie diesen artikel|artikel teilen)\b", r"\bs[ií]guenos\b",
    r"\bcomparte (?:esta noticia|este artículo)\b", r"\bseguici\b", r"\bsiga-nos\b",
]

PLAYER_AD = [
    r"\bplay in new window\b", r"^\W*download\W*$", r"^\W*podcast\s*:", r"\blisten to (?:this|the) (?:article|story|episode)\b",
    r"\bécouter (?:cet|l'|l’)article\b",
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|publicité|contenu sponsorisé|anzeige|werbung|publicidad|pubblicità)\W*$",
    r"\bclick here (?:to|for)\b", r"\bcliquez ici pour\b", r"\bklicken sie hier\b", r"\bhaga clic aquí\b", r"\bhaz clic aquí\b",
    r"\byour browser does not support\b", r"\bvotre navigateur ne (?:prend|supporte)\b",
    r"^\W*(?:loading|chargement)\W*$", r"\benable javascript\b",
]

RIGHTS = [
    r"\ball rights reserved\b", r"\btous droits réservés\b", r"\balle rechte vorbehalten\b",
    r"\btodos los derechos reservados\b", r"\btutti i diritti riservati\b", r"\btodos os direitos reservados\b",
    r"^\W*©\s*(?:\d{4}|\w)", r"^\W*(?:copyright|\(c\))\s*(?:©\s*)?\d{4}", r"\breproduction (?:interdite|strictement interdite)\b",
]

# Tokens that, alone on a line, are a share or navigation bar ("Share | Tweet | Email").
NAV_TOKENS = (
    "share partager partagez teilen compartir condividi compartilhar tweet twitter facebook whatsapp linkedin "
    "telegram reddit email e-mail mail print imprimer drucken imprimir stampa copy link copier lien kopieren "
    "comment comments commentaires kommentare comentarios save enregistrer speichern guardar x bluesky threads "
    "flipboard pinterest messenger sms home accueil menu search rechercher suche buscar"
).split()

# Lines that open a block of publisher talk at the end of an article.
APPEAL_HEADER = [
    r"^(?:an? |une? |ein(?:e)? )?(?:message|note|word|letter|mot|lettre|nachricht|mensaje|nota) (?:from|de|du|des|de la|von|der|vom) .{1,50}$",
    r"^(?:dear|chers?|chères?|liebe|queridos?|queridas?|estimad[oa]s?|cari|care|caros?) (?:reader|readers|lecteurs?|lectrices?|leserinnen|leser|lectores|lectoras|lettori|lettrici|leitores|amis|friends)\b.{0,40}$",
    r"^(?:before you go|avant de partir|bevor sie gehen|antes de irte|antes de que te vayas|prima di andare)\b.{0,40}$",
    r"^(?:support|soutenez|unterstützen sie|apoya|sostieni|apoie) .{0,50}$",
    r"^(?:why|pourquoi|warum|por qué) (?:we|nous|wir|te) .{0,60}\?$",
]

# Words that tell a publisher talks about its own business; they count only together with
# an address to the reader (a news story reports donations without addressing anyone).
WEAK = [
    r"\bdonat(?:e|es|ed|ing|ion|ions)\b", r"\bcontribut(?:e|ion|ions)\b", r"\bsubscri(?:be|ption|ptions|ber|bers)\b",
    r"\bnewsletters?\b", r"\bmembership\b", r"\bpaywall\b", r"\bjournalism\b", r"\bnewsroom\b",
    r"\bdons?\b", r"\bfaire un don\b", r"\babonn(?:ement|ements|é|ée|és|ées|er)\b", r"\bjournalisme\b", r"\brédaction\b",
    r"\bsoutien\b", r"\bsoutenir\b", r"\bsouten(?:ez|ant)\b",
    r"\bspende(?:n|r)?\b", r"\babonnement\b", r"\bjournalismus\b", r"\bredaktion\b", r"\bunterstützung\b",
    r"\bdona(?:r|ción|ciones)\b", r"\bsuscripci[óo]n\b", r"\bboletín\b", r"\bperiodismo\b", r"\bredacción\b", r"\bapoyo\b",
    r"\bpatreon\b", r"\bpaypal\b", r"\bcrowdfunding\b",
    # pleas that a quoted protester may also utter: evidence, not proof
    r"\bhelp us\b", r"\bwe need your (?:help|support)\b",
    r"\b(?:your|every) (?:support|contribution|donation)\b",
    r"\b(?:votre|chaque) (?:soutien|aide|contribution|don)\b", r"\baidez-nous\b",
    r"\bnous avons besoin de (?:votre|vous)\b", r"\bihre (?:unterstützung|spende)\b", r"\bhelfen sie uns\b",
    r"\bwir brauchen ihre\b", r"\b(?:tu|su) (?:apoyo|aportación|donación)\b", r"\bay[úu]danos\b",
    r"\bnecesitamos (?:tu|su) (?:ayuda|apoyo)\b",
]

CURRENCY = r"[$€£¥₽]|\b(?:usd|eur|euros?|dollars?|livres?|pounds?|rubles?|roubles?)\b"
# An amount paid again and again: "$5 a month", "2 $ mensuellement", "ab 5 € im Monat".
MONEY = r"(?:[$€£¥₽]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£¥₽]|usd|eur|euros?|dollars?|livres?|pounds?|rubles?|roubles?))"
RECURRING = (
    r"(?:monthly|a month|per month|/ ?month|every month|a year|per year|annually|mensuel(?:le|lement)?|par mois|chaque mois|"
    r"par an|monatlich|im monat|pro monat|jährlich|al mes|por mes|mensual(?:mente)?|al año|al mese|mensilmente|por mês|mensalmente)"
)
FROM_JUST = r"(?:from (?:just|only) |à partir de (?:seulement )?|dès |ab (?:nur )?|desde (?:solo |sólo )?|a partire da )"

# Words that address the reader (second person) or speak as the site (first person plural).
ADDRESS_WORDS = frozenset(
    "you your yours yourself yourselves we our ours ourselves "
    "vous votre vos nous notre nos tu toi ton ta tes "
    "wir uns unser unsere unseren unserem unserer euch euer eure dich dein deine "
    "usted ustedes vosotros nosotros nosotras nuestro nuestra nuestros nuestras tus".split()
)
# Case matters for these: "US" is a country, lower-case "ihre" is "their".
ADDRESS_EXACT = frozenset("us Ihnen Ihre Ihren Ihrem Ihrer".split())
