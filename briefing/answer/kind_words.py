"""The words the kind checks read: what each kind of question is asked with, numbers and dates
written out, and the events a question turns on, in the languages asked in."""

from __future__ import annotations

CUES = {
    "number": ("how many", "how much", "how old", "how long", "how far", "combien de temps", "quelle distance",
               "wie lange", "cuanto tiempo", "combien", "wie viele", "wieviele", "wie viel",
               "cuantos", "cuantas", "cuanto", "what number", "what percentage", "quel age", "what score",
               "quel est le bilan", "quel a ete le bilan", "quel etait le bilan", "quel fut le bilan", "what was the score", "death toll", "number of", "nombre de", "nombre d"),
    "time": ("when", "quand", "wann", "cuando", "what day", "what date", "what year", "quel jour", "quelle date",
             "en quelle annee", "since when", "depuis quand", "what time", "quelle heure"),
    "place": ("where", " ou ", "wo ", "wohin", "woher", "donde", "which city", "which country", "quelle ville",
              "quel pays", "which towns", "quelles villes"),
    "person": ("who", "whom", "whose", "qui ", "wer ", "wen ", "wem ", "quien", "what was the name", "what is the name",
               "what were the names", "quel est le nom", "quel etait le nom", "quels sont les noms", "comment s'appelle",
               "comment s'appelait", "comment se nomme", "wie heisst", "como se llama"),
}
# Number words a news sentence writes out ("trois millions", "Twenty-four people", "un millier").
NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens", "both",
    "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quinze", "vingt", "trente", "quarante", "cinquante", "cent", "cents", "mille", "millier", "milliers",
    "dizaine", "dizaines", "centaine", "centaines", "douzaine", "décennies", "decennies",
    "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "hundert", "tausend",
    "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "cien", "mil",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "januar", "februar", "marz", "juni", "juli", "oktober", "dezember", "enero", "febrero",
    "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
}
# the words that name a day (what answers "when"), and those that only place something in time
DAY_WORDS = MONTHS | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui", "demain",
}
TIME_WORDS = DAY_WORDS | {"week", "semaine", "month", "mois", "year", "annee", "ans", "years", "ago", "depuis", "since"}
# Words that report speech: a question of what someone said is answered by a sentence that quotes
# or reports them, not by one that only names them.


# The event a question turns on, in the languages asked in: if the question names one of these
# ("killed", "arrested", "born", "mayor"), the answering sentence names it too, in any of them.
# Short forms match whole words, longer ones as word beginnings ("arrest" → "arrested"). Words with
# a second common sense stay out ("élus" are also officials, "gagner" is also to win); a form marked
# "+" only answers: "accuse" in a question often only reports ("the hospital Iran accuses Israel of
# striking"), while "accusé Facebook" answers whom someone blamed.
_GROUPS = tuple(g.split() for g in (
    "kill killed killing dead death deaths died dying toll massacre victims tue tues tuee tuees tuant tuer "
    "tuera tuerait tueraient tueront mort morts morte decede deces victime bilan getotet tote toten tod todes todesopfer starb starben gestorben muertos muerto murieron fallecidos",
    "injur wound blesse blesses blessee verletzt verwundet herido heridos",
    "arrest detain detention jail prison arrete arretes arretee detenu detenue detention interpell emprison apprehen "
    "festgenommen verhaftet detenido arrestado",
    "freed release released releases releasing liberat libere liberee liberes relache relachee freigelassen liberado",
    "born birth naissance geboren nacio nacimiento",
    "elected election elections vote votes voted voting voter votent votera voteront ballot scrutin voix gewahlt wahl wahlen stimmen stimmten elegido votos",
    "scored scorer goal goals marque marquer buts torschutze gol goles",
    "succeed successor succeeded replace replaced successeur succede remplace nachfolger sucesor reemplaz",
    "study studies studied studying studi university universite etudie etudia etudes diplome graduat studiert universitat "
    "estudio universidad",
    "began begin begins beginning start started starts commence commencer debut debute launch lance "
    "begann beginnt comenzo empezo",
    "ended end ends finished concluded closed termine terminer terminee fin conclu cloture clos endete beendet termino",
    "married marriage wife husband marie mariee epouse mari verheiratet heirat ehefrau ehemann casado esposa",
    "refugee refugees refugie refugies fluchtling fluchtlinge refugiado refugiados",
    "journalist journalists reporter journaliste journalistes journalisten periodista periodistas",
    "mayor maire burgermeister alcalde",
    "ambassador ambassadors ambassadeur ambassadeurs ambassadrice botschafter embajador",
    "suspect suspects gunman gunmen shooter perpetrator attacker attackers assailant auteur auteurs tireur tireurs "
    "assaillant assaillants presume presumee tater tatverdachtig sospechoso",
    "appoint appointed appointment nomme nommee nommes nomination designe designee ernannt nombrado nombrada",
    "organis organiz organisateur organisateurs organisatrice veranstaltet organizo",
    "sank sink sinks sunk sinking coule coulent couler sombre naufrage gesunken hundio",
    "flee fled exile geflohen fluchtete quitte quitter fui fuite exil verlassen floh salio huyo",
    "salary earn earns wealth fortune salaire richesse gehalt vermogen salario fortuna",
    "sentence sentenced verdict trial court condamne condamnation proces tribunal verurteilt urteil gericht "
    "condenado juicio",
    "blame blames blamed blaming reproch beschuldig culpa +accus",
    "evacuat evacue evacuer evacuent evacuee dispers expel expuls raumt desaloj",
    "fund funds funded funding funder financ sponsor bailleur bailleurs subvention subventionne finanziert",
    "hide hides hiding hid hidden cache caches cacher cachent cachait clandestin clandestinite planque versteckt escondido",
    "weapon weapons gun guns rifle firearm pistol arme armes pistolet kalachnikov waffe waffen arma armas",
    "meet met meets meeting meetings talks summit rencontr reunion reunions reuni sommet entretien entretenu "
    "pourparlers treffen traf trafen getroffen gipfel reunio reunieron cumbre",
    "pilot pilots piloted piloting pilote pilotes pilotait piloter pilotee",
    "revendiqu responsib responsabilit +claim +claims +claimed",
    "treated soign hospitalis hospitaliz +hospital +hospitals +hopital +hopitaux +clinic +clinique behandelt",
))
# events a question of dated news turns on only: where a treaty was signed, an encyclopedia answers
# by the treaty ("Le traité d'Aix-la-Chapelle de 1748…"), but "who signed the agreement" over
# "Andorra and the Order of Malta establish relations" is a nearby sentence
_NEWS_GROUPS = tuple(g.split() for g in (
    "sign signs signed signing signe signent signer signataire signataires signature unterzeichnet firmado firmo",
    "buried bury burial burials funeral funerals enterre enterree enterrement inhum obseques funerailles sepult "
    "cimetiere cemetery +tomb +tombe +grave beerdigt begraben enterrado",
    "translat tradui traduct ubersetz",
))


# what may become of someone or something after the event a question sets out from ("what became
# of X after his arrest", "qu'est-il advenu du projet de loi"): an answer names one of these, and
# one the question does not already name
_OUTCOME_GROUPS = tuple(g.split() for g in (
    "freed release released releases liberat libere liberee liberes relache relachee freigelassen liberado",
    "kill killed dead death died tue tuee mort morte decede deces getotet starb muerto murio",
    "sentence sentenced condamne condamnee condamnation verurteilt condenado",
    "arrest detain detained detention jail jailed prison imprison arrete arretee detenu detenue interpell "
    "emprison incarcer apprehen festgenommen verhaftet detenido arrestado",
    "charged charges prosecut inculp poursuivi angeklagt acusado",
    "trial tried proces juge jugee tribunal court gericht juicio",
    "tortur",
    "disappear disappeared missing disparu disparue disparition verschwunden desaparecido",
    "resign resigned quit demission demissionne zuruckgetreten dimitio",
    "fired dismissed sacked limoge licencie renvoye entlassen despedido",
    "return returned back revenu revenue rentre rentree retour zuruck regreso volvio",
    "exile exiled fled flee fui fuite exil geflohen huyo",
    "transfer transferred transfere transferee verlegt trasladado",
    "hospital hospitalis hospitaliz hopital soign wounded injured blesse blessee verletzt herido",
    "approv adopt passed passes rejected reject vote voted ratif adopte approuve rejete vote votee verabschiedet aprobado",
    "withdrawn shelved abandon dropped suspend postpone retire abandonne suspendu reporte",
    "escape escaped evade evad entkommen escapo",
    "deport deported expel expelled expuls extradit abgeschoben deportado",
    "shot shoot shooting shootings fusill abattu tire erschossen disparado",
    "hired rehired job post reintegr embauche poste emploi",
))


def _predicates(groups) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    # (the forms a question names the event by, the forms an answer may name it by)
    return tuple((frozenset(w for w in g if not w.startswith("+")), frozenset(w.lstrip("+") for w in g))
                 for g in groups)


PREDICATES = _predicates(_GROUPS)
NEWS_PREDICATES = PREDICATES + _predicates(_NEWS_GROUPS)

# the people a question may ask the name of ("the name of the judge", "le nom de l'adolescent")
PERSON_NOUNS = frozenset((
    "teenager man woman boy girl child ambassador judge commander officer general minister president leader "
    "activist blogger journalist pilot suspect gunman shooter victim player winner spokesman spokeswoman "
    "spokesperson envoy diplomat official imam cleric manager director chief founder singer rapper artist poet "
    "author writer soldier student doctor lawyer mayor governor king prince queen candidate opponent dissident "
    "protester demonstrator tweeter husband wife son daughter father mother brother sister "
    "adolescent homme femme garçon fille enfant ambassadeur ambassadrice juge commandant officier général "
    "ministre président présidente dirigeant dirigeante chef militant militante blogueur blogueuse journaliste "
    "pilote suspect suspecte tireur victime joueur joueuse vainqueur porte-parole envoyé diplomate responsable "
    "directeur directrice fondateur fondatrice chanteur chanteuse rappeur artiste poète auteur auteure écrivain "
    "soldat étudiant étudiante médecin avocat avocate maire gouverneur roi reine candidat candidate opposant "
    "opposante manifestant manifestante mari épouse fils père mère frère sœur "
    "correspondent lawmaker senator deputy negotiator mediator photographer filmmaker presenter economist analyst "
    "researcher professor scientist survivor witness prisoner hostage refugee "
    "correspondant correspondante émissaire parlementaire député députée sénateur sénatrice négociateur médiateur "
    "photographe réalisateur réalisatrice cinéaste présentateur présentatrice économiste analyste chercheur "
    "chercheuse professeur professeure scientifique survivant survivante témoin prisonnier prisonnière otage "
    "réfugié réfugiée").split())

# what else a "which N" question may ask for by name: a body of people, a firm, a side ("which armed
# group", "quel opérateur", "which members"); a question of which of them is a question of who
GROUP_NOUNS = frozenset((
    "group groups members member company companies firm firms party parties team teams club clubs newspaper "
    "newspapers channel network operator operators organisation organization organisations organizations "
    "movement militia militias airline association agency delegation golfer footballer athlete "
    "groupe groupes membres membre société sociétés entreprise entreprises firme parti partis équipe équipes "
    "journal journaux chaîne réseau opérateur opérateurs mouvement milice milices "
    "compagnie agence délégation golfeur footballeur athlète").split())
# the places a "which N" question may ask for ("which hospital", "dans quelle prison", "quel quartier")
PLACE_NOUNS = frozenset((
    "hospital hospitals prison prisons stadium square street district neighbourhood neighborhood region province "
    "village villages town towns city cities camp hotel school university mosque church embassy consulate port "
    "airport base island border crossing course venue "
    "hôpital hôpitaux stade place rue quartier région ville villes hôtel école "
    "université mosquée église ambassade consulat aéroport île frontière").split())
OUTCOMES = tuple(frozenset(g) for g in _OUTCOME_GROUPS)
