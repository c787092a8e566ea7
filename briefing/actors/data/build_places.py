"""Regenerate places.json: country names from CLDR (via Babel) plus the hand-kept tables below.

Run from the project root: `.venv/bin/python -m briefing.actors.data.build_places`. Babel is needed
only to regenerate; at run time the package reads the JSON it ships.
"""

from __future__ import annotations

import json
from pathlib import Path

LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar"]

# CLDR names are formal ("Russie", "États-Unis"); news also uses these short or older forms.
COUNTRY_EXTRA: dict[str, list[str]] = {
    "US": ["USA", "U.S.", "U.S.A.", "US", "America", "United States of America", "Etats-Unis", "EU-A", "Amérique", "EEUU", "EE. UU.", "EE.UU."],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "Grande-Bretagne", "Royaume Uni", "England", "Angleterre"],
    "RU": ["Russian Federation", "Fédération de Russie", "Russland"],
    "CN": ["People's Republic of China", "PRC", "République populaire de Chine"],
    "KR": ["South Korea", "Corée du Sud", "Südkorea"],
    "KP": ["North Korea", "Corée du Nord", "Nordkorea"],
    "CD": ["DRC", "RDC", "DR Congo", "RD Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "République démocratique du Congo"],
    "CG": ["Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "PS": ["Palestine", "State of Palestine", "Palestinian territories", "Territoires palestiniens"],
    "IR": ["Islamic Republic of Iran", "République islamique d'Iran"],
    "SY": ["Syrian Arab Republic"],
    "AE": ["UAE", "U.A.E.", "EAU", "Emirates", "Émirats"],
    "SA": ["Saudi", "KSA", "Arabie"],
    "CZ": ["Czech Republic", "République tchèque"],
    "MM": ["Burma", "Birmanie"],
    "NL": ["Holland", "Hollande"],
    "TR": ["Turkey", "Türkiye", "Turquie"],
    "VA": ["Vatican", "Holy See", "Saint-Siège"],
    "MK": ["Macedonia", "Macédoine"],
    "SZ": ["Swaziland"],
    "TW": ["Taiwan", "Taïwan"],
    "XK": ["Kosovo"],
}

# Capitals and cities that make the news, in the spellings of the languages above (facts,
# compiled for this project). The first name is the English one, used as the canonical label.
CITIES: dict[str, list[str]] = {
    "Moscow": ["Moscou", "Moskau", "Moscú", "Mosca", "Moskou", "Москва", "Moskva", "Moskwa", "موسكو"],
    "Kyiv": ["Kiev", "Kyïv", "Kiew", "Kíev", "Kijów", "Київ", "Киев"],
    "Washington": ["Washington, D.C.", "Washington D.C.", "Вашингтон"],
    "London": ["Londres", "Londra", "Londen", "Лондон", "Londyn"],
    "Paris": ["Parigi", "Париж", "Paryż"],
    "Berlin": ["Berlino", "Берлин", "Berlín"],
    "Beijing": ["Pékin", "Peking", "Pechino", "Pekín", "Pequim", "Пекин", "Pékin-Ouest"],
    "Tokyo": ["Tokio", "Токио", "Tōkyō"],
    "Riyadh": ["Riyad", "Riad", "Ryad", "Er-Riyad", "Эр-Рияд", "الرياض"],
    "Doha": ["الدوحة", "Доха"],
    "Tehran": ["Téhéran", "Teheran", "Teherán", "Тегеран", "تهران"],
    "Cairo": ["Le Caire", "Kairo", "El Cairo", "Il Cairo", "Cairo", "Каир", "القاهرة"],
    "Damascus": ["Damas", "Damaskus", "Damasco", "Дамаск", "دمشق"],
    "Baghdad": ["Bagdad", "Багдад", "بغداد"],
    "Beirut": ["Beyrouth", "Beirut", "Beirute", "Бейрут", "بيروت"],
    "Jerusalem": ["Jérusalem", "Jerusalén", "Gerusalemme", "Иерусалим", "القدس"],
    "Tel Aviv": ["Tel-Aviv", "Тель-Авив"],
    "Gaza": ["Gaza City", "Gaza-ville", "Газа", "غزة"],
    "Tripoli": ["Tripoli", "Trípoli", "Tripolis", "Триполи", "طرابلس"],
    "Benghazi": ["Benghazi", "Bengasi", "Бенгази", "بنغازي"],
    "Sanaa": ["Sana'a", "Sanaa", "Сана", "صنعاء"],
    "Aden": ["Аден", "عدن"],
    "Amman": ["Амман", "عمان"],
    "Ankara": ["Анкара"],
    "Istanbul": ["Istamboul", "Estambul", "Istambul", "Стамбул", "İstanbul", "Constantinople"],
    "Tunis": ["Túnez", "Тунис", "تونس العاصمة"],
    "Algiers": ["Alger", "Algier", "Argel", "Algeri", "Алжир", "الجزائر العاصمة"],
    "Rabat": ["Рабат"],
    "Khartoum": ["Khartoum", "Jartum", "Khartum", "Хартум", "الخرطوم"],
    "Addis Ababa": ["Addis-Abeba", "Addis Abeba", "Аддис-Абеба"],
    "Nairobi": ["Найроби"],
    "Kabul": ["Kaboul", "Кабул"],
    "Islamabad": ["Исламабад"],
    "New Delhi": ["New Delhi", "Nouvelle-Delhi", "Neu-Delhi", "Nueva Delhi", "Нью-Дели"],
    "Brussels": ["Bruxelles", "Brüssel", "Bruselas", "Bruxelas", "Brussel", "Брюссель"],
    "Geneva": ["Genève", "Genf", "Ginebra", "Ginevra", "Genebra", "Женева"],
    "Vienna": ["Vienne", "Wien", "Viena", "Вена"],
    "Rome": ["Roma", "Rom", "Рим"],
    "Madrid": ["Мадрид"],
    "Lisbon": ["Lisbonne", "Lissabon", "Lisboa", "Лиссабон"],
    "Warsaw": ["Varsovie", "Warschau", "Varsovia", "Varsavia", "Warszawa", "Варшава"],
    "Minsk": ["Минск"],
    "Budapest": ["Будапешт"],
    "Prague": ["Prag", "Praga", "Praha", "Прага"],
    "Athens": ["Athènes", "Athen", "Atenas", "Atene", "Афины"],
    "Stockholm": ["Estocolmo", "Стокгольм"],
    "Oslo": ["Осло"],
    "Copenhagen": ["Copenhague", "Kopenhagen", "Copenaghen", "Копенгаген"],
    "Helsinki": ["Хельсинки"],
    "Tbilisi": ["Tbilissi", "Тбилиси"],
    "Yerevan": ["Erevan", "Eriwan", "Ереван"],
    "Baku": ["Bakou", "Баку"],
    "Ottawa": ["Оттава"],
    "Mexico City": ["Ciudad de México", "Мехико"],
    "Brasília": ["Brasilia", "Бразилиа"],
    "Buenos Aires": ["Буэнос-Айрес"],
    "Caracas": ["Каракас"],
    "Havana": ["La Havane", "Havanna", "La Habana", "L'Avana", "Гавана"],
    "Pyongyang": ["Pjöngjang", "Пхеньян"],
    "Seoul": ["Séoul", "Сеул"],
    "Taipei": ["Taïpei", "Тайбэй"],
    "Manila": ["Manille", "Манила"],
    "Jakarta": ["Djakarta", "Джакарта"],
    "Bangkok": ["Бангкок"],
    "Hanoi": ["Ханой"],
    "Abu Dhabi": ["Abou Dhabi", "Абу-Даби", "أبو ظبي"],
    "Dubai": ["Dubaï", "Дубай", "دبي"],
    "Muscat": ["Mascate", "Маскат", "مسقط"],
    "Kuwait City": ["Koweït City", "Эль-Кувейт"],
    "Manama": ["Манама", "المنامة"],
    "Aleppo": ["Alep", "Alepo", "Алеппо", "حلب"],
    "Homs": ["Хомс", "حمص"],
    "Alexandria": ["Alexandrie", "Alexandria", "Alejandría", "Александрия", "الإسكندرية"],
    "Misrata": ["Misratah", "Misurata", "Мисрата", "مصراتة"],
    "Taiz": ["Ta'izz", "Таиз", "تعز"],
    "Haifa": ["Hayfa", "Хайфа", "حيفا"],
    "Tabriz": ["Тебриз"],
    "Isfahan": ["Ispahan", "Исфахан"],
    "Kharkiv": ["Kharkov", "Kharkiv", "Charkiw", "Харьков", "Харків"],
    "Odesa": ["Odessa", "Одесса", "Одеса"],
    "St Petersburg": ["Saint-Pétersbourg", "St. Petersburg", "Saint Petersburg", "Sankt Petersburg", "San Petersburgo", "Санкт-Петербург"],
    "New York": ["New York City", "Nueva York", "Нью-Йорк"],
    "Strasbourg": ["Straßburg", "Estrasburgo", "Strasburgo", "Страсбург"],
    "The Hague": ["La Haye", "Den Haag", "La Haya", "L'Aia", "Гаага"],
}

# International organisations that every language names differently (acronyms included).
ORGS: dict[str, list[str]] = {
    "United Nations": ["UN", "U.N.", "ONU", "Nations unies", "Organisation des Nations unies", "Vereinte Nationen", "Naciones Unidas", "ООН"],
    "NATO": ["OTAN", "North Atlantic Treaty Organization", "Organisation du traité de l'Atlantique nord", "НАТО"],
    "European Union": ["EU", "E.U.", "UE", "Union européenne", "Europäische Union", "Unión Europea", "Евросоюз", "ЕС"],
    "European Commission": ["Commission européenne", "Europäische Kommission", "Comisión Europea"],
    "International Atomic Energy Agency": ["IAEA", "AIEA", "Agence internationale de l'énergie atomique", "МАГАТЭ"],
    "World Health Organization": ["WHO", "OMS", "Organisation mondiale de la santé", "ВОЗ"],
    "International Criminal Court": ["ICC", "CPI", "Cour pénale internationale", "МУС"],
    "International Monetary Fund": ["IMF", "FMI", "Fonds monétaire international", "МВФ"],
    "Arab League": ["Ligue arabe", "League of Arab States", "Arabische Liga", "Liga Árabe", "Лига арабских государств"],
    "African Union": ["Union africaine", "AU", "UA", "Afrikanische Union"],
    "UN Security Council": ["Security Council", "Conseil de sécurité", "Conseil de sécurité de l'ONU", "UNSC", "Sicherheitsrat"],
    "Kremlin": ["Kremlin", "Kreml", "Кремль"],
    "White House": ["Maison Blanche", "Maison-Blanche", "Weißes Haus", "Casa Blanca", "Белый дом"],
    "Hamas": ["Hamas", "Hamás", "ХАМАС", "حماس"],
    "Hezbollah": ["Hizbollah", "Hisbollah", "Hezbolá", "Хезболла", "حزب الله"],
    "Muslim Brotherhood": ["Frères musulmans", "Muslimbruderschaft", "Hermanos Musulmanes", "Братья-мусульмане"],
}


def build() -> dict:
    from babel import Locale

    countries: dict[str, dict] = {}
    english = Locale("en").territories
    for code, name in english.items():
        if not (len(code) == 2 and code.isalpha()) or code in {"ZZ", "EU", "EZ", "UN", "QO"}:
            continue
        names: list[str] = []
        for lang in LANGUAGES:
            local = Locale(lang).territories.get(code)
            if local and local not in names:
                names.append(local)
        for extra in COUNTRY_EXTRA.get(code, []):
            if extra not in names:
                names.append(extra)
        countries[code] = {"name": name, "names": names}
    return {
        "source": "Country names: Unicode CLDR via Babel " + _babel_version() + " (Unicode License v3). "
        "Cities and organisations: compiled for this project (facts).",
        "countries": countries,
        "cities": {k: [k, *v] for k, v in CITIES.items()},
        "orgs": {k: [k, *v] for k, v in ORGS.items()},
    }


def _babel_version() -> str:
    import babel

    return babel.__version__


if __name__ == "__main__":
    out = Path(__file__).with_name("places.json")
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
